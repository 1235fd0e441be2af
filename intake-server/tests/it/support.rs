//! Test support, in one place: a real server on `127.0.0.1:0` against a real database (SQLite;
//! PostgreSQL too with `TEST_DATABASE_URL`), residents with PINs, appeals in each state through
//! core's transition API, and a small HTTP/1.1 client that keeps cookies.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::time::Duration;

use chrono::{Duration as Days, NaiveDate, Utc};
use ereception_core::account::filler_hash;
use ereception_core::clock::{ProductionCalendar, moscow_date};
use ereception_core::config::ServerConfig;
use ereception_core::domain::appeal::AppealForm;
use ereception_core::domain::audit::AuditActor;
use ereception_core::domain::catalogue::Catalogue;
use ereception_core::domain::clerk::{Clerk, Role};
use ereception_core::domain::district::District;
use ereception_core::domain::ids::{AccountId, AppealId, DistrictCode, GroundCode, OriginalCode, RegistryId};
use ereception_core::domain::person::{Address, FullName, RegistrationKind};
use ereception_core::domain::question::EmailAddress;
use ereception_core::domain::status::{Command, Pickup};
use ereception_core::i18n::Lang;
use ereception_core::store::accounts::{self, IssuePinOutcome, IssueRequest, Issuer};
use ereception_core::store::appeals::{self, DecisionBy, DocumentUpload, FileOutcome, FileRequest};
use ereception_core::store::testing::{TestBackend, TestDb};
use ereception_core::store::{DatabaseUrl, PooledConn, catalogue, clerks, districts, residents};
use intake_server::{Settings, State, serve};

pub const ARBAT: &str = "0412";

/// A resident with a PIN.
#[derive(Clone, Debug)]
pub struct Applicant {
    pub account: AccountId,
    pub number: String,
    pub pin: String,
    /// The link token of the address given at the desk.
    pub confirmation: Option<String>,
}

/// A running server and its database.
pub struct TestApp {
    pub db: TestDb,
    pub addr: SocketAddr,
    pub maria: Applicant,
    pub oleg: Applicant,
    pub clerk: Clerk,
    /// The server's state (a clone of what it serves with).
    pub state: State,
    runtime: Option<tokio::runtime::Runtime>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

pub fn cal() -> &'static ProductionCalendar {
    ProductionCalendar::embedded().expect("shipped calendars")
}

/// Settings for tests: small limits and quick timeouts, a generous sign-in rate.
pub fn test_config() -> ServerConfig {
    ServerConfig {
        body_limit: 16 * 1024,
        header_timeout: Duration::from_secs(2),
        body_timeout: Duration::from_secs(5),
        shutdown_grace: Duration::from_secs(10),
        sign_in_per_minute: 1000,
        sign_in_burst: 1000,
        mail_worker: false,
        ..ServerConfig::default()
    }
}

fn resident(
    id: &str,
    surname: &str,
    name: &str,
    patronymic: &str,
    birth: (i32, u32, u32),
    flat: &str,
) -> residents::NewResident {
    residents::NewResident::new(
        &RegistryId::new(id),
        &FullName { surname: surname.to_owned(), name: name.to_owned(), patronymic: Some(patronymic.to_owned()) },
        NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).expect("valid"),
        &Address {
            district: DistrictCode::new(ARBAT),
            street: "ул. Новый Арбат".to_owned(),
            house: "12".to_owned(),
            building: None,
            structure: None,
            flat: Some(flat.to_owned()),
        },
        RegistrationKind::Permanent,
    )
}

fn issue(c: &mut PooledConn, registry_id: &str, email: &str, clerk: &Clerk) -> Applicant {
    let resident = residents::by_registry_id(c, registry_id).expect("query").expect("present");
    let outcome = accounts::issue_pin(
        c,
        &IssueRequest { resident: resident.id, email: EmailAddress::parse(email), lang: Lang::Ru, replace: false },
        &Issuer {
            name: clerk.full_name.clone(),
            clerk: Some(clerk.id),
            audit: AuditActor::clerk(&clerk.login),
            desk: "окно 1".to_owned(),
        },
        Utc::now(),
    )
    .expect("pin");
    let IssuePinOutcome::Issued(issued) = outcome else { panic!("a new resident has no PIN") };
    Applicant {
        account: issued.account.id,
        number: issued.account.number.as_str().to_owned(),
        pin: issued.pin.reveal_grouped(),
        confirmation: issued.confirmation.clone(),
    }
}

fn fixture(db: &TestDb) -> (Applicant, Applicant, Clerk) {
    let c = &mut db.store.conn().expect("connection");
    districts::save(
        c,
        &District {
            code: DistrictCode::new(ARBAT),
            name: "Арбат".to_owned(),
            council_name: "Управа района Арбат".to_owned(),
            council_address: "ул. Новый Арбат, д. 36".to_owned(),
            office_hours: "пн–чт 9:00–18:00, пт 9:00–16:45".to_owned(),
            phone: None,
        },
    )
    .expect("district");
    catalogue::load(c, &Catalogue::builtin().expect("valid")).expect("catalogue");
    residents::insert_batch(
        c,
        &[
            resident("R1", "Иванова", "Мария", "Петровна", (1985, 3, 14), "12А"),
            resident("R2", "Иванов", "Пётр", "Сергеевич", (2012, 5, 12), "12А"),
            resident("R3", "Иванова", "Алёна", "Сергеевна", (2014, 1, 30), "12А"),
            resident("R4", "Иванов", "Илья", "Сергеевич", (2017, 11, 2), "12А"),
            resident("R5", "Петров", "Олег", "Иванович", (1970, 7, 7), "3"),
        ],
    )
    .expect("residents");
    let district = DistrictCode::new(ARBAT);
    let clerk = clerks::add(
        c,
        &clerks::NewClerk {
            login: "orlova",
            full_name: "Орлова Анна Игоревна",
            role: Role::Supervisor,
            district: Some(&district),
            password: "",
        },
        &filler_hash(),
        &AuditActor::os_user("test"),
        Utc::now(),
    )
    .expect("clerk");
    let maria = issue(c, "R1", "maria@example.invalid", &clerk);
    let oleg = issue(c, "R5", "oleg@example.invalid", &clerk);
    (maria, oleg, clerk)
}

impl TestApp {
    /// Starts a server on `backend` (None when PostgreSQL is not configured).
    pub fn start(backend: TestBackend, name: &str) -> Option<TestApp> {
        TestApp::start_with(backend, name, test_config())
    }

    pub fn start_with(backend: TestBackend, name: &str, config: ServerConfig) -> Option<TestApp> {
        TestApp::start_with_settings(backend, name, Settings::new(config, "http://127.0.0.1".to_owned(), cal().clone()))
    }

    pub fn start_with_settings(backend: TestBackend, name: &str, settings: Settings) -> Option<TestApp> {
        TestApp::start_bound(backend, name, settings, "127.0.0.1:0")
    }

    /// Starts a server listening on `bind` (`[::]:0`: dual-stack, as `listen = "[::]:8080"`).
    pub fn start_bound(backend: TestBackend, name: &str, settings: Settings, bind: &str) -> Option<TestApp> {
        let db = TestDb::on(backend, name).expect("test database")?;
        let (maria, oleg, clerk) = fixture(&db);
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
        let (state, _filing) = State::new(db.store.clone(), settings).expect("state");
        let served = state.clone();
        let listener = runtime.block_on(tokio::net::TcpListener::bind(bind)).expect("bind");
        let port = listener.local_addr().expect("address").port();
        // clients connect over IPv4 (to a dual-stack listener too)
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = runtime.spawn(async move {
            serve(served, listener, async {
                let _ = rx.await;
            })
            .await;
        });
        Some(TestApp {
            db,
            addr,
            maria,
            oleg,
            clerk,
            state,
            runtime: Some(runtime),
            shutdown: Some(tx),
            server: Some(server),
        })
    }

    pub fn conn(&self) -> PooledConn {
        self.db.store.conn().expect("connection")
    }

    pub fn client(&self) -> Client {
        Client { addr: self.addr, cookies: BTreeMap::new(), headers: Vec::new(), source: None }
    }

    /// A client signed in as `who`.
    pub fn signed_in(&self, who: &Applicant) -> Client {
        let mut client = self.client();
        let page = client.get("/sign-in");
        let csrf = csrf_of(&page.text());
        let r = client.post_form(
            "/sign-in",
            &[("csrf", csrf.as_str()), ("next", "/"), ("number", who.number.as_str()), ("pin", who.pin.as_str())],
        );
        assert_eq!(r.status, 303, "{}", r.text());
        assert!(client.cookies.contains_key("sid"));
        client
    }

    /// Begins the shutdown (as SIGTERM would) and waits for `serve` to return.
    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let (Some(rt), Some(server)) = (self.runtime.as_ref(), self.server.take()) {
            let _ = rt.block_on(async { tokio::time::timeout(Duration::from_secs(15), server).await });
        }
    }

    /// Sends the shutdown signal without waiting.
    pub fn signal_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    /// Waits for `serve` to return.
    pub fn wait_stopped(&mut self, within: Duration) -> bool {
        match (self.runtime.as_ref(), self.server.take()) {
            (Some(rt), Some(server)) => rt.block_on(async { tokio::time::timeout(within, server).await.is_ok() }),
            _ => true,
        }
    }

    // --- appeals through core ---------------------------------------------------------------

    pub fn file(&self, who: &Applicant, service: &str, extra: &[(&str, &str)]) -> AppealId {
        let c = &mut self.conn();
        let svc = catalogue::get(c, service).expect("query").expect("service");
        let form = identity_form(extra);
        let draft = AppealForm::new(&form).parse(&svc, moscow_date(Utc::now())).expect("valid form");
        match appeals::file(
            c,
            &FileRequest { account: who.account, draft: &draft, lang: Lang::Ru, corrects: None },
            cal(),
            Utc::now(),
        )
        .expect("filed")
        {
            FileOutcome::Filed { id, .. } => id,
            other => panic!("{other:?}"),
        }
    }

    /// Files for Oleg (whose registry data differ from Maria's).
    pub fn file_for_oleg(&self, service: &str, extra: &[(&str, &str)]) -> AppealId {
        let c = &mut self.conn();
        let svc = catalogue::get(c, service).expect("query").expect("service");
        let mut form = vec![
            ("surname", "Петров"),
            ("name", "Олег"),
            ("patronymic", "Иванович"),
            ("birth_date", "07.07.1970"),
            ("street", "ул. Новый Арбат"),
            ("house", "12"),
            ("flat", "3"),
        ];
        form.extend_from_slice(extra);
        let form: Vec<(String, String)> = form.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let draft = AppealForm::new(&form).parse(&svc, moscow_date(Utc::now())).expect("valid form");
        match appeals::file(
            c,
            &FileRequest { account: self.oleg.account, draft: &draft, lang: Lang::Ru, corrects: None },
            cal(),
            Utc::now(),
        )
        .expect("filed")
        {
            FileOutcome::Filed { id, .. } => id,
            other => panic!("{other:?}"),
        }
    }

    pub fn decide(&self, id: AppealId, command: Command) {
        appeals::decide(&mut self.conn(), id, command, &DecisionBy::Clerk(self.clerk.clone()), cal(), Utc::now())
            .expect("decided");
    }

    pub fn register(&self, id: AppealId) {
        self.decide(id, Command::Register { deadline: moscow_date(Utc::now()) });
    }

    pub fn extract(&self, who: &Applicant) -> AppealId {
        self.file(who, "house-register-extract", &[("f-purpose", "notary"), ("f-copies", "2")])
    }

    pub fn certificate(&self, who: &Applicant) -> AppealId {
        self.file(who, "large-family-certificate", CHILDREN)
    }

    pub fn consultation(&self, who: &Applicant) -> AppealId {
        self.file(who, "consultation", &[("f-topic", "housing"), ("f-question", "Как получить ЕЖД?")])
    }

    pub fn refuse_to_register(&self, id: AppealId) {
        self.decide(
            id,
            Command::RefuseToRegister {
                grounds: vec![GroundCode::new("incomplete-data")],
                explanation: "Укажите количество экземпляров правильно.".to_owned(),
            },
        );
    }

    pub fn request_originals(&self, id: AppealId) {
        self.register(id);
        self.decide(id, Command::NextStage);
        self.decide(
            id,
            Command::RequestOriginals {
                originals: vec![OriginalCode::new("passport")],
                place: "Управа района Арбат, окно 3".to_owned(),
                by: cal().working_day_on_or_after(moscow_date(Utc::now()) + Days::days(10)).expect("calendar"),
            },
        );
    }

    pub fn mark_ready(&self, id: AppealId) {
        self.register(id);
        self.decide(id, Command::NextStage);
        self.decide(
            id,
            Command::MarkReady {
                pickup: Pickup {
                    place: "Управа района Арбат, окно 5".to_owned(),
                    hours: "пн–чт 9:00–18:00".to_owned(),
                    from: cal().next_working_day(moscow_date(Utc::now())).expect("calendar"),
                    bring: "паспорт".to_owned(),
                },
            },
        );
    }

    /// Issues a certificate electronically; returns the document's content.
    pub fn issue_electronically(&self, id: AppealId) -> Vec<u8> {
        self.register(id);
        self.decide(id, Command::NextStage);
        let content = b"%PDF-1.4 certificate".to_vec();
        appeals::issue_electronically(
            &mut self.conn(),
            id,
            &self.clerk,
            &DocumentUpload {
                file_name: "Удостоверение.pdf", media_type: "application/pdf", content: &content
            },
            cal(),
            Utc::now(),
        )
        .expect("issued");
        content
    }

    pub fn appeal(&self, id: AppealId) -> ereception_core::domain::appeal::Appeal {
        appeals::get(&mut self.conn(), id).expect("query").expect("present")
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.stop();
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(5));
        }
    }
}

pub const CHILDREN: &[(&str, &str)] = &[
    ("f-marital_status", "married"),
    ("f-children-0-surname", "Иванов"),
    ("f-children-0-name", "Пётр"),
    ("f-children-0-patronymic", "Сергеевич"),
    ("f-children-0-birth_date", "12.05.2012"),
    ("f-children-1-surname", "Иванова"),
    ("f-children-1-name", "Алёна"),
    ("f-children-1-patronymic", "Сергеевна"),
    ("f-children-1-birth_date", "30.01.2014"),
    ("f-children-2-surname", "Иванов"),
    ("f-children-2-name", "Илья"),
    ("f-children-2-patronymic", "Сергеевич"),
    ("f-children-2-birth_date", "02.11.2017"),
];

/// Maria's registration data as she types it.
pub fn identity_form(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = [
        ("surname", "Иванова"),
        ("name", "Мария"),
        ("patronymic", "Петровна"),
        ("birth_date", "14.03.1985"),
        ("street", "ул. Новый Арбат"),
        ("house", "12"),
        ("flat", "12А"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    v.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    v
}

/// Follows a confirmation link as a person does: opens it (which changes nothing) and presses
/// the page's button. Returns the button's response.
pub fn confirm_link(client: &mut Client, token: &str) -> Resp {
    let path = format!("/confirm/{token}");
    let page = client.get(&path);
    assert_eq!(page.status, 200, "{}", page.text());
    // the form's own token (a signed-in page has the sign-out form's too)
    let html = page.text();
    let form = html.find(&format!("action=\"{path}\"")).unwrap_or_else(|| panic!("no button in {html}"));
    let csrf = csrf_of(&html[form..]);
    client.post_form(&path, &[("csrf", csrf.as_str())])
}

/// The value of the first hidden `csrf` field of a page.
pub fn csrf_of(html: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).unwrap_or_else(|| panic!("no csrf field in {html}")) + marker.len();
    let end = html[start..].find('"').expect("closing quote");
    html[start..start + end].to_owned()
}

// --- another server in a process of its own -----------------------------------------------------

/// The real `intake-server` binary running in a process of its own on the same database as a
/// [`TestApp`]: nothing is shared with the test's server but the database, as with two
/// servers behind one load balancer. Killed when dropped.
pub struct ServerProcess {
    pub addr: SocketAddr,
    child: Child,
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Starts `intake-server` on `url` (listening on a free port, no mail worker, a generous
    /// sign-in rate) and waits until it listens.
    pub fn start(url: &DatabaseUrl) -> ServerProcess {
        let dir = tempfile::tempdir().expect("temporary folder");
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "data_dir = {:?}\nlang = \"en\"\npublic_base_url = \"http://127.0.0.1\"\n[server]\nlisten = \"127.0.0.1:0\"\n\
                 sign_in_per_minute = 1000\nsign_in_burst = 1000\nmail_worker = false\n",
                dir.path().display().to_string()
            ),
        )
        .expect("config file");
        let url = match url {
            DatabaseUrl::Postgres(url) => url.clone(),
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_intake-server"))
            .arg("--config")
            .arg(&config)
            .arg("--database-url")
            .arg(url)
            .arg("--no-mail-worker")
            .env("ERECEPTION_LOG", "warn")
            .env_remove("ERECEPTION_DATABASE_URL")
            .env_remove("ERECEPTION_LISTEN")
            .env_remove("ERECEPTION_CONFIG")
            .env_remove("ERECEPTION_LANG")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("starting intake-server");
        let stdout = child.stdout.take().expect("its output");
        let mut lines = BufReader::new(stdout).lines();
        // "Listening on 127.0.0.1:PORT; …" (the database line before it may name 127.0.0.1 too)
        let addr = loop {
            let Some(Ok(line)) = lines.next() else {
                let status = child.wait().expect("exit status");
                panic!("intake-server ended before listening ({status})");
            };
            let Some((_, listening)) = line.split_once("Listening on") else { continue };
            if let Some(at) = listening.find("127.0.0.1:") {
                let rest = &listening[at + "127.0.0.1:".len()..];
                let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                break SocketAddr::from(([127, 0, 0, 1], port.parse::<u16>().expect("a port")));
            }
        };
        std::thread::spawn(move || lines.for_each(drop));
        ServerProcess { addr, child, _dir: dir }
    }

    /// A client of this server carrying `other`'s cookies (the same browser, another server).
    pub fn client_like(&self, other: &Client) -> Client {
        Client { addr: self.addr, cookies: other.cookies.clone(), headers: other.headers.clone(), source: other.source }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// --- a small HTTP/1.1 client ---------------------------------------------------------------------

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn headers_named(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn location(&self) -> &str {
        self.header("location").unwrap_or_else(|| panic!("no Location in {:?}", self.headers))
    }
}

/// Parses a raw HTTP/1.1 response.
pub fn parse_response(raw: &[u8]) -> Resp {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no end of headers in {:?}", String::from_utf8_lossy(raw));
    });
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status: u16 = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    let mut body = raw[split + 4..].to_vec();
    if let Some(len) = headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("content-length")) {
        let len: usize = len.1.parse().expect("length");
        body.truncate(len);
    }
    Resp { status, headers, body }
}

/// A client that keeps cookies, one connection per request.
#[derive(Clone, Debug)]
pub struct Client {
    pub addr: SocketAddr,
    pub cookies: BTreeMap<String, String>,
    /// Extra headers on every request.
    pub headers: Vec<(String, String)>,
    /// The local address to connect from (another loopback address is another client), or
    /// the system's choice.
    pub source: Option<std::net::IpAddr>,
}

impl Client {
    pub fn get(&mut self, path: &str) -> Resp {
        self.request("GET", path, &[], b"")
    }

    pub fn post_form(&mut self, path: &str, pairs: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(pairs).expect("encoded");
        self.request("POST", path, &[("Content-Type", "application/x-www-form-urlencoded")], body.as_bytes())
    }

    pub fn post_pairs(&mut self, path: &str, pairs: &[(String, String)]) -> Resp {
        let body = serde_urlencoded::to_string(pairs).expect("encoded");
        self.request("POST", path, &[("Content-Type", "application/x-www-form-urlencoded")], body.as_bytes())
    }

    /// The request's head (with this client's cookies and headers) as sent.
    pub fn head_of(&self, method: &str, path: &str, headers: &[(&str, &str)], body_len: Option<usize>) -> String {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        if !self.cookies.is_empty() {
            let cookies: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            head.push_str(&format!("Cookie: {}\r\n", cookies.join("; ")));
        }
        for (k, v) in headers.iter().copied().chain(self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        if let Some(n) = body_len {
            head.push_str(&format!("Content-Length: {n}\r\n"));
        }
        head.push_str("\r\n");
        head
    }

    pub fn request(&mut self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        let mut stream = match self.source {
            None => TcpStream::connect(self.addr).expect("connect"),
            Some(source) => connect_from(source, self.addr),
        };
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        let has_length = headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("content-length"));
        let length = (!has_length && (method == "POST" || !body.is_empty())).then_some(body.len());
        stream.write_all(self.head_of(method, path, headers, length).as_bytes()).expect("write head");
        stream.write_all(body).expect("write body");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let resp = parse_response(&raw);
        self.keep_cookies(&resp);
        resp
    }

    pub fn keep_cookies(&mut self, resp: &Resp) {
        for set in resp.headers_named("set-cookie") {
            let first = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = first.split_once('=') {
                if set.contains("Max-Age=0") {
                    self.cookies.remove(name.trim());
                } else {
                    self.cookies.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
    }

    /// Follows `resp`'s redirect with a GET.
    pub fn follow(&mut self, resp: &Resp) -> Resp {
        let location = resp.location().to_owned();
        self.get(&location)
    }
}

/// A connection to `addr` from local address `source`.
fn connect_from(source: std::net::IpAddr, addr: SocketAddr) -> TcpStream {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().build().expect("runtime");
    let stream = runtime.block_on(async {
        let socket = if source.is_ipv4() { tokio::net::TcpSocket::new_v4() } else { tokio::net::TcpSocket::new_v6() }
            .expect("socket");
        socket.bind(SocketAddr::new(source, 0)).expect("bind the source address");
        socket.connect(addr).await.expect("connect")
    });
    let stream = stream.into_std().expect("a std stream");
    stream.set_nonblocking(false).expect("blocking");
    stream
}

/// Declares a test that runs on SQLite and, with `TEST_DATABASE_URL`, on PostgreSQL.
#[macro_export]
macro_rules! server_test {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            fn run(backend: ereception_core::store::testing::TestBackend) {
                let name = concat!(module_path!(), "::", stringify!($name));
                let Some(app) = $crate::support::TestApp::start(backend, name) else { return };
                #[allow(unused_mut)]
                let mut $app = app;
                $body
            }

            #[test]
            fn sqlite() {
                run(ereception_core::store::testing::TestBackend::Sqlite);
            }

            #[test]
            fn postgres() {
                run(ereception_core::store::testing::TestBackend::Postgres);
            }
        }
    };
}
