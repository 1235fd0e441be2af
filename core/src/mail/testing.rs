//! Test support for mail: a real SMTP server (aiosmtpd, `tests/support/smtp_sink.py`) started
//! on 127.0.0.1, and a reader for the messages it received.
//!
//! When Python with aiosmtpd is missing the tests say so and skip — unless `CI` is set, where
//! a missing tool is a failure (`.ci/run` installs it).

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::appeal::AppealForm;
use crate::domain::audit::AuditActor;
use crate::domain::catalogue::Catalogue;
use crate::domain::clerk::{Clerk, Role};
use crate::domain::district::District;
use crate::domain::ids::{AppealId, DistrictCode, RegistryId};
use crate::domain::person::{Address, FullName, RegistrationKind};
use crate::domain::question::EmailAddress;
use crate::i18n::Lang;
use crate::store::accounts::{self, IssuePinOutcome, IssueRequest, Issuer};
use crate::store::appeals::{self, FileOutcome, FileRequest};
use crate::store::{Store, catalogue, clerks, districts, residents};

/// A running SMTP sink.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"].into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/support/smtp_sink.py")
}

impl SmtpSink {
    /// Starts a sink on a free port, or on `port`. `None` (after a loud message) when aiosmtpd
    /// is not installed and `CI` is not set.
    pub fn start(test: &str, port: Option<u16>) -> Option<SmtpSink> {
        SmtpSink::start_with(test, port, None)
    }

    /// Starts a sink that requires AUTH as the `user:password` in `credentials`, read at each
    /// attempt (rewrite the file to mend or break the server): others get `535`, mail before
    /// authenticating `530`.
    pub fn start_authenticated(test: &str, port: Option<u16>, credentials: &Path) -> Option<SmtpSink> {
        SmtpSink::start_with(test, port, Some(credentials))
    }

    fn start_with(test: &str, port: Option<u16>, credentials: Option<&Path>) -> Option<SmtpSink> {
        let Some(py) = python() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{test}: python3 with aiosmtpd is required in CI (apt-get install python3-aiosmtpd)"
            );
            eprintln!("SKIPPED {test}: python3 with aiosmtpd is not installed (apt-get install python3-aiosmtpd)");
            return None;
        };
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("received");
        let mut child = Command::new(py)
            .arg(script())
            .arg(&dir)
            .arg(port.unwrap_or(0).to_string())
            .args(credentials.map(|c| [std::ffi::OsStr::new("--auth"), c.as_os_str()]).into_iter().flatten())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP sink starts");
        let stdout = child.stdout.take().expect("piped");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("the sink reports its port");
        let port = line
            .trim()
            .strip_prefix("READY ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected sink output {line:?}"));
        Some(SmtpSink { child, port, dir, _tmp: tmp })
    }

    /// Stops the server (the port refuses connections until a new sink starts on it).
    pub fn stop(mut self) -> PathBuf {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.dir.clone()
    }

    /// The messages received so far, in arrival order.
    pub fn received(&self) -> Vec<ReceivedMail> {
        read_dir(&self.dir)
    }

    /// Waits until at least `n` messages arrived (or `timeout` passes) and returns them.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let start = Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n || start.elapsed() > timeout {
                return got;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// The messages written into a sink's folder, in arrival order.
pub fn read_dir(dir: &Path) -> Vec<ReceivedMail> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files: Vec<PathBuf> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "eml")).collect();
    files.sort();
    files.iter().filter_map(|f| std::fs::read(f).ok()).map(|raw| ReceivedMail::parse(&raw)).collect()
}

/// A received message, decoded enough for assertions.
#[derive(Clone, Debug, Default)]
pub struct ReceivedMail {
    /// Header names in lower case; values unfolded, encoded words decoded.
    pub headers: BTreeMap<String, String>,
    /// The raw header lines, as sent.
    pub raw_headers: String,
    /// The plain-text part as a mail client shows it: `format=flowed` lines joined again.
    pub text: Option<String>,
    /// The plain-text part's lines as sent (decoded, not joined), and its `Content-Type`.
    pub text_as_sent: Option<(String, String)>,
    pub html: Option<String>,
}

impl ReceivedMail {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(&name.to_lowercase()).map(String::as_str)
    }

    pub fn subject(&self) -> &str {
        self.header("subject").unwrap_or_default()
    }

    pub fn message_id(&self) -> &str {
        self.header("message-id").unwrap_or_default()
    }

    /// Parses an RFC 5322 message with a `multipart/alternative` body (or a single part).
    pub fn parse(raw: &[u8]) -> ReceivedMail {
        let text = String::from_utf8_lossy(raw).replace("\r\n", "\n");
        let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
        let headers = parse_headers(head);
        let mut mail = ReceivedMail { raw_headers: head.to_owned(), ..Default::default() };
        let content_type = headers.get("content-type").cloned().unwrap_or_default();
        if let Some(boundary) = boundary(&content_type) {
            for part in body.split(&format!("--{boundary}")).skip(1) {
                if part.starts_with("--") {
                    break;
                }
                let part = part.trim_start_matches('\n');
                let (phead, pbody) = part.split_once("\n\n").unwrap_or((part, ""));
                let ph = parse_headers(phead);
                let decoded = decode_body(pbody, ph.get("content-transfer-encoding").map(String::as_str));
                let ct = ph.get("content-type").cloned().unwrap_or_default();
                if ct.starts_with("text/plain") {
                    mail.text = Some(client_text(&decoded, &ct));
                    mail.text_as_sent = Some((decoded, ct));
                } else if ct.starts_with("text/html") {
                    mail.html = Some(decoded);
                }
            }
        } else {
            let decoded = decode_body(body, headers.get("content-transfer-encoding").map(String::as_str));
            mail.text = Some(client_text(&decoded, &content_type));
        }
        mail.headers = headers;
        mail
    }
}

/// A plain-text part as a client that knows `format=flowed` (RFC 3676) reads it.
fn client_text(decoded: &str, content_type: &str) -> String {
    if content_type.to_ascii_lowercase().replace(' ', "").contains(";format=flowed") {
        super::flowed::decode(decoded)
    } else {
        decoded.to_owned()
    }
}

fn boundary(content_type: &str) -> Option<String> {
    let pos = content_type.find("boundary=")?;
    let rest = &content_type[pos + "boundary=".len()..];
    let value = rest.trim_start_matches('"');
    let end = value.find(['"', ';']).unwrap_or(value.len());
    Some(value[..end].to_owned())
}

fn parse_headers(head: &str) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = current.as_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = current.take() {
            out.insert(k, decode_words(&v));
        }
        if let Some((k, v)) = line.split_once(':') {
            current = Some((k.trim().to_lowercase(), v.trim().to_owned()));
        }
    }
    if let Some((k, v)) = current {
        out.insert(k, decode_words(&v));
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); whitespace between
/// adjacent encoded words is dropped, as the RFC says.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = &rest[..start];
        let after = &rest[start + 2..];
        let parts: Vec<&str> = after.splitn(3, '?').collect();
        if parts.len() < 3 {
            break;
        }
        let Some(end) = parts[2].find("?=") else { break };
        let encoded = &parts[2][..end];
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let bytes = match parts[1].to_ascii_lowercase().as_str() {
            "b" => base64(encoded),
            _ => quoted_printable(&encoded.replace('_', " ")),
        };
        out.push_str(&String::from_utf8_lossy(&bytes));
        last_was_word = true;
        let consumed = start + 2 + parts[0].len() + 1 + parts[1].len() + 1 + end + 2;
        rest = &rest[consumed..];
    }
    out.push_str(rest);
    out
}

fn decode_body(body: &str, encoding: Option<&str>) -> String {
    let bytes = match encoding.map(str::to_ascii_lowercase).as_deref() {
        Some("base64") => base64(&body.split_whitespace().collect::<String>()),
        Some("quoted-printable") => quoted_printable(body),
        _ => body.as_bytes().to_vec(),
    };
    String::from_utf8_lossy(&bytes).trim_end_matches('\n').to_owned()
}

fn base64(input: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let mut buffer = 0u32;
    let mut bits = 0;
    for c in input.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else { continue };
        buffer = (buffer << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
        }
    }
    out
}

fn quoted_printable(input: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if i + 1 < bytes.len() && bytes[i + 1] == b'\n' => i += 2,
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// A world that produces mail

/// A district, the catalogue, a resident with a PIN and a supervisor: enough to produce mail.
pub struct World {
    pub clerk: Clerk,
    pub account: accounts::Account,
}

/// Builds a [`World`] in `store`; the resident's address `email` is confirmed (unless `None`).
pub fn world(store: &Store, email: Option<&str>, lang: Lang, now: DateTime<Utc>) -> World {
    let c = &mut *store.conn().expect("conn");
    districts::save(
        c,
        &District {
            code: DistrictCode::new("0412"),
            name: "Арбат".to_owned(),
            council_name: "Управа района Арбат города Москвы".to_owned(),
            council_address: "ул. Новый Арбат, д. 36/9".to_owned(),
            office_hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
            phone: None,
        },
    )
    .expect("district");
    catalogue::load(c, &Catalogue::builtin().expect("valid")).expect("catalogue");
    let address = Address {
        district: DistrictCode::new("0412"),
        street: "ул. Новый Арбат".to_owned(),
        house: "12".to_owned(),
        building: None,
        structure: None,
        flat: Some("12А".to_owned()),
    };
    residents::insert_batch(
        c,
        &[residents::NewResident::new(
            &RegistryId::new("R1"),
            &FullName {
                surname: "Иванова".to_owned(),
                name: "Мария".to_owned(),
                patronymic: Some("Петровна".to_owned()),
            },
            NaiveDate::from_ymd_opt(1985, 3, 14).expect("valid"),
            &address,
            RegistrationKind::Permanent,
        )],
    )
    .expect("resident");
    let resident = residents::by_registry_id(c, "R1").expect("query").expect("present");
    let district = DistrictCode::new("0412");
    let clerk = clerks::add(
        c,
        &clerks::NewClerk {
            login: "orlova",
            full_name: "Орлова А. И.",
            role: Role::Supervisor,
            district: Some(&district),
            password: "",
        },
        &crate::account::filler_hash(),
        &AuditActor::os_user("test"),
        now,
    )
    .expect("clerk");
    let issued = accounts::issue_pin(
        c,
        &IssueRequest { resident: resident.id, email: email.and_then(EmailAddress::parse), lang, replace: false },
        &Issuer {
            name: "Орлова А. И.".to_owned(),
            clerk: Some(clerk.id),
            audit: AuditActor::clerk("orlova"),
            desk: "окно 1".to_owned(),
        },
        now,
    )
    .expect("pin");
    let IssuePinOutcome::Issued(issued) = issued else { panic!("issued") };
    if let Some(token) = &issued.confirmation {
        accounts::confirm(c, token, now).expect("confirmed");
    }
    let account = accounts::get(c, issued.account.id).expect("query").expect("present");
    World { clerk, account }
}

/// Files an appeal for the world's resident.
pub fn file(store: &Store, w: &World, service: &str, extra: &[(&str, &str)], now: DateTime<Utc>) -> AppealId {
    let c = &mut *store.conn().expect("conn");
    let svc = catalogue::get(c, service).expect("query").expect("service");
    let mut form: Vec<(String, String)> = [
        ("surname", "Иванова"),
        ("name", "Мария"),
        ("patronymic", "Петровна"),
        ("birth_date", "1985-03-14"),
        ("street", "ул. Новый Арбат"),
        ("house", "12"),
        ("flat", "12А"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    form.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    let draft = AppealForm::new(&form).parse(&svc, crate::clock::moscow_date(now)).expect("valid");
    match appeals::file(
        c,
        &FileRequest { account: w.account.id, draft: &draft, lang: w.account.lang, corrects: None },
        crate::clock::ProductionCalendar::embedded().expect("valid"),
        now,
    )
    .expect("filed")
    {
        FileOutcome::Filed { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

/// `n` informational messages on one appeal, in one transaction (each still its own event and
/// outbox row).
pub fn many_messages(store: &Store, w: &World, id: AppealId, n: usize, now: DateTime<Utc>) {
    let c = &mut *store.conn().expect("conn");
    crate::store::write_txn(c, |c| -> Result<(), appeals::DecideError> {
        for i in 0..n {
            appeals::send_message(c, id, &w.clerk, &format!("Сообщение № {i}"), now)?;
        }
        Ok(())
    })
    .expect("messages");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_mail_clients_decode() {
        assert_eq!(decode_words("=?utf-8?b?0J/RgNC40LLQtdGC?="), "Привет");
        assert_eq!(decode_words("=?utf-8?b?0J/RgNC4?= =?utf-8?b?0LLQtdGC?= !"), "Привет !");
        assert_eq!(decode_words("=?UTF-8?Q?caf=C3=A9_au_lait?="), "café au lait");
        assert_eq!(decode_words("plain"), "plain");
        assert_eq!(quoted_printable("a=3Db=\nc"), b"a=bc");
        assert_eq!(base64("0J/RgA=="), "Пр".as_bytes());
    }

    #[test]
    fn parses_a_multipart_message() {
        let raw = "Subject: =?utf-8?b?0J/RgNC40LLQtdGC?=\r\nMessage-ID: <1.x@e.invalid>\r\nContent-Type: multipart/alternative;\r\n boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC40LLQtdGC\r\n--B\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=D0=9F</p>\r\n--B--\r\n";
        let m = ReceivedMail::parse(raw.as_bytes());
        assert_eq!(m.subject(), "Привет");
        assert_eq!(m.message_id(), "<1.x@e.invalid>");
        assert_eq!(m.text.as_deref(), Some("Привет"));
        assert_eq!(m.html.as_deref(), Some("<p>П</p>"));
    }
}
