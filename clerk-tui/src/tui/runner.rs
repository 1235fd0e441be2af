//! The runner: carries out [`Effect`]s against `core` and answers with an [`Action`]. Every
//! failure becomes a message for the status line in the clerk's language — a database error
//! never ends the program.
//!
//! Each decision is one call into `core`, which writes the status, its event, its outbox row
//! and its audit row in one transaction. Opening a resident's personal data (an appeal, a
//! question, a registry record) writes its audit row in the same transaction that reads it.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::process::{Command as Process, Stdio};

use ereception_core::account::{LockoutPolicy, SlipData, SlipEmail, SlipWidth, render_slip};
use ereception_core::clock::{Clock, DayUnit, ProductionCalendar, moscow_date};
use ereception_core::domain::audit::{AuditAction, AuditActor};
use ereception_core::domain::clerk::Clerk;
use ereception_core::domain::event::Actor;
use ereception_core::domain::ids::{AppealId, ClerkId};
use ereception_core::domain::person::Resident;
use ereception_core::domain::status::StatusKind;
use ereception_core::i18n::{Lang, Msg, tr, tr_args};
use ereception_core::store::appeals::{
    self, DecideError, DecisionBy, DocumentUpload, MAX_DOCUMENT_BYTES, Queue, QueueQuery,
};
use ereception_core::store::{
    self, DbConn, Store, StoreError, accounts, audit, catalogue, clerks, desk, districts, outbox, questions, residents,
    write_txn,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::action::{
    Action, AppealData, DashboardData, Done, Effect, FoundResident, IssuedSlip, PageCursor, PendingFile, QuestionData,
    QueueKind, QueuePage, QueueRequest, ResidentData, Rows, Session, SignInFailure,
};
use super::app::PAGE;
use super::editor::Secret;

/// Carries out effects.
pub trait Runner {
    fn run(&mut self, effect: Effect) -> Action;
}

/// What the runner needs from the configuration.
#[derive(Clone, Debug)]
pub struct DeskConfig {
    pub lang: Lang,
    pub public_url: String,
    pub slip_width: SlipWidth,
    pub desk: String,
    pub print_command: Option<String>,
}

/// The runner against a real store.
pub struct CoreRunner {
    store: Store,
    calendar: ProductionCalendar,
    clock: Box<dyn Clock>,
    config: DeskConfig,
    /// The account signed in, as it was at sign-in: every later effect first checks that the
    /// administrator has not disabled it or changed its role or district meanwhile.
    signed_in: Option<Clerk>,
    /// How long a step waits for a database connection ([`DB_WAIT`]).
    db_wait: std::time::Duration,
}

/// How long a step of the terminal waits for a database connection. The terminal runs one
/// step at a time, so a connection is never busy elsewhere: only a database that does not
/// answer makes it wait, and with the pool's own 15 seconds every key froze the screen that
/// long while PostgreSQL was unreachable.
pub const DB_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

impl CoreRunner {
    pub fn new(store: Store, calendar: ProductionCalendar, clock: Box<dyn Clock>, config: DeskConfig) -> CoreRunner {
        CoreRunner { store, calendar, clock, config, signed_in: None, db_wait: DB_WAIT }
    }

    /// Waits `wait` for a connection from now on (tests shorten it).
    #[cfg(test)]
    pub fn set_db_wait(&mut self, wait: std::time::Duration) {
        self.db_wait = wait;
    }

    /// Why the signed-in account may no longer work, if it may not: disabled (or deleted), or
    /// its role or district changed (what the terminal shows and allows follows both).
    fn account_changed(&self) -> Result<Option<&'static str>, Fail> {
        let Some(was) = &self.signed_in else { return Ok(None) };
        let now = clerks::get(&mut *self.conn()?, was.id).map_err(store_fail(self.lang()))?;
        Ok(match now {
            None => Some("tui-session-ended-disabled"),
            Some(c) if c.disabled => Some("tui-session-ended-disabled"),
            Some(c) if c.role != was.role || c.district != was.district => Some("tui-session-ended-changed"),
            Some(_) => None,
        })
    }
}

impl Runner for CoreRunner {
    fn run(&mut self, effect: Effect) -> Action {
        if !matches!(effect, Effect::SignIn { .. }) {
            match self.account_changed() {
                Ok(None) => {}
                Ok(Some(why)) => {
                    self.signed_in = None;
                    return Action::Done(Done::SessionEnded { message: tr(self.lang(), why) });
                }
                Err(Fail(message)) => return Action::Failed(message),
            }
        }
        match self.execute(effect) {
            Ok(done) => {
                if let Done::SignedIn(session) = &done {
                    self.signed_in = Some(session.clerk.clone());
                }
                Action::Done(done)
            }
            Err(Fail(message)) => Action::Failed(message),
        }
    }
}

/// A failure as the clerk reads it.
struct Fail(String);

fn store_fail(lang: Lang) -> impl Fn(StoreError) -> Fail {
    move |e| {
        tracing::warn!(error = %e, "the terminal's database call failed");
        Fail(crate::cli::commands::store_error(&e, lang))
    }
}

fn core_queue(kind: QueueKind, stage: Option<String>) -> Option<Queue> {
    Some(match kind {
        QueueKind::New => Queue::New,
        QueueKind::InProgress => Queue::InProgress(stage),
        QueueKind::Originals => Queue::Originals,
        QueueKind::Ready => Queue::Ready,
        QueueKind::Consultations => Queue::Consultations,
        QueueKind::Overdue => Queue::Overdue,
        QueueKind::All => Queue::All,
        QueueKind::Questions => return None,
    })
}

/// The media type of a file, from its extension.
pub fn media_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "tif" | "tiff" => "image/tiff",
        "txt" => "text/plain",
        "xml" => "application/xml",
        "zip" => "application/zip",
        "sig" | "p7s" => "application/pkcs7-signature",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "odt" => "application/vnd.oasis.opendocument.text",
        "rtf" => "application/rtf",
        _ => "application/octet-stream",
    }
}

/// Whether `content` is what a file of `media_type` starts with, for the formats whose first
/// bytes say what they are; the others pass.
fn content_matches(media_type: &str, content: &[u8]) -> bool {
    let zip = |c: &[u8]| c.starts_with(b"PK\x03\x04");
    match media_type {
        "application/pdf" => content.starts_with(b"%PDF-"),
        "image/png" => content.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => content.starts_with(&[0xFF, 0xD8, 0xFF]),
        "image/tiff" => content.starts_with(b"II*\0") || content.starts_with(b"MM\0*"),
        "application/zip"
        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/vnd.oasis.opendocument.text" => zip(content),
        "application/rtf" => content.starts_with(b"{\\rtf"),
        "text/plain" | "application/xml" => std::str::from_utf8(content).is_ok(),
        _ => true,
    }
}

/// Reads a file to issue: its name, media type, size and SHA-256, refusing what core would,
/// and any file that is not a document format ([`media_type`]) or whose content is not what
/// its extension says — a clerk picking a wrong file by mistake is told before anything is
/// issued.
pub fn read_document(path: &str, lang: Lang) -> Result<(String, Vec<u8>), String> {
    let expanded = match path.strip_prefix("~/") {
        Some(rest) => std::env::var_os("HOME").map_or_else(|| path.into(), |h| std::path::Path::new(&h).join(rest)),
        None => std::path::PathBuf::from(path),
    };
    let fail = |e: std::io::Error| {
        let detail = ereception_core::i18n::io_error_text(lang, &e);
        tr_args(lang, "tui-file-error", &[("path", path.into()), ("detail", detail.into())])
    };
    // a folder is said to be one, not «a file that is no document» named after the folder
    if expanded.is_dir() {
        return Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let name = expanded.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let kind = media_type(&name);
    if kind == "application/octet-stream" {
        return Err(tr_args(lang, "tui-file-not-a-document", &[("name", name.as_str().into())]));
    }
    let file = std::fs::File::open(&expanded).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(fail(std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    let max = u64::try_from(MAX_DOCUMENT_BYTES).unwrap_or(u64::MAX);
    if meta.len() == 0 || meta.len() > max {
        return Err(Msg::new("decide-error-bad-document").arg("max", MAX_DOCUMENT_BYTES).render(lang));
    }
    let mut content = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut content).map_err(fail)?;
    if content.is_empty() || content.len() > MAX_DOCUMENT_BYTES {
        return Err(Msg::new("decide-error-bad-document").arg("max", MAX_DOCUMENT_BYTES).render(lang));
    }
    if !content_matches(kind, &content) {
        return Err(tr_args(lang, "tui-file-content-mismatch", &[("name", name.as_str().into())]));
    }
    Ok((name, content))
}

impl CoreRunner {
    fn lang(&self) -> Lang {
        self.config.lang
    }

    fn conn(&self) -> Result<store::PooledConn, Fail> {
        self.store.conn_within(self.db_wait).map_err(store_fail(self.lang()))
    }

    fn names(
        conn: &mut DbConn,
        ids: impl IntoIterator<Item = ClerkId>,
    ) -> Result<HashMap<ClerkId, String>, StoreError> {
        let mut out = HashMap::new();
        for id in ids {
            if let std::collections::hash_map::Entry::Vacant(e) = out.entry(id)
                && let Some(c) = clerks::get(conn, id)?
            {
                e.insert(c.full_name);
            }
        }
        Ok(out)
    }

    /// The done message followed by how the applicant learns of it: by letter, or only in the
    /// personal area (no confirmed address: every event on an appeal is mailed).
    fn with_notice(conn: &mut DbConn, appeal: AppealId, done: String, lang: Lang) -> Result<String, StoreError> {
        let notice =
            if outbox::latest_event_mailed(conn, appeal)? { "tui-notice-mailed" } else { "tui-notice-personal-area" };
        Ok(format!("{done} {}", tr(lang, notice)))
    }

    fn in_district(clerk: &Clerk, district: &ereception_core::domain::ids::DistrictCode) -> bool {
        clerk.district.as_ref() == Some(district)
    }

    fn execute(&mut self, effect: Effect) -> Result<Done, Fail> {
        let lang = self.lang();
        let now = self.clock.now();
        let sf = store_fail(lang);
        match effect {
            Effect::SignIn { login, password } => {
                let c = &mut *self.conn()?;
                let outcome =
                    clerks::sign_in(c, &login, password.expose(), &LockoutPolicy::default(), now).map_err(&sf)?;
                drop(password);
                match outcome {
                    clerks::SignInOutcome::SignedIn(clerk) => {
                        let Some(code) = clerk.district.clone() else {
                            return Ok(Done::SignInFailed(SignInFailure::NoDistrict));
                        };
                        let district = districts::get(c, code.as_str()).map_err(&sf)?.ok_or_else(|| {
                            Fail(Msg::new("error-unknown-district").arg("code", code.as_str()).render(lang))
                        })?;
                        let catalogue = catalogue::active(c).map_err(&sf)?;
                        let staff = clerks::in_district(c, &code).map_err(&sf)?;
                        Ok(Done::SignedIn(Box::new(Session {
                            clerk,
                            district,
                            catalogue,
                            staff,
                            calendar: self.calendar.clone(),
                        })))
                    }
                    clerks::SignInOutcome::Failed { attempts_left } => {
                        Ok(Done::SignInFailed(SignInFailure::Failed { attempts_left }))
                    }
                    clerks::SignInOutcome::Locked { until } => Ok(Done::SignInFailed(SignInFailure::Locked { until })),
                    clerks::SignInOutcome::Disabled => Ok(Done::SignInFailed(SignInFailure::Disabled)),
                }
            }
            Effect::SignOut { login } => {
                clerks::record_signed_out(&mut *self.conn()?, &login, now).map_err(&sf)?;
                Ok(Done::SignedOut)
            }
            Effect::LockScreen { login, idle_minutes } => {
                clerks::record_screen_locked(&mut *self.conn()?, &login, idle_minutes, now).map_err(&sf)?;
                Ok(Done::ScreenLocked)
            }
            Effect::Unlock { login, password } => {
                let c = &mut *self.conn()?;
                let outcome =
                    clerks::unlock(c, &login, password.expose(), &LockoutPolicy::default(), now).map_err(&sf)?;
                drop(password);
                Ok(match outcome {
                    clerks::SignInOutcome::SignedIn(_) => Done::Unlocked,
                    clerks::SignInOutcome::Failed { attempts_left } => {
                        Done::UnlockFailed(SignInFailure::Failed { attempts_left })
                    }
                    clerks::SignInOutcome::Locked { until } => Done::UnlockFailed(SignInFailure::Locked { until }),
                    clerks::SignInOutcome::Disabled => Done::UnlockFailed(SignInFailure::Disabled),
                })
            }
            Effect::Dashboard { district, today } => {
                let c = &mut *self.conn()?;
                let counts = desk::counts(c, &district, today).map_err(&sf)?;
                let questions = questions::counts(c, &district, today).map_err(&sf)?;
                let undelivered =
                    if counts.email_failed > 0 { desk::undelivered(c, &district, 5).map_err(&sf)? } else { Vec::new() };
                Ok(Done::Dashboard(Box::new(DashboardData { counts, questions, undelivered })))
            }
            Effect::Queue(request) => {
                let rows = self.queue(&request)?;
                let more = rows.len() > PAGE;
                let rows = match rows {
                    Rows::Appeals(mut r) => {
                        r.truncate(PAGE);
                        Rows::Appeals(r)
                    }
                    Rows::Questions(mut r) => {
                        r.truncate(PAGE);
                        Rows::Questions(r)
                    }
                };
                Ok(Done::Queue(Box::new(QueuePage { request, rows, more })))
            }
            Effect::OpenAppeal { id, clerk, audit: record } => {
                let c = &mut *self.conn()?;
                let calendar = &self.calendar;
                let not_found = || Fail(Msg::new("decide-error-not-found").render(lang));
                let data = write_txn(c, |c| -> Result<Option<AppealData>, StoreError> {
                    let Some(appeal) = appeals::get(c, id)? else { return Ok(None) };
                    if !Self::in_district(&clerk, &appeal.district) {
                        return Ok(None);
                    }
                    if record {
                        record_view(c, now, &clerk, &format!("appeal:{}", id.0))?;
                    }
                    let service = catalogue::get(c, appeal.service.as_str())?.ok_or_else(|| StoreError::Corrupt {
                        what: "appeal service",
                        detail: appeal.service.to_string(),
                    })?;
                    let timeline = appeals::timeline(c, id)?;
                    let documents = appeals::documents(c, id)?;
                    let ids = timeline
                        .iter()
                        .filter_map(|e| match e.actor {
                            Actor::Clerk(id) => Some(id),
                            _ => None,
                        })
                        .chain(appeal.assigned_clerk)
                        .collect::<Vec<_>>();
                    let clerks = Self::names(c, ids)?;
                    let today = moscow_date(now);
                    let kind = appeal.status.kind();
                    let due_left = kind
                        .deadline_runs()
                        .then(|| calendar.remaining(today, appeal.due, service.term.unit()).ok())
                        .flatten();
                    let register_left = (kind == StatusKind::Submitted)
                        .then(|| calendar.remaining(today, appeal.register_by, DayUnit::Calendar).ok())
                        .flatten();
                    let resident = residents::get(c, appeal.resident)?;
                    let first_working_day = calendar.working_day_on_or_after(today).unwrap_or(today);
                    let letter_lang = outbox::letter_lang(c, id)?;
                    Ok(Some(AppealData {
                        appeal,
                        resident,
                        service,
                        letter_lang,
                        timeline,
                        documents,
                        clerks,
                        due_left,
                        register_left,
                        first_working_day,
                    }))
                })
                .map_err(&sf)?;
                Ok(Done::Appeal(Box::new(data.ok_or_else(not_found)?)))
            }
            Effect::OpenQuestion { id, clerk } => {
                let c = &mut *self.conn()?;
                let data = write_txn(c, |c| -> Result<Option<QuestionData>, StoreError> {
                    let Some((question, due)) = questions::get(c, id)? else { return Ok(None) };
                    if !Self::in_district(&clerk, &question.district) {
                        return Ok(None);
                    }
                    record_view(c, now, &clerk, &format!("question:{}", id.0))?;
                    let email_failed = questions::answer_undelivered(c, id)?;
                    Ok(Some(QuestionData { question, due, email_failed }))
                })
                .map_err(&sf)?;
                Ok(Done::Question(Box::new(
                    data.ok_or_else(|| Fail(Msg::new("question-error-not-found").render(lang)))?,
                )))
            }
            Effect::Decide { appeal, command, seen, clerk, done } => {
                let c = &mut *self.conn()?;
                let by = DecisionBy::Clerk(clerk);
                let decided = match &seen {
                    Some(seen) => appeals::decide_seen(c, appeal, seen, command, &by, &self.calendar, now),
                    None => appeals::decide(c, appeal, command, &by, &self.calendar, now),
                };
                match decided {
                    Err(e @ DecideError::Changed { .. }) => {
                        return Ok(Done::Stale { appeal, message: e.message().render(lang) });
                    }
                    other => other.map_err(|e| Fail(e.message().render(lang)))?,
                };
                let message = Self::with_notice(c, appeal, tr(lang, done), lang).map_err(&sf)?;
                Ok(Done::Changed { appeal, message })
            }
            Effect::Message { appeal, text, clerk } => {
                let c = &mut *self.conn()?;
                appeals::send_message(c, appeal, &clerk, &text, now).map_err(|e| Fail(e.message().render(lang)))?;
                let message = Self::with_notice(c, appeal, tr(lang, "tui-done-message"), lang).map_err(&sf)?;
                Ok(Done::Changed { appeal, message })
            }
            Effect::Extend { appeal, days, reason, clerk } => {
                let c = &mut *self.conn()?;
                let to = appeals::extend_deadline(c, appeal, &clerk, days, &reason, &self.calendar, now)
                    .map_err(|e| Fail(e.message().render(lang)))?;
                let message = tr_args(lang, "tui-done-extended", &[("date", super::dates::date(to, lang).into())]);
                let message = Self::with_notice(c, appeal, message, lang).map_err(&sf)?;
                Ok(Done::Changed { appeal, message })
            }
            Effect::Assign { appeal, to, clerk } => {
                let c = &mut *self.conn()?;
                appeals::assign(c, appeal, to, &clerk, now).map_err(|e| Fail(e.message().render(lang)))?;
                Ok(Done::Changed { appeal, message: tr(lang, "tui-done-assigned") })
            }
            Effect::InspectFile { appeal, path } => {
                let (name, content) = read_document(&path, lang).map_err(Fail)?;
                let sha256 = Sha256::digest(&content).iter().map(|b| format!("{b:02x}")).collect();
                Ok(Done::FileReady(Box::new(PendingFile {
                    appeal,
                    path,
                    media_type: media_type(&name).to_owned(),
                    name,
                    sha256,
                    content,
                })))
            }
            Effect::IssueDocument { file, clerk } => {
                let c = &mut *self.conn()?;
                let upload =
                    DocumentUpload { file_name: &file.name, media_type: &file.media_type, content: &file.content };
                appeals::issue_electronically(c, file.appeal, &clerk, &upload, &self.calendar, now)
                    .map_err(|e| Fail(e.message().render(lang)))?;
                let message = Self::with_notice(c, file.appeal, tr(lang, "tui-done-issued"), lang).map_err(&sf)?;
                Ok(Done::Changed { appeal: file.appeal, message })
            }
            Effect::AnswerQuestion { id, text, clerk } => {
                let c = &mut *self.conn()?;
                questions::answer(c, id, &clerk, &text, now).map_err(|e| Fail(e.message().render(lang)))?;
                Ok(Done::QuestionAnswered { message: tr(lang, "tui-done-question-answered") })
            }
            Effect::SearchResidents(search) => {
                let c = &mut *self.conn()?;
                let clerk = self.signed_in.clone();
                // the list shows names, birth dates and addresses: a view of personal data
                // (152-ФЗ), recorded with the residents shown
                let shown = usize::try_from(search.limit).unwrap_or(0);
                // one more than is listed, to tell «200» from «more than 200»
                let ask = residents::ResidentSearch { limit: search.limit + 1, ..search };
                let mut more = false;
                let found = write_txn(c, |c| -> Result<Vec<FoundResident>, StoreError> {
                    let mut found: Vec<Resident> = residents::search(c, &ask)?.into_iter().map(|(r, _)| r).collect();
                    more = found.len() > shown;
                    found.truncate(shown);
                    let ids: Vec<_> = found.iter().map(|r| r.id).collect();
                    let pins = accounts::with_active_pin(c, &ids)?;
                    if let Some(clerk) = &clerk
                        && !found.is_empty()
                    {
                        let ids: Vec<i64> = found.iter().map(|r| r.id.0).collect();
                        audit::record(
                            c,
                            now,
                            &AuditActor::clerk(&clerk.login),
                            AuditAction::PersonalDataViewed,
                            "residents:search",
                            &json!({ "via": "tui", "results": ids.len(), "residents": ids }),
                        )?;
                    }
                    Ok(found.into_iter().map(|r| FoundResident { pin: pins.contains(&r.id), resident: r }).collect())
                })
                .map_err(&sf)?;
                Ok(Done::Residents { found, more })
            }
            Effect::OpenResident { id, clerk, audit: record } => {
                let c = &mut *self.conn()?;
                let data = write_txn(c, |c| -> Result<Option<ResidentData>, StoreError> {
                    let Some(resident) = residents::get(c, id)? else { return Ok(None) };
                    if !Self::in_district(&clerk, &resident.address.district) {
                        return Ok(None);
                    }
                    if record {
                        record_view(c, now, &clerk, &format!("resident:{}", id.0))?;
                    }
                    let account = accounts::active_for_resident(c, id)?;
                    let pending_email = match &account {
                        Some(a) => accounts::pending_email(c, a.id, now)?,
                        None => None,
                    };
                    Ok(Some(ResidentData { resident, account, pending_email }))
                })
                .map_err(&sf)?;
                Ok(Done::Resident(Box::new(
                    data.ok_or_else(|| Fail(Msg::new("pin-error-no-such-resident").render(lang)))?,
                )))
            }
            Effect::IssuePin { resident, email, lang: pin_lang, replace, clerk, district } => {
                let c = &mut *self.conn()?;
                let found = residents::get(c, resident).map_err(&sf)?;
                if !found.is_some_and(|r| Self::in_district(&clerk, &r.address.district)) {
                    return Err(Fail(Msg::new("pin-error-no-such-resident").render(lang)));
                }
                let issuer = accounts::Issuer {
                    name: clerk.full_name.clone(),
                    clerk: Some(clerk.id),
                    audit: AuditActor::clerk(&clerk.login),
                    desk: self.config.desk.clone(),
                };
                let request = accounts::IssueRequest { resident, email: email.clone(), lang: pin_lang, replace };
                match accounts::issue_pin(c, &request, &issuer, now).map_err(|e| Fail(e.message().render(lang)))? {
                    accounts::IssuePinOutcome::Issued(issued) => {
                        let slip = render_slip(
                            &SlipData {
                                council_name: district.council_name.clone(),
                                council_address: district.council_address.clone(),
                                office_hours: district.office_hours.clone(),
                                council_phone: district.phone.clone(),
                                resident: issued.resident.name.clone(),
                                account: issued.account.number.clone(),
                                issued_at: now,
                                issued_by: issuer.name.clone(),
                                form_url: format!("{}/", self.config.public_url),
                                lang: pin_lang,
                                email: issued
                                    .account
                                    .email
                                    .clone()
                                    .map(|address| SlipEmail { address, confirmed: issued.account.email_confirmed }),
                            },
                            &issued.pin,
                            self.config.slip_width,
                        );
                        let account = issued.account.number.clone();
                        let name = issued.resident.name.with_initials();
                        drop(issued);
                        Ok(Done::PinIssued(Box::new(IssuedSlip {
                            slip: Secret::new(slip),
                            account,
                            resident: name,
                            resident_id: resident,
                            email: email.map(|e| e.to_string()),
                        })))
                    }
                    accounts::IssuePinOutcome::AlreadyActive(account) => {
                        Ok(Done::PinActive { resident, account: account.number })
                    }
                }
            }
            Effect::Revoke { resident, account, reason, clerk } => {
                let c = &mut *self.conn()?;
                let revoked = accounts::revoke(c, &account, &reason, &AuditActor::clerk(&clerk.login), now)
                    .map_err(|e| Fail(e.message().render(lang)))?;
                let mut message = tr_args(
                    lang,
                    "tui-done-revoked",
                    &[("number", super::widgets::unbroken(&account.to_string()).into())],
                );
                // the resident hears of it at the address they confirmed (and only there)
                if let (Some(email), true) = (&revoked.email, revoked.email_confirmed) {
                    message.push(' ');
                    message.push_str(&tr_args(lang, "tui-done-revoked-mailed", &[("email", email.as_str().into())]));
                }
                Ok(Done::Revoked { resident, message })
            }
            Effect::Print(slip) => {
                let command =
                    self.config.print_command.clone().ok_or_else(|| Fail(tr(lang, "tui-print-not-configured")))?;
                print(&command, &slip, lang).map_err(Fail)?;
                drop(slip);
                Ok(Done::Printed { message: tr(lang, "tui-printed") })
            }
            Effect::Supervisor { district, today } => {
                let c = &mut *self.conn()?;
                let report = desk::overdue_work(c, &district, today, 500).map_err(&sf)?;
                Ok(Done::Supervisor(Box::new(report)))
            }
        }
    }

    fn queue(&self, r: &QueueRequest) -> Result<Rows, Fail> {
        let sf = store_fail(self.lang());
        let c = &mut *self.conn()?;
        let limit = i64::try_from(PAGE + 1).unwrap_or(101);
        match core_queue(r.kind, r.stage.clone()) {
            Some(queue) => {
                let after = match &r.start {
                    Some(PageCursor::Appeal(cursor)) => Some(cursor.clone()),
                    _ => None,
                };
                let query = QueueQuery {
                    district: r.district.clone(),
                    queue,
                    sort: r.sort,
                    descending: r.descending,
                    after,
                    search: r.search.clone(),
                    assigned_to: r.mine,
                    today: r.today,
                    limit,
                };
                Ok(Rows::Appeals(desk::queue(c, &query).map_err(&sf)?))
            }
            None => {
                let after = match &r.start {
                    Some(PageCursor::Question(at, id)) => Some((*at, *id)),
                    _ => None,
                };
                let rows = questions::open_queue(c, &r.district, r.search.as_deref(), after, limit).map_err(&sf)?;
                Ok(Rows::Questions(rows))
            }
        }
    }
}

/// The audit row for a clerk opening someone's personal data (152-ФЗ): who, what, when.
fn record_view(
    c: &mut DbConn,
    now: chrono::DateTime<chrono::Utc>,
    clerk: &Clerk,
    subject: &str,
) -> Result<(), StoreError> {
    audit::record(
        c,
        now,
        &AuditActor::clerk(&clerk.login),
        AuditAction::PersonalDataViewed,
        subject,
        &json!({ "via": "tui" }),
    )
}

/// Pipes the slip to `sh -c "$command"`; nothing touches the disk here.
pub fn print(command: &str, slip: &Secret, lang: Lang) -> Result<(), String> {
    let fail =
        |detail: String| tr_args(lang, "tui-print-failed", &[("command", command.into()), ("detail", detail.into())]);
    let mut child = Process::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(slip.expose().as_bytes()).map_err(|e| fail(e.to_string()))?;
    }
    let status = child.wait().map_err(|e| fail(e.to_string()))?;
    if status.success() { Ok(()) } else { Err(fail(status.to_string())) }
}
