//! `cargo xtask bench-mail`: outbox delivery against a plain SMTP client.
//!
//! Both send the same messages to the same local multi-connection SMTP server (aiosmtpd,
//! `tests/support/smtp_sink.py`) in one run:
//! - **plain client**: the messages rendered and built beforehand, sent one after another with
//!   lettre's `SmtpTransport` (pooled connection, `TCP_NODELAY`) — the cost of SMTP alone;
//! - **outbox**: `Deliverer::run_pass` until the outbox is empty — claiming under a lease,
//!   loading each event, rendering both parts, sending, and marking the batch sent, on SQLite
//!   with `synchronous=FULL`.
//!
//! Goal: the outbox at least 80 % of the plain client's rate.

use std::time::{Duration as StdDuration, Instant};

use anyhow::{Context, bail};
use chrono::{Duration, Utc};
use clap::Args;
use ereception_core::i18n::Lang;
use ereception_core::mail::deliver::{
    Deliverer, DeliverySettings, MailTransport, OutageBackoff, SmtpSecurity, TransportConfig,
};
use ereception_core::mail::testing::{SmtpSink, file, many_messages, world};
use ereception_core::store::outbox::{self, RetryPolicy};
use ereception_core::store::{DatabaseUrl, OpenMode, Store, count_rows};
use lettre::Transport as _;

/// Options of `cargo xtask bench-mail`.
#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Messages to deliver.
    #[arg(long, default_value_t = 5_000, conflicts_with = "quick")]
    pub messages: usize,
    /// The CI's variant: 2,000 messages a round (otherwise 5,000). Either way three rounds, each
    /// on a fresh database and server, judged by the median.
    #[arg(long)]
    pub quick: bool,
    /// Exit with status 1 when the goal is not met (otherwise it is only reported).
    #[arg(long)]
    pub check: bool,
}

const GOAL: f64 = 0.8;

fn transport(port: u16) -> anyhow::Result<MailTransport> {
    Ok(MailTransport::new(&TransportConfig::Smtp {
        host: "127.0.0.1".to_owned(),
        port,
        security: SmtpSecurity::None,
        user: None,
        password: None,
        pool_size: 2,
        timeout: StdDuration::from_secs(10),
    })?)
}

fn settings() -> DeliverySettings {
    DeliverySettings {
        from: "Электронная приёмная <no-reply@arbat.example>".parse().expect("a valid mailbox"),
        public_base_url: "https://priem.arbat.example".to_owned(),
        batch: 200,
        lease: Duration::minutes(5),
        retry: RetryPolicy::default(),
        outage: OutageBackoff::default(),
        idle_poll: StdDuration::from_millis(10),
        worker_id: "bench".to_owned(),
    }
}

/// One round: a fresh database with `n` messages and a fresh SMTP server; the plain client
/// sends the messages pre-built, then the outbox delivers them. Returns both durations.
fn round(n: usize) -> anyhow::Result<(usize, StdDuration, StdDuration)> {
    let Some(sink) = SmtpSink::start("bench-mail", None) else {
        bail!("python3 with aiosmtpd is needed: apt-get install python3-aiosmtpd");
    };
    let dir = tempfile::tempdir()?;
    let store = Store::open(&DatabaseUrl::Sqlite(dir.path().join("bench.sqlite3")), OpenMode::Migrate)?;
    let now = Utc::now();
    let w = world(&store, Some("maria@example.invalid"), Lang::Ru, now);
    let id = file(&store, &w, "consultation", &[("f-topic", "housing"), ("f-question", "Как получить ЕЖД?")], now);
    let pending = count_rows(&mut *store.conn()?, "outbox")?;
    many_messages(&store, &w, id, n.saturating_sub(usize::try_from(pending).unwrap_or(0)), now);
    let total = usize::try_from(outbox::counts(&mut *store.conn()?, now)?.pending).context("message count")?;

    // The plain client: the same messages, built beforehand.
    let builder = Deliverer::new(store.clone(), transport(sink.port)?, settings());
    let mut prepared = Vec::with_capacity(total);
    for entry in outbox::list(&mut *store.conn()?, Some(outbox::state::PENDING), i64::MAX)? {
        let claimed = outbox::peek(&mut *store.conn()?, ereception_core::domain::ids::OutboxId(entry.id))?
            .context("an outbox row")?;
        let job = outbox::load_job(&mut *store.conn()?, claimed)?;
        let (message, _) = builder.build(&job).map_err(|e| anyhow::anyhow!("{e}"))?;
        prepared.push(message);
    }
    let plain = plain_transport(sink.port);
    let started = Instant::now();
    for message in &prepared {
        plain.send(message)?;
    }
    let plain_time = started.elapsed();

    let deliverer = Deliverer::new(store.clone(), transport(sink.port)?, settings());
    let started = Instant::now();
    let mut sent = 0;
    loop {
        let stats = deliverer.run_pass(Utc::now())?;
        sent += stats.sent;
        if stats.claimed == 0 {
            break;
        }
        if stats.failed > 0 || stats.released > 0 {
            bail!("delivery failed during the benchmark: {stats:?}");
        }
    }
    let outbox_time = started.elapsed();
    let received = sink.wait_for(2 * total, StdDuration::from_secs(60)).len();
    if sent != total || received < 2 * total {
        bail!("sent {sent} of {total}; the server received {received} of {}", 2 * total);
    }
    Ok((total, plain_time, outbox_time))
}

pub fn run(args: &BenchArgs) -> anyhow::Result<std::process::ExitCode> {
    let n = if args.quick { 2_000 } else { args.messages.max(10) };
    // The CI's variant was one round of 500: the outbox's fixed costs (the worker's start,
    // the first claims) weigh on so few messages, and one round is noise; it read 0.69–0.73
    // where the full run reads 1.05, and failed a goal the full run meets.
    let rounds = 3;
    let mut results = Vec::new();
    for r in 1..=rounds {
        eprintln!("round {r} of {rounds}: {n} messages…");
        results.push(round(n)?);
    }
    let rate = |total: usize, time: StdDuration| total as f64 / time.as_secs_f64();
    println!("mail delivery benchmark: {n} messages to a local aiosmtpd, {} CPU(s), {rounds} round(s)", cpus());
    println!("{:<7} {:>22} {:>22} {:>7}", "round", "plain client, msg/s", "outbox, msg/s", "ratio");
    let mut ratios = Vec::new();
    for (i, (total, plain, outbox)) in results.iter().enumerate() {
        let ratio = rate(*total, *outbox) / rate(*total, *plain);
        ratios.push(ratio);
        println!("{:<7} {:>22.0} {:>22.0} {:>7.2}", i + 1, rate(*total, *plain), rate(*total, *outbox), ratio);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let pass = median >= GOAL;
    println!("rate outbox/plain, median: {median:.2} (goal ≥ {GOAL:.2}) {}", if pass { "PASS" } else { "FAIL" });
    Ok(if args.check && !pass { std::process::ExitCode::FAILURE } else { std::process::ExitCode::SUCCESS })
}

fn plain_transport(port: u16) -> lettre::SmtpTransport {
    lettre::SmtpTransport::builder_dangerous("127.0.0.1")
        .port(port)
        .timeout(Some(StdDuration::from_secs(10)))
        .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(2))
        .build()
}

fn cpus() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}
