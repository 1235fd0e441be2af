//! `cargo xtask bench-server`: the residents' web server under load, each figure beside a
//! baseline measured in the same run (this machine's speed varies too much for fixed numbers).
//!
//! The server runs in a child process (this binary again, with the hidden `bench-server-run`
//! subcommand) built as `intake-server`'s `main` builds it — the same tokio runtime,
//! `intake_server::serve`, the default `[server]` settings but for an unlimited sign-in rate
//! and no mail worker, warnings-only logging — on a SQLite file with `synchronous = FULL` (the
//! store's default), in a folder on the build's disk (never tmpfs, where fsync is free). The
//! baseline web server is a bare hyper hello-world in a child of its own with the same runtime,
//! the same hyper version and the same connection settings. Load comes from `wrk` (closed loop:
//! as fast as the server answers), except for the steady background of status reads during the
//! sign-in storm, which needs a fixed rate whatever the server does (open loop): `wrk` cannot do
//! that (`wrk2` can, but is not in Debian), so a small tokio generator here does it, timing each
//! request from the moment it was due, not from when a connection was free.
//!
//! Each comparison alternates its baseline and the server, round after round, so that both
//! meet the same machine; the figures are the rounds' means (p50: the median round; p99: the
//! worst round).
//!
//! 1. **Status reads**: `GET /api/v1/appeals/{id}` with the session cookie (a registered appeal
//!    with three timeline events) — against the hello-world under the same `wrk` settings. Goal:
//!    at least 40 % of its requests per second. The server serves reads from its read cache
//!    (`intake_server::cache`: at most one second old); the same reads with the cache off are
//!    measured too, for information.
//! 2. **Durable filing**: concurrent `POST /appeals/new/consultation` through the server's
//!    group commit — against `store::appeals::file` one after another on one connection, and
//!    against the disk's fsync time (measured as SQLite meets it: a 4 KiB block of a file
//!    overwritten and `fdatasync`ed). Goal: more filings per second than one fsync each allows.
//! 3. **Sign-in storm**: sign-ins with the right PIN as fast as the server takes them (argon2id
//!    at the policy's parameters on its bounded pool) while status reads arrive at a fixed 200
//!    per second over 64 connections — against raw `account::verify` in a loop on as many
//!    threads as the server has argon2 slots. Goals: at least 90 % of the raw rate; status p99
//!    under 50 ms.
//! 4. **Memory**: the server's peak resident set (`VmHWM`) after `wrk` with 512 connections,
//!    beside the hello-world's.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow, bail};
use chrono::{NaiveDate, Utc};
use clap::{Args, ValueEnum};
use ereception_core::account::{filler_hash, hash_secret, verify};
use ereception_core::clock::{ProductionCalendar, moscow_date};
use ereception_core::config::ServerConfig;
use ereception_core::domain::appeal::AppealForm;
use ereception_core::domain::audit::AuditActor;
use ereception_core::domain::clerk::Role as ClerkRole;
use ereception_core::domain::ids::{AccountId, AppealId, RegistryId};
use ereception_core::domain::person::{Address, FullName, RegistrationKind};
use ereception_core::domain::status::Command as Decision;
use ereception_core::i18n::Lang;
use ereception_core::store::accounts::{self, IssuePinOutcome, IssueRequest, Issuer};
use ereception_core::store::appeals::{self, DecisionBy, FileOutcome, FileRequest};
use ereception_core::store::{DatabaseUrl, OpenMode, Store, catalogue, clerks, count_rows, districts, residents};

use crate::bench_import::peak_rss_kib;

/// Goal: status reads per second over the hello-world's, at least.
pub const MIN_STATUS_RATIO: f64 = 0.40;
/// Goal: sign-ins per second during the storm over raw argon2 verifications, at least.
pub const MIN_SIGN_IN_RATIO: f64 = 0.90;
/// Goal: p99 of the status reads during the storm, at most (ms).
pub const MAX_STORM_P99_MS: f64 = 50.0;
/// Status reads per second during the storm, and the connections they use.
pub const STORM_STATUS_RATE: f64 = 200.0;
pub const STORM_STATUS_CONNECTIONS: usize = 64;
/// Connections of the memory measurement.
pub const MEMORY_CONNECTIONS: u32 = 512;
/// Connections of the concurrent filings (the server's default batch is 32).
pub const FILING_CONNECTIONS: u32 = 32;
/// Connections signing in at once during the storm (more than the argon2 slots, so that a
/// sign-in is always waiting for one).
pub const SIGN_IN_CONNECTIONS: u32 = 16;
/// Accounts the storm signs in as, in turn.
pub const ACCOUNTS: usize = 8;
/// Rounds of the full variant: each comparison alternates baseline and server this many times.
pub const DEFAULT_ROUNDS: u32 = 3;

/// Options of `cargo xtask bench-server`.
#[derive(Args, Debug, Clone)]
#[command(long_about = "Measures the residents' web server (intake-server, in a child process, on SQLite with \
                  synchronous=FULL) under load, each figure beside a baseline measured in the same run, the two \
                  alternating round by round: status reads (from the server's one-second read cache; also \
                  measured without it) against a bare hyper hello-world (goal: at least 40 % of its requests per \
                  second); \
                  concurrent durable filings with group commit against sequential single-appeal commits and the \
                  disk's fsync time (goal: more filings per second than one fsync each allows); a storm of \
                  sign-ins (argon2id) against raw argon2 verifications on as many threads, with status reads at \
                  200 per second alongside (goals: at least 90 % of the raw rate, status p99 under 50 ms); and \
                  the server's peak memory at 512 connections. Needs wrk (apt-get install wrk). Exits 0 unless \
                  --check is given and a goal fails.\n\n\
                  Run it in release (the `cargo xtask` alias does): `cargo xtask bench-server`.")]
pub struct BenchArgs {
    /// The CI's variant: one round of 2 seconds per measurement.
    #[arg(long)]
    pub quick: bool,
    /// Seconds per measurement and round (default 5; 2 with --quick).
    #[arg(long, value_name = "S", conflicts_with = "quick", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub seconds: Option<u64>,
    /// Rounds: each comparison alternates its baseline and the server this many times, so that
    /// both see the same machine (default 3; 1 with --quick).
    #[arg(long, value_name = "N", conflicts_with = "quick", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub rounds: Option<u32>,
    /// Connections of the status-read comparison.
    #[arg(long, value_name = "N", default_value_t = 64, value_parser = clap::value_parser!(u32).range(2..=4096))]
    pub connections: u32,
    /// `wrk` threads (default: the number of CPUs).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub threads: Option<u32>,
    /// Where the databases go (default: a temporary folder beside this program, on the disk
    /// the build is on — never tmpfs, where fsync costs nothing). Kept when given.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Exit with status 1 when a goal is not met (otherwise the goals are only reported).
    #[arg(long)]
    pub check: bool,
}

impl BenchArgs {
    fn duration(&self) -> Duration {
        Duration::from_secs(self.seconds.unwrap_or(if self.quick { 2 } else { 5 }))
    }
}

/// What a child process serves.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `intake_server::serve` on the database.
    Server,
    /// The bare hyper hello-world.
    Hello,
}

/// Options of the hidden `bench-server-run` subcommand: serve until standard input closes,
/// then print the peak resident set.
#[derive(Args, Debug, Clone)]
pub struct RunArgs {
    #[arg(long, value_enum)]
    pub role: Role,
    /// The database (for `--role server`).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Serve every read from the database (no read cache).
    #[arg(long)]
    pub no_read_cache: bool,
}

// --- the server's and the hello-world's settings ---------------------------------------------------

/// The `[server]` settings the benchmark runs with: the defaults, but for no mail worker and
/// no per-address limit on sign-ins (every request comes from 127.0.0.1).
pub fn server_config() -> ServerConfig {
    ServerConfig {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        sign_in_per_minute: 1_000_000,
        sign_in_burst: 1_000_000,
        mail_worker: false,
        ..ServerConfig::default()
    }
}

/// The runtime `intake-server`'s `main` builds.
fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

/// Completes when standard input reaches its end (the parent closed it).
async fn stdin_closed() {
    let _ = tokio::task::spawn_blocking(|| {
        let mut sink = Vec::new();
        let _ = std::io::stdin().read_to_end(&mut sink);
    })
    .await;
}

/// The hidden `bench-server-run`: prints `listening ADDR`, serves until standard input
/// closes, then prints `bench-server-result peak_rss_kib=N`.
pub fn run_child(args: &RunArgs) -> anyhow::Result<()> {
    // warnings and errors only: no line per request (set ERECEPTION_LOG=info to have them)
    let filter = tracing_subscriber::EnvFilter::try_from_env("ERECEPTION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
    let rt = runtime()?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(server_config().listen).await?;
        let addr = listener.local_addr()?;
        match args.role {
            Role::Server => {
                let db = args.db.clone().context("--db is needed to serve")?;
                let config = server_config();
                let pool = config.db_pool_size;
                let store = tokio::task::spawn_blocking(move || {
                    Store::open_with(&DatabaseUrl::Sqlite(db), OpenMode::Existing, pool)
                })
                .await??;
                let calendar = ProductionCalendar::embedded()?.clone();
                let mut settings = intake_server::Settings::new(config, "http://127.0.0.1".to_owned(), calendar);
                if args.no_read_cache {
                    settings.read_cache = Duration::ZERO;
                }
                let (state, _filing) =
                    tokio::task::spawn_blocking(move || intake_server::State::new(store, settings)).await??;
                println!("listening {addr}");
                intake_server::serve(state.clone(), listener, stdin_closed()).await;
                let stats = state.filing_stats();
                println!("bench-server-filings commits={} filings={}", stats.commits, stats.filings);
            }
            Role::Hello => {
                println!("listening {addr}");
                hello_world(listener, server_config().header_timeout, stdin_closed()).await;
            }
        }
        anyhow::Ok(())
    })?;
    println!(
        "bench-server-result peak_rss_kib={}",
        peak_rss_kib().map_or_else(|| "none".to_owned(), |k| k.to_string())
    );
    Ok(())
}

/// The baseline web server: hyper 1 on the same runtime with the same connection settings as
/// `intake_server::serve` (HTTP/1.1, keep-alive, the header-read timeout on tokio's timer, one
/// task per connection), answering every request with a fixed text.
pub async fn hello_world(
    listener: tokio::net::TcpListener,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    use http_body_util::Full;
    use hyper::body::Bytes;
    use hyper::server::conn::http1;
    use hyper::service::service_fn;
    use hyper_util::rt::{TokioIo, TokioTimer};

    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout).keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let service = service_fn(|_req| async {
                    let mut r = hyper::Response::new(Full::new(Bytes::from_static(b"Hello, world!\n")));
                    r.headers_mut().insert(
                        hyper::header::CONTENT_TYPE,
                        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
                    );
                    Ok::<_, std::convert::Infallible>(r)
                });
                let conn = builder.serve_connection(TokioIo::new(stream), service);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
}

/// A child process serving on 127.0.0.1.
struct Served {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    addr: SocketAddr,
}

impl Served {
    fn start(role: Role, db: &Path) -> anyhow::Result<Served> {
        Served::start_with(role, db, &[])
    }

    fn start_with(role: Role, db: &Path, flags: &[&str]) -> anyhow::Result<Served> {
        let exe = std::env::current_exe().context("finding this program to run the server")?;
        let mut child = Command::new(exe)
            .arg("bench-server-run")
            .args(flags)
            .arg("--role")
            .arg(match role {
                Role::Server => "server",
                Role::Hello => "hello",
            })
            .arg("--db")
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("starting the server process")?;
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().context("the server's output")?);
        let mut line = String::new();
        stdout.read_line(&mut line)?;
        let addr = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|a| a.parse().ok())
            .with_context(|| format!("the server process did not start: {line:?}"))?;
        Ok(Served { child, stdin, stdout, addr })
    }

    /// Stops it; returns what it reported.
    fn stop(mut self) -> anyhow::Result<Ended> {
        drop(self.stdin.take());
        let mut rest = String::new();
        self.stdout.read_to_string(&mut rest)?;
        let status = self.child.wait()?;
        if !status.success() {
            bail!("the server process failed ({status}): {rest}");
        }
        Ok(Ended::parse(&rest))
    }
}

/// What a server process reported when it stopped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Ended {
    /// Peak resident set, KiB.
    peak_kib: Option<u64>,
    /// Group commits and the filings in them.
    commits: u64,
    filings: u64,
}

impl Ended {
    fn parse(output: &str) -> Ended {
        let mut ended = Ended::default();
        for pair in output.lines().filter(|l| l.starts_with("bench-server-")).flat_map(str::split_whitespace) {
            match pair.split_once('=') {
                Some(("peak_rss_kib", v)) => ended.peak_kib = v.parse().ok(),
                Some(("commits", v)) => ended.commits = v.parse().unwrap_or(0),
                Some(("filings", v)) => ended.filings = v.parse().unwrap_or(0),
                _ => {}
            }
        }
        ended
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if self.stdin.is_some() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

// --- the database --------------------------------------------------------------------------------

/// What the load needs from the prepared database.
#[derive(Clone, Debug)]
pub struct Fixture {
    /// Account numbers and PINs, the first one Maria's.
    pub accounts: Vec<(String, String)>,
    pub maria: AccountId,
    /// Maria's registered appeal with three timeline events.
    pub appeal: AppealId,
}

/// Maria's registration data as she types them, and a consultation's fields.
pub fn consultation_form() -> Vec<(String, String)> {
    [
        ("surname", "Иванова"),
        ("name", "Мария"),
        ("patronymic", "Петровна"),
        ("birth_date", "14.03.1985"),
        ("street", "ул. Новый Арбат"),
        ("house", "12"),
        ("flat", "12А"),
        ("f-topic", "housing"),
        ("f-question", "Когда во дворе установят детскую площадку?"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn calendar() -> anyhow::Result<&'static ProductionCalendar> {
    Ok(ProductionCalendar::embedded()?)
}

/// A migrated database with the catalogue, a district, [`ACCOUNTS`] residents with PINs and
/// one registered appeal of the first.
pub fn prepare(db: &Path) -> anyhow::Result<Fixture> {
    let store = Store::open_with(&DatabaseUrl::Sqlite(db.to_path_buf()), OpenMode::Migrate, 2)?;
    intake_server::seed_catalogue(&store)?;
    let c = &mut *store.conn()?;
    let now = Utc::now();
    let arbat = ereception_core::demo::arbat();
    districts::save(c, &arbat)?;
    let mut people = Vec::new();
    for i in 0..ACCOUNTS {
        let (surname, name, patronymic, birth, flat) = if i == 0 {
            ("Иванова", "Мария", "Петровна", (1985, 3, 14), "12А".to_owned())
        } else {
            ("Петров", "Олег", "Иванович", (1970, 7, 7), format!("{}", i + 20))
        };
        people.push(residents::NewResident::new(
            &RegistryId::new(format!("B{i}")),
            &FullName { surname: surname.to_owned(), name: name.to_owned(), patronymic: Some(patronymic.to_owned()) },
            NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).context("a date")?,
            &Address {
                district: arbat.code.clone(),
                street: "ул. Новый Арбат".to_owned(),
                house: "12".to_owned(),
                building: None,
                structure: None,
                flat: Some(flat),
            },
            RegistrationKind::Permanent,
        ));
    }
    residents::insert_batch(c, &people)?;
    let district = arbat.code.clone();
    let clerk = clerks::add(
        c,
        &clerks::NewClerk {
            login: "orlova",
            full_name: "Орлова Анна Игоревна",
            role: ClerkRole::Supervisor,
            district: Some(&district),
            password: "",
        },
        &filler_hash(),
        &AuditActor::system(),
        now,
    )?;
    let mut accounts = Vec::new();
    let mut maria = None;
    for i in 0..ACCOUNTS {
        let resident = residents::by_registry_id(c, &format!("B{i}"))?.context("the resident just added")?;
        let outcome = accounts::issue_pin(
            c,
            &IssueRequest { resident: resident.id, email: None, lang: Lang::Ru, replace: false },
            &Issuer {
                name: clerk.full_name.clone(),
                clerk: Some(clerk.id),
                audit: AuditActor::clerk(&clerk.login),
                desk: "окно 1".to_owned(),
            },
            now,
        )?;
        let IssuePinOutcome::Issued(issued) = outcome else { bail!("a new resident already had a PIN") };
        maria.get_or_insert(issued.account.id);
        accounts.push((issued.account.number.as_str().to_owned(), issued.pin.reveal_grouped()));
    }
    let maria = maria.context("no account")?;
    let service = catalogue::get(c, "consultation")?.context("the consultation service")?;
    let draft = AppealForm::new(&consultation_form())
        .parse(&service, moscow_date(now))
        .map_err(|e| anyhow!("the consultation form does not parse: {e:?}"))?;
    let cal = calendar()?;
    let filed =
        appeals::file(c, &FileRequest { account: maria, draft: &draft, lang: Lang::Ru, corrects: None }, cal, now)?;
    let FileOutcome::Filed { id, .. } = filed else { bail!("the registry check refused the fixture: {filed:?}") };
    let by = DecisionBy::Clerk(clerk);
    appeals::decide(c, id, Decision::Register { deadline: moscow_date(now) }, &by, cal, now)?;
    appeals::decide(c, id, Decision::NextStage, &by, cal, now)?;
    Ok(Fixture { accounts, maria, appeal: id })
}

// --- a blocking HTTP/1.1 client for the set-up ------------------------------------------------------

/// A response of [`request`].
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The value of cookie `name` set by this response.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, v)| v.split(';').next()?.split_once('='))
            .find(|(k, _)| k.trim() == name)
            .map(|(_, v)| v.trim().to_owned())
    }
}

/// One request on a connection of its own.
pub fn request(addr: SocketAddr, method: &str, path: &str, cookie: &str, form: Option<&str>) -> anyhow::Result<Reply> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    let body = form.unwrap_or_default();
    if form.is_some() {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").context("no end of the response's head")?;
    let head = String::from_utf8_lossy(&raw[..split]);
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).context("status")?;
    let headers =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned())).collect();
    Ok(Reply { status, headers, body: String::from_utf8_lossy(&raw[split + 4..]).into_owned() })
}

/// `application/x-www-form-urlencoded`.
pub fn form_body(pairs: &[(String, String)]) -> String {
    let enc = |s: &str| {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(b)),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    };
    pairs.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// The hidden `csrf` field of a page.
fn csrf_field(html: &str) -> anyhow::Result<String> {
    let marker = "name=\"csrf\" value=\"";
    let start = html.find(marker).context("no csrf field")? + marker.len();
    let end = html[start..].find('"').context("no end of the csrf field")?;
    Ok(html[start..start + end].to_owned())
}

/// The sign-in form's token and its cookie (`pre=…`), reusable for many sign-ins.
fn sign_in_form(addr: SocketAddr) -> anyhow::Result<(String, String)> {
    let page = request(addr, "GET", "/sign-in", "", None)?;
    let pre = page.cookie("pre").context("no pre-session cookie")?;
    Ok((csrf_field(&page.body)?, format!("pre={pre}")))
}

fn sign_in_body(csrf: &str, number: &str, pin: &str) -> String {
    form_body(&[
        ("csrf".to_owned(), csrf.to_owned()),
        ("next".to_owned(), "/".to_owned()),
        ("number".to_owned(), number.to_owned()),
        ("pin".to_owned(), pin.to_owned()),
    ])
}

/// Signs in; returns the `Cookie` header value of the session (`sid=…`).
pub fn sign_in(addr: SocketAddr, number: &str, pin: &str) -> anyhow::Result<String> {
    let (csrf, pre) = sign_in_form(addr)?;
    let r = request(addr, "POST", "/sign-in", &pre, Some(&sign_in_body(&csrf, number, pin)))?;
    if r.status != 303 {
        bail!("signing in answered {}: {}", r.status, r.body);
    }
    Ok(format!("sid={}", r.cookie("sid").context("no session cookie")?))
}

// --- wrk ------------------------------------------------------------------------------------------

/// What `wrk --latency` reports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WrkReport {
    pub requests: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Responses other than 2xx or 3xx.
    pub bad_status: u64,
    /// Connect, read, write errors and timeouts.
    pub socket_errors: u64,
}

impl WrkReport {
    /// Several rounds as one: requests and errors summed, the mean rate, the median p50 and
    /// the worst p99.
    pub fn combine(rounds: &[WrkReport]) -> WrkReport {
        let n = rounds.len().max(1) as f64;
        let mut p50: Vec<f64> = rounds.iter().map(|r| r.p50_ms).collect();
        p50.sort_by(f64::total_cmp);
        WrkReport {
            requests: rounds.iter().map(|r| r.requests).sum(),
            per_second: rounds.iter().map(|r| r.per_second).sum::<f64>() / n,
            p50_ms: p50.get(p50.len() / 2).copied().unwrap_or(0.0),
            p99_ms: rounds.iter().map(|r| r.p99_ms).fold(0.0, f64::max),
            bad_status: rounds.iter().map(|r| r.bad_status).sum(),
            socket_errors: rounds.iter().map(|r| r.socket_errors).sum(),
        }
    }
}

fn duration_ms(text: &str) -> Option<f64> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic())?;
    let (n, unit) = text.split_at(split);
    let n: f64 = n.parse().ok()?;
    Some(match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        "h" => n * 3_600_000.0,
        _ => return None,
    })
}

/// Parses the output of `wrk --latency`.
pub fn parse_wrk(output: &str) -> Option<WrkReport> {
    let mut r = WrkReport::default();
    let (mut rate, mut p99) = (None, None);
    for line in output.lines().map(str::trim) {
        if let Some(v) = line.strip_prefix("Requests/sec:") {
            rate = v.trim().parse().ok();
        } else if let Some(v) = line.strip_prefix("50%") {
            r.p50_ms = duration_ms(v)?;
        } else if let Some(v) = line.strip_prefix("99%") {
            p99 = duration_ms(v);
        } else if let Some(v) = line.strip_prefix("Non-2xx or 3xx responses:") {
            r.bad_status = v.trim().parse().ok()?;
        } else if let Some(v) = line.strip_prefix("Socket errors:") {
            r.socket_errors = v.split(',').filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok()).sum();
        } else if let Some((n, _)) = line.split_once(" requests in ") {
            r.requests = n.trim().parse().ok()?;
        }
    }
    r.per_second = rate?;
    r.p99_ms = p99?;
    Some(r)
}

/// The load generator's settings.
#[derive(Clone, Debug)]
struct Wrk {
    threads: u32,
    connections: u32,
    duration: Duration,
}

impl Wrk {
    /// Runs `wrk` against `url` with `headers` and an optional Lua `script`.
    fn run(&self, url: &str, headers: &[String], script: Option<&Path>) -> anyhow::Result<WrkReport> {
        let mut command = Command::new("wrk");
        command
            .arg(format!("-t{}", self.threads.min(self.connections)))
            .arg(format!("-c{}", self.connections))
            .arg(format!("-d{}s", self.duration.as_secs()))
            .arg("--timeout")
            .arg("30s")
            .arg("--latency");
        for h in headers {
            command.arg("-H").arg(h);
        }
        if let Some(s) = script {
            command.arg("-s").arg(s);
        }
        command.arg(url);
        let output = command.output().context("running wrk (apt-get install wrk)")?;
        let text = String::from_utf8_lossy(&output.stdout);
        if !output.status.success() {
            bail!("wrk failed ({}): {text}{}", output.status, String::from_utf8_lossy(&output.stderr));
        }
        parse_wrk(&text).with_context(|| format!("unreadable wrk output:\n{text}"))
    }
}

fn wrk_installed() -> bool {
    Command::new("wrk").arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok()
}

/// A Lua string literal.
fn lua_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `wrk` script that POSTs forms: `bodies` in turn, with `cookie`.
pub fn post_script(cookie: &str, bodies: &[String]) -> String {
    let list: Vec<String> = bodies.iter().map(|b| lua_string(b)).collect();
    format!(
        "wrk.method = \"POST\"\n\
         wrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n\
         wrk.headers[\"Cookie\"] = {}\n\
         local bodies = {{ {} }}\n\
         local i = 0\n\
         request = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n",
        lua_string(cookie),
        list.join(", ")
    )
}

// --- the open-loop generator -------------------------------------------------------------------------

/// What the open-loop generator saw.
#[derive(Clone, Debug, Default)]
pub struct OpenLoopReport {
    pub sent: usize,
    pub ok: usize,
    pub failed: usize,
    /// Each request's time from when it was due to its complete response, sorted.
    pub latencies: Vec<Duration>,
}

impl OpenLoopReport {
    /// Adds another round's requests.
    pub fn merge(&mut self, other: OpenLoopReport) {
        self.sent += other.sent;
        self.ok += other.ok;
        self.failed += other.failed;
        self.latencies.extend(other.latencies);
        self.latencies.sort();
    }

    /// The `q`-quantile (0..=1) of the latencies, in milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        quantile(&self.latencies, q).as_secs_f64() * 1000.0
    }
}

/// The `q`-quantile of sorted `values` (nearest rank).
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Sends `request` (a whole HTTP/1.1 request) at `rate` per second for `duration` over
/// `connections` keep-alive connections: each request is due at its time whether or not the
/// ones before it were answered, waits for a free connection if none is, and is timed from
/// when it was due. A 200 is a success.
pub async fn open_loop(
    addr: SocketAddr,
    request: Arc<Vec<u8>>,
    rate: f64,
    connections: usize,
    duration: Duration,
) -> OpenLoopReport {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<tokio::time::Instant>();
    let rx = Arc::new(tokio::sync::Mutex::new(rx));
    let mut workers = Vec::new();
    for _ in 0..connections.max(1) {
        let rx = rx.clone();
        let request = request.clone();
        workers.push(tokio::spawn(async move {
            let mut conn: Option<tokio::net::TcpStream> = None;
            let mut samples = Vec::new();
            loop {
                let due = {
                    let mut rx = rx.lock().await;
                    match rx.recv().await {
                        Some(due) => due,
                        None => break,
                    }
                };
                let ok = exchange(&mut conn, addr, &request).await;
                samples.push((due.elapsed(), ok));
            }
            samples
        }));
    }
    let count = (rate * duration.as_secs_f64()).round() as usize;
    let start = tokio::time::Instant::now() + Duration::from_millis(20);
    for k in 0..count {
        let due = start + Duration::from_secs_f64(k as f64 / rate);
        tokio::time::sleep_until(due).await;
        if tx.send(due).is_err() {
            break;
        }
    }
    drop(tx);
    let mut report = OpenLoopReport { sent: count, ..OpenLoopReport::default() };
    for w in workers {
        for (latency, ok) in w.await.unwrap_or_default() {
            if ok {
                report.ok += 1;
            } else {
                report.failed += 1;
            }
            report.latencies.push(latency);
        }
    }
    report.latencies.sort();
    report
}

/// One request on the connection (opened if needed); whether it was answered 200. A failed
/// connection is dropped and opened again next time.
async fn exchange(conn: &mut Option<tokio::net::TcpStream>, addr: SocketAddr, request: &[u8]) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    if conn.is_none() {
        match tokio::net::TcpStream::connect(addr).await {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                *conn = Some(s);
            }
            Err(_) => return false,
        }
    }
    let Some(stream) = conn.as_mut() else { return false };
    if stream.write_all(request).await.is_err() {
        *conn = None;
        return false;
    }
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + length {
                let ok = head.starts_with("http/1.1 200");
                if head.contains("connection: close") {
                    *conn = None;
                }
                return ok;
            }
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => {
                *conn = None;
                return false;
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

// --- baselines -------------------------------------------------------------------------------------

/// The disk's fsync as SQLite meets it with `synchronous = FULL`: at each commit it writes the
/// transaction's pages into its write-ahead log and syncs it (`fdatasync`), overwriting the
/// log's blocks once it has been checkpointed. So: a file of `samples` blocks of 4 KiB written
/// and synced once, then each block overwritten and synced, in `dir`. Returns each sync's time.
pub fn fsync_times(dir: &Path, samples: usize) -> anyhow::Result<Vec<Duration>> {
    use std::os::unix::fs::FileExt;
    let path = dir.join("fsync-probe");
    let samples = samples.max(1);
    let file = std::fs::OpenOptions::new().create(true).truncate(true).read(true).write(true).open(&path)?;
    file.write_all_at(&vec![0u8; 4096 * samples], 0)?;
    file.sync_all()?;
    let block = [0x5au8; 4096];
    let mut times = Vec::with_capacity(samples);
    for i in 0..samples {
        file.write_all_at(&block, 4096 * i as u64)?;
        let started = Instant::now();
        file.sync_data()?;
        times.push(started.elapsed());
    }
    drop(file);
    let _ = std::fs::remove_file(&path);
    Ok(times)
}

/// Sequential single-appeal filings at `synchronous = FULL`: `store::appeals::file` one after
/// another on one connection for `duration`. Returns filings per second.
pub fn sequential_filings(db: &Path, account: AccountId, duration: Duration) -> anyhow::Result<(u64, f64)> {
    let store = Store::open_with(&DatabaseUrl::Sqlite(db.to_path_buf()), OpenMode::Existing, 1)?;
    let c = &mut *store.conn()?;
    let service = catalogue::get(c, "consultation")?.context("the consultation service")?;
    let draft = AppealForm::new(&consultation_form())
        .parse(&service, moscow_date(Utc::now()))
        .map_err(|e| anyhow!("the form does not parse: {e:?}"))?;
    let cal = calendar()?;
    let started = Instant::now();
    let mut n = 0u64;
    while started.elapsed() < duration {
        let req = FileRequest { account, draft: &draft, lang: Lang::Ru, corrects: None };
        match appeals::file(c, &req, cal, Utc::now())? {
            FileOutcome::Filed { .. } => n += 1,
            other => bail!("a sequential filing was refused: {other:?}"),
        }
    }
    Ok((n, n as f64 / started.elapsed().as_secs_f64()))
}

/// Raw argon2id verifications at the policy's parameters on `threads` threads for
/// `duration`. Returns verifications per second.
pub fn raw_argon2(threads: usize, duration: Duration) -> anyhow::Result<(u64, f64)> {
    let secret = b"ABCD2345";
    let hash = hash_secret(secret)?;
    let started = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                let hash = &hash;
                s.spawn(move || {
                    let mut n = 0u64;
                    loop {
                        assert!(verify(hash, secret), "the secret verifies");
                        n += 1;
                        if started.elapsed() >= duration {
                            break n;
                        }
                    }
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    Ok((total, total as f64 / started.elapsed().as_secs_f64()))
}

// --- the run -------------------------------------------------------------------------------------------

/// The 1-, 5- and 15-minute load averages.
pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

/// Everything measured.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub hello: WrkReport,
    pub status: WrkReport,
    /// Status reads with the read cache off: the database on every request (not a goal).
    pub uncached: WrkReport,
    /// Status reads / hello-world, round by round.
    pub status_ratios: Vec<f64>,
    /// The median fsync, and the slowest.
    pub fsync: Duration,
    pub fsync_max: Duration,
    pub sequential_per_second: f64,
    pub filings: WrkReport,
    pub filings_stored: i64,
    /// The server's group commit: transactions and the filings in them.
    pub commits: u64,
    pub committed_filings: u64,
    pub raw_argon_per_second: f64,
    pub argon_threads: usize,
    pub sign_ins: WrkReport,
    /// Sign-ins / raw argon2, round by round.
    pub sign_in_ratios: Vec<f64>,
    pub storm_status: OpenLoopReport,
    pub server_peak_kib: Option<u64>,
    pub hello_peak_kib: Option<u64>,
}

/// The outcome of one goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Verdict {
    fn of(ok: bool) -> Verdict {
        if ok { Verdict::Pass } else { Verdict::Fail }
    }

    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
        }
    }
}

/// The goals judged from the figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Goals {
    pub status_ratio: f64,
    pub status: Verdict,
    pub fsync_bound: f64,
    pub filing: Verdict,
    pub sign_in_ratio: f64,
    pub sign_in: Verdict,
    pub storm_p99_ms: f64,
    pub storm_latency: Verdict,
}

impl Goals {
    pub fn judge(f: &Figures) -> Goals {
        let status_ratio = f.status.per_second / f.hello.per_second;
        let fsync_bound = 1.0 / f.fsync.as_secs_f64().max(1e-9);
        let sign_in_ratio = f.sign_ins.per_second / f.raw_argon_per_second;
        let storm_p99_ms = f.storm_status.quantile_ms(0.99);
        let storm_ok = f.storm_status.failed == 0 && f.storm_status.ok > 0 && storm_p99_ms < MAX_STORM_P99_MS;
        Goals {
            status_ratio,
            status: Verdict::of(status_ratio >= MIN_STATUS_RATIO),
            fsync_bound,
            filing: Verdict::of(f.filings.per_second > fsync_bound),
            sign_in_ratio,
            sign_in: Verdict::of(sign_in_ratio >= MIN_SIGN_IN_RATIO),
            storm_p99_ms,
            storm_latency: Verdict::of(storm_ok),
        }
    }

    pub fn failed(&self) -> bool {
        [self.status, self.filing, self.sign_in, self.storm_latency].contains(&Verdict::Fail)
    }
}

/// Where the databases go.
enum WorkDir {
    Temp(tempfile::TempDir),
    Kept(PathBuf),
}

impl WorkDir {
    fn path(&self) -> &Path {
        match self {
            WorkDir::Temp(t) => t.path(),
            WorkDir::Kept(p) => p,
        }
    }
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".to_owned(), |k| format!("{:.1}", k as f64 / 1024.0))
}

/// `cargo xtask bench-server`.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; the figures mean little. Use `cargo xtask bench-server` (release).");
    }
    if !wrk_installed() {
        bail!("wrk is not installed: apt-get install wrk");
    }
    let settings = Settings::of(args);
    let (duration, rounds) = (settings.duration, settings.rounds);
    let load_before = load_average();
    let work = match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            WorkDir::Kept(dir.clone())
        }
        None => {
            let beside = std::env::current_exe()?.parent().map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir);
            WorkDir::Temp(
                tempfile::Builder::new()
                    .prefix("bench-server-")
                    .tempdir_in(beside)
                    .context("creating a temporary folder")?,
            )
        }
    };
    let db = work.path().join("bench.sqlite3");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    eprintln!("preparing the database in {} …", work.path().display());
    let fixture = prepare(&db)?;
    let (maria_number, maria_pin) = fixture.accounts[0].clone();
    let mut f = Figures::default();
    let wrk = |connections| Wrk { threads: settings.threads, connections, duration };
    let each = format!("{rounds} × {} s", duration.as_secs());

    // 1. status reads against hello-world, alternating
    eprintln!("measuring: hello-world and status reads, {} connections, {each} each …", settings.connections);
    let hello = Served::start(Role::Hello, &db)?;
    let server = Served::start(Role::Server, &db)?;
    let uncached = Served::start_with(Role::Server, &db, &["--no-read-cache"])?;
    let session = sign_in(server.addr, &maria_number, &maria_pin)?;
    let status_path = format!("/api/v1/appeals/{}", fixture.appeal.0);
    for addr in [server.addr, uncached.addr] {
        let check = request(addr, "GET", &status_path, &session, None)?;
        if check.status != 200 || !check.body.contains("\"timeline\"") {
            bail!("the status read answered {}: {}", check.status, check.body);
        }
    }
    let (mut hellos, mut statuses, mut uncacheds) = (Vec::new(), Vec::new(), Vec::new());
    let cookie = [format!("Cookie: {session}")];
    for _ in 0..rounds {
        let h = wrk(settings.connections).run(&format!("http://{}/", hello.addr), &[], None)?;
        let s = wrk(settings.connections).run(&format!("http://{}{status_path}", server.addr), &cookie, None)?;
        let u = wrk(settings.connections).run(&format!("http://{}{status_path}", uncached.addr), &cookie, None)?;
        eprintln!(
            "  round: hello-world {:.0}/s, status reads {:.0}/s (p99 {:.1} ms), without the cache {:.0}/s",
            h.per_second, s.per_second, s.p99_ms, u.per_second
        );
        f.status_ratios.push(s.per_second / h.per_second);
        hellos.push(h);
        statuses.push(s);
        uncacheds.push(u);
    }
    hello.stop()?;
    uncached.stop()?;
    (f.hello, f.status, f.uncached) =
        (WrkReport::combine(&hellos), WrkReport::combine(&statuses), WrkReport::combine(&uncacheds));
    let bad = f.status.bad_status + f.hello.bad_status + f.uncached.bad_status;
    if bad > 0 {
        bail!("{bad} status reads were not answered 200");
    }

    // 2. durable filing: the server's group commit against sequential commits and fsync
    eprintln!(
        "measuring: sequential filings, fsync, and filings through the server over {FILING_CONNECTIONS} \
         connections, {each} each …"
    );
    let mut pairs = consultation_form();
    pairs.push(("csrf".to_owned(), intake_server::csrf::session_token(session.trim_start_matches("sid="))));
    pairs.push(("action".to_owned(), "file".to_owned()));
    let script = work.path().join("file.lua");
    std::fs::write(&script, post_script(&session, &[form_body(&pairs)]))?;
    let samples = if args.quick { 50 } else { 100 };
    let (mut sequential, mut filings, mut fsyncs) = (Vec::new(), Vec::new(), Vec::new());
    let before = stored_appeals(&db)?;
    for _ in 0..rounds {
        sequential.push(sequential_filings(&db, fixture.maria, duration)?.1);
        fsyncs.extend(fsync_times(work.path(), samples)?);
        let sequential_stored = stored_appeals(&db)?;
        let r = wrk(FILING_CONNECTIONS).run(
            &format!("http://{}/appeals/new/consultation", server.addr),
            &[],
            Some(&script),
        )?;
        eprintln!(
            "  round: sequential {:.0}/s, server {:.0}/s (p99 {:.1} ms)",
            sequential.last().copied().unwrap_or_default(),
            r.per_second,
            r.p99_ms
        );
        filings.push(r);
        f.filings_stored += stored_appeals(&db)? - sequential_stored;
    }
    let ended = server.stop()?;
    // the script carries a session cookie: not left behind, even with --dir
    let _ = std::fs::remove_file(&script);
    (f.commits, f.committed_filings) = (ended.commits, ended.filings);
    f.filings = WrkReport::combine(&filings);
    f.sequential_per_second = sequential.iter().sum::<f64>() / sequential.len().max(1) as f64;
    fsyncs.sort();
    (f.fsync, f.fsync_max) = (quantile(&fsyncs, 0.5), quantile(&fsyncs, 1.0));
    if f.filings.bad_status > 0 || f.filings_stored < i64::try_from(f.filings.requests)? {
        bail!(
            "{} filings were refused, {} acknowledged, {} stored (of {} in all)",
            f.filings.bad_status,
            f.filings.requests,
            f.filings_stored,
            stored_appeals(&db)? - before
        );
    }

    // 3. the sign-in storm, with status reads at a fixed rate alongside, against raw argon2
    let cpus = settings.cpus;
    f.argon_threads = cpus;
    eprintln!(
        "measuring: raw argon2 on {cpus} thread(s), and sign-ins over {SIGN_IN_CONNECTIONS} connections with \
         {STORM_STATUS_RATE} status reads/s over {STORM_STATUS_CONNECTIONS} connections, {each} each …"
    );
    let server = Served::start(Role::Server, &db)?;
    let session = sign_in(server.addr, &maria_number, &maria_pin)?;
    let (csrf, pre) = sign_in_form(server.addr)?;
    let bodies: Vec<String> = fixture.accounts.iter().map(|(n, p)| sign_in_body(&csrf, n, p)).collect();
    let script = work.path().join("sign-in.lua");
    std::fs::write(&script, post_script(&pre, &bodies))?;
    let status_request = Arc::new(
        format!("GET {status_path} HTTP/1.1\r\nHost: {}\r\nCookie: {session}\r\n\r\n", server.addr).into_bytes(),
    );
    let sign_in_url = format!("http://{}/sign-in", server.addr);
    let (mut raws, mut storms) = (Vec::new(), Vec::new());
    let mut status = OpenLoopReport::default();
    for _ in 0..rounds {
        let raw = raw_argon2(cpus, duration)?.1;
        let (storm, reads) = storm(&wrk(SIGN_IN_CONNECTIONS), &sign_in_url, &script, server.addr, &status_request)?;
        eprintln!(
            "  round: raw argon2 {raw:.1}/s, sign-ins {:.1}/s, status p99 {:.1} ms",
            storm.per_second,
            reads.quantile_ms(0.99)
        );
        f.sign_in_ratios.push(storm.per_second / raw);
        raws.push(raw);
        storms.push(storm);
        status.merge(reads);
    }
    server.stop()?;
    // the script carries the (benchmark's own) PINs: not left behind, even with --dir
    let _ = std::fs::remove_file(&script);
    f.raw_argon_per_second = raws.iter().sum::<f64>() / raws.len().max(1) as f64;
    f.sign_ins = WrkReport::combine(&storms);
    f.storm_status = status;
    if f.sign_ins.bad_status > 0 {
        bail!("{} sign-ins were refused", f.sign_ins.bad_status);
    }

    // 4. memory at 512 connections
    eprintln!("measuring: peak memory at {MEMORY_CONNECTIONS} connections …");
    let memory_wrk = Wrk {
        threads: settings.threads,
        connections: MEMORY_CONNECTIONS,
        duration: duration.min(Duration::from_secs(5)),
    };
    let server = Served::start(Role::Server, &db)?;
    let session = sign_in(server.addr, &maria_number, &maria_pin)?;
    let m = memory_wrk.run(&format!("http://{}{status_path}", server.addr), &[format!("Cookie: {session}")], None)?;
    f.server_peak_kib = server.stop()?.peak_kib;
    let hello = Served::start(Role::Hello, &db)?;
    let h = memory_wrk.run(&format!("http://{}/", hello.addr), &[], None)?;
    f.hello_peak_kib = hello.stop()?.peak_kib;
    if m.bad_status + m.socket_errors + h.bad_status + h.socket_errors > 0 {
        eprintln!(
            "note: at {MEMORY_CONNECTIONS} connections: {} bad statuses and {} socket errors (server), {} and {} \
             (hello-world)",
            m.bad_status, m.socket_errors, h.bad_status, h.socket_errors
        );
    }

    let goals = Goals::judge(&f);
    print!("{}", report(&f, &goals, &settings, load_before.as_deref(), load_average().as_deref()));
    if let WorkDir::Kept(dir) = &work {
        println!("database kept in {}", dir.display());
    }
    Ok(if args.check && goals.failed() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// One round of the storm: `wrk` signs in through `script` while the open-loop generator
/// reads the status; both for the same time.
fn storm(
    wrk: &Wrk,
    url: &str,
    script: &Path,
    addr: SocketAddr,
    status_request: &Arc<Vec<u8>>,
) -> anyhow::Result<(WrkReport, OpenLoopReport)> {
    std::thread::scope(|s| {
        let storm = s.spawn(|| wrk.run(url, &[], Some(script)));
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let reads = rt.block_on(open_loop(
            addr,
            status_request.clone(),
            STORM_STATUS_RATE,
            STORM_STATUS_CONNECTIONS,
            wrk.duration,
        ));
        drop(rt);
        let storm = storm.join().map_err(|_| anyhow!("the wrk thread panicked"))??;
        Ok((storm, reads))
    })
}

fn stored_appeals(db: &Path) -> anyhow::Result<i64> {
    let store = Store::open_with(&DatabaseUrl::Sqlite(db.to_path_buf()), OpenMode::Existing, 1)?;
    Ok(count_rows(&mut *store.conn()?, "appeals")?)
}

/// The settings a run uses.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Each measurement of each round.
    pub duration: Duration,
    pub rounds: u32,
    pub threads: u32,
    pub connections: u32,
    pub cpus: usize,
}

impl Settings {
    fn of(args: &BenchArgs) -> Settings {
        let cpus = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Settings {
            duration: args.duration(),
            rounds: args.rounds.unwrap_or(if args.quick { 1 } else { DEFAULT_ROUNDS }),
            threads: args.threads.unwrap_or(u32::try_from(cpus).unwrap_or(2)),
            connections: args.connections,
            cpus,
        }
    }
}

/// `min–max` of round-by-round ratios.
fn spread(ratios: &[f64]) -> String {
    let min = ratios.iter().copied().fold(f64::INFINITY, f64::min);
    let max = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if ratios.len() < 2 { String::new() } else { format!(", rounds {min:.2}–{max:.2}") }
}

/// The table and the goals, as printed.
pub fn report(f: &Figures, g: &Goals, s: &Settings, load_before: Option<&str>, load_after: Option<&str>) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\nweb server benchmark: {} CPU(s); {} round(s) of {} s per measurement, baseline and server alternating; \
         wrk -t{}\nload average {} before, {} after",
        s.cpus,
        s.rounds,
        s.duration.as_secs(),
        s.threads,
        load_before.unwrap_or("n/a"),
        load_after.unwrap_or("n/a")
    );
    let _ = writeln!(out, "{:<44} {:>12} {:>10} {:>10}", "run", "per second", "p50 ms", "p99 ms");
    let row = |out: &mut String, name: &str, per_second: f64, p50: Option<f64>, p99: Option<f64>| {
        let ms = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"));
        let _ = writeln!(out, "{name:<44} {per_second:>12.1} {:>10} {:>10}", ms(p50), ms(p99));
    };
    let wrk_row =
        |out: &mut String, name: &str, r: &WrkReport| row(out, name, r.per_second, Some(r.p50_ms), Some(r.p99_ms));
    wrk_row(&mut out, &format!("hello-world, {} connections", s.connections), &f.hello);
    wrk_row(&mut out, &format!("status reads, {} connections", s.connections), &f.status);
    wrk_row(&mut out, "  the same without the read cache", &f.uncached);
    let _ = writeln!(
        out,
        "status reads / hello-world: {:.2}{} (goal ≥ {MIN_STATUS_RATIO:.2}) {}",
        g.status_ratio,
        spread(&f.status_ratios),
        g.status.label()
    );
    let _ = writeln!(out);
    row(
        &mut out,
        &format!(
            "1 / fsync (median {:.2} ms, max {:.1} ms)",
            f.fsync.as_secs_f64() * 1000.0,
            f.fsync_max.as_secs_f64() * 1000.0
        ),
        g.fsync_bound,
        None,
        None,
    );
    row(&mut out, "sequential filings, one connection", f.sequential_per_second, None, None);
    wrk_row(&mut out, &format!("server filings, {FILING_CONNECTIONS} connections"), &f.filings);
    let per_commit = if f.commits > 0 { f.committed_filings as f64 / f.commits as f64 } else { 0.0 };
    let _ = writeln!(
        out,
        "server filings: {:.1}× one fsync each, {:.1}× sequential; {} acknowledged, {} stored, {:.1} per commit \
         (goal > 1/fsync) {}",
        f.filings.per_second / g.fsync_bound,
        f.filings.per_second / f.sequential_per_second,
        f.filings.requests,
        f.filings_stored,
        per_commit,
        g.filing.label()
    );
    let _ = writeln!(out);
    row(&mut out, &format!("raw argon2id, {} thread(s)", f.argon_threads), f.raw_argon_per_second, None, None);
    wrk_row(&mut out, &format!("sign-ins, {SIGN_IN_CONNECTIONS} connections"), &f.sign_ins);
    row(
        &mut out,
        &format!("  status reads alongside, {STORM_STATUS_RATE}/s open loop"),
        f.storm_status.ok as f64 / (s.duration.as_secs_f64() * f64::from(s.rounds)),
        Some(f.storm_status.quantile_ms(0.5)),
        Some(g.storm_p99_ms),
    );
    let _ = writeln!(
        out,
        "sign-ins / raw argon2: {:.2}{} (goal ≥ {MIN_SIGN_IN_RATIO:.2}) {}",
        g.sign_in_ratio,
        spread(&f.sign_in_ratios),
        g.sign_in.label()
    );
    let _ = writeln!(
        out,
        "status p99 during the storm: {:.1} ms, {} of {} answered 200, max {:.1} ms (goal < {MAX_STORM_P99_MS:.0} ms) \
         {}",
        g.storm_p99_ms,
        f.storm_status.ok,
        f.storm_status.sent,
        f.storm_status.quantile_ms(1.0),
        g.storm_latency.label()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "peak RSS at {MEMORY_CONNECTIONS} connections: server {} MiB, hello-world {} MiB",
        mib(f.server_peak_kib),
        mib(f.hello_peak_kib)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRK_OUTPUT: &str = "Running 2s test @ http://127.0.0.1:41234/api/v1/appeals/1
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.10ms    2.03ms  40.12ms   80.12%
    Req/Sec     6.31k   512.00     7.10k    70.00%
  Latency Distribution
     50%  812.00us
     75%    5.90ms
     90%    7.80ms
     99%    1.02s
  25112 requests in 2.00s, 31.02MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:  12549.61
Transfer/sec:     15.50MB
";

    #[test]
    fn wrk_output_is_read_with_its_units() {
        let r = parse_wrk(WRK_OUTPUT).unwrap();
        assert_eq!(r.requests, 25112);
        assert!((r.per_second - 12549.61).abs() < 1e-6);
        assert!((r.p50_ms - 0.812).abs() < 1e-9);
        assert!((r.p99_ms - 1020.0).abs() < 1e-9);
        assert_eq!((r.bad_status, r.socket_errors), (7, 5));
        let clean = WRK_OUTPUT
            .lines()
            .filter(|l| !l.contains("Socket errors") && !l.contains("Non-2xx"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(parse_wrk(&clean).map(|r| (r.bad_status, r.socket_errors)), Some((0, 0)));
        assert_eq!(parse_wrk("wrk: connection refused"), None);
        assert_eq!(duration_ms("2.5m"), Some(150_000.0));
        assert_eq!(duration_ms("3x"), None);
    }

    #[test]
    fn quantiles_take_the_nearest_rank() {
        let ms = |n: u64| Duration::from_millis(n);
        let v: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(quantile(&v, 0.5), ms(50));
        assert_eq!(quantile(&v, 0.99), ms(99));
        assert_eq!(quantile(&v, 1.0), ms(100));
        assert_eq!(quantile(&v, 0.0), ms(1));
        assert_eq!(quantile(&[], 0.99), Duration::ZERO);
    }

    #[test]
    fn forms_and_lua_strings_are_escaped() {
        let body = form_body(&[("f-question".to_owned(), "Где? 100% & \"да\"".to_owned())]);
        assert_eq!(body, "f-question=%D0%93%D0%B4%D0%B5%3F+100%25+%26+%22%D0%B4%D0%B0%22");
        assert_eq!(lua_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        let script = post_script("sid=x", &["a=1".to_owned(), "b=2".to_owned()]);
        assert!(script.contains("wrk.method = \"POST\""));
        assert!(script.contains("local bodies = { \"a=1\", \"b=2\" }"));
        assert!(script.contains("wrk.headers[\"Cookie\"] = \"sid=x\""));
    }

    fn figures() -> Figures {
        let wrk = |per_second| WrkReport { per_second, ..WrkReport::default() };
        Figures {
            hello: wrk(10_000.0),
            status: wrk(4_000.0),
            fsync: Duration::from_millis(2),
            sequential_per_second: 300.0,
            filings: wrk(1_000.0),
            raw_argon_per_second: 30.0,
            argon_threads: 2,
            sign_ins: wrk(27.0),
            storm_status: OpenLoopReport {
                sent: 3,
                ok: 3,
                failed: 0,
                latencies: vec![Duration::from_millis(1), Duration::from_millis(2), Duration::from_millis(49)],
            },
            ..Figures::default()
        }
    }

    #[test]
    fn goals_pass_and_fail_at_their_bounds() {
        let f = figures();
        let g = Goals::judge(&f);
        assert_eq!(
            (g.status, g.filing, g.sign_in, g.storm_latency),
            (Verdict::Pass, Verdict::Pass, Verdict::Pass, Verdict::Pass)
        );
        assert!(!g.failed());
        assert!((g.fsync_bound - 500.0).abs() < 1e-6);

        let mut slow = f.clone();
        slow.status.per_second = 3_999.0;
        slow.filings.per_second = 500.0;
        slow.sign_ins.per_second = 26.9;
        slow.storm_status.latencies[2] = Duration::from_millis(50);
        let g = Goals::judge(&slow);
        assert_eq!(
            (g.status, g.filing, g.sign_in, g.storm_latency),
            (Verdict::Fail, Verdict::Fail, Verdict::Fail, Verdict::Fail)
        );
        assert!(g.failed());

        let mut lost = f.clone();
        lost.storm_status.failed = 1;
        assert_eq!(Goals::judge(&lost).storm_latency, Verdict::Fail, "a failed status read fails the goal");
        let report = report(
            &f,
            &Goals::judge(&f),
            &Settings { duration: Duration::from_secs(2), rounds: 1, threads: 2, connections: 64, cpus: 2 },
            Some("0.50 0.40 0.30"),
            None,
        );
        assert!(report.contains("load average 0.50 0.40 0.30 before, n/a after"), "{report}");
        assert!(report.contains("status reads / hello-world: 0.40 (goal ≥ 0.40) PASS"), "{report}");
        assert!(!report.contains("NaN"), "{report}");
    }

    #[test]
    fn rounds_combine_into_one_figure() {
        let r = |requests, per_second, p50_ms, p99_ms| WrkReport {
            requests,
            per_second,
            p50_ms,
            p99_ms,
            bad_status: 1,
            socket_errors: 0,
        };
        let c = WrkReport::combine(&[r(100, 50.0, 1.0, 9.0), r(300, 150.0, 3.0, 4.0), r(200, 100.0, 2.0, 5.0)]);
        assert_eq!((c.requests, c.bad_status), (600, 3));
        assert!((c.per_second - 100.0).abs() < 1e-9 && (c.p50_ms - 2.0).abs() < 1e-9 && (c.p99_ms - 9.0).abs() < 1e-9);
        let mut a = OpenLoopReport { sent: 2, ok: 2, failed: 0, latencies: vec![Duration::from_millis(3)] };
        a.merge(OpenLoopReport { sent: 1, ok: 0, failed: 1, latencies: vec![Duration::from_millis(1)] });
        assert_eq!((a.sent, a.ok, a.failed), (3, 2, 1));
        assert_eq!(a.latencies, [Duration::from_millis(1), Duration::from_millis(3)], "sorted");
        assert_eq!(spread(&[0.5, 0.7, 0.6]), ", rounds 0.50–0.70");
        assert_eq!(spread(&[0.5]), "");
    }

    #[test]
    fn a_server_process_reports_memory_and_commits() {
        let out = "bench-server-filings commits=12 filings=96\nbench-server-result peak_rss_kib=40960\n";
        assert_eq!(Ended::parse(out), Ended { peak_kib: Some(40960), commits: 12, filings: 96 });
        assert_eq!(Ended::parse("bench-server-result peak_rss_kib=none\n"), Ended::default());
    }

    /// The fixture, the set-up client and the open-loop generator against the real server,
    /// in this process.
    #[test]
    fn the_open_loop_reads_the_status_of_the_prepared_appeal() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("b.sqlite3");
        let fixture = prepare(&db).unwrap();
        assert_eq!(fixture.accounts.len(), ACCOUNTS);
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let store = Store::open_with(&DatabaseUrl::Sqlite(db.clone()), OpenMode::Existing, 4).unwrap();
        let settings =
            intake_server::Settings::new(server_config(), "http://127.0.0.1".to_owned(), calendar().unwrap().clone());
        let (state, _filing) = intake_server::State::new(store, settings).unwrap();
        let listener = rt.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = rt.spawn(intake_server::serve(state, listener, async {
            let _ = rx.await;
        }));

        let (number, pin) = &fixture.accounts[0];
        let session = sign_in(addr, number, pin).unwrap();
        let path = format!("/api/v1/appeals/{}", fixture.appeal.0);
        let r = request(addr, "GET", &path, &session, None).unwrap();
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body.matches("\"at\"").count(), 3, "three timeline events: {}", r.body);
        let get = |cookie: &str| {
            Arc::new(format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\n\r\n").into_bytes())
        };
        let report = rt.block_on(open_loop(addr, get(&session), 100.0, 4, Duration::from_millis(500)));
        assert_eq!((report.sent, report.ok, report.failed), (50, 50, 0));
        assert_eq!(report.latencies.len(), 50);
        let refused = rt.block_on(open_loop(addr, get("sid=nobody"), 100.0, 2, Duration::from_millis(100)));
        assert_eq!((refused.ok, refused.failed), (0, 10), "a 401 is not a success");

        // every other account signs in too
        for (number, pin) in &fixture.accounts[1..] {
            assert!(sign_in(addr, number, pin).unwrap().starts_with("sid="));
        }
        let _ = tx.send(());
        rt.block_on(server).unwrap();
    }

    #[test]
    fn sequential_filings_and_argon2_count_what_they_did() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("s.sqlite3");
        let fixture = prepare(&db).unwrap();
        let before = stored_appeals(&db).unwrap();
        let (n, rate) = sequential_filings(&db, fixture.maria, Duration::from_millis(200)).unwrap();
        assert!(n > 0 && rate > 0.0);
        assert_eq!(stored_appeals(&db).unwrap() - before, i64::try_from(n).unwrap());
        let (n, rate) = raw_argon2(1, Duration::from_millis(1)).unwrap();
        assert!(n >= 1 && rate > 0.0);
        let times = fsync_times(dir.path(), 3).unwrap();
        assert_eq!(times.len(), 3);
        assert!(times.iter().all(|t| *t > Duration::ZERO));
        assert!(!dir.path().join("fsync-probe").exists(), "the probe file is removed");
    }
}
