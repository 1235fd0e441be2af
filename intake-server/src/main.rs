//! `intake-server`: runs the residents' web server.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, anyhow};
use clap::{ArgAction, CommandFactory, Parser};
use ereception_core::config::{Config, Overrides};
use ereception_core::i18n::{Lang, after_colon, tr, tr_args};
use ereception_core::mail::deliver::TransportConfig;
use ereception_core::store::{OpenMode, Store, StoreError};
use intake_server::{MailWorker, Settings, State, seed_catalogue, serve};
use tokio::net::TcpListener;

/// The residents' web server of e-Reception. Help texts here are English fallbacks; what
/// people read comes from the message catalogue (`server-…` ids, see `ereception_core::cli`).
#[derive(Debug, Parser)]
#[command(name = "intake-server", version, about, disable_help_flag = true, disable_version_flag = true)]
struct Cli {
    /// The configuration file (default: the platform's config directory).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The database: postgres://… or sqlite://PATH (default: the embedded SQLite file).
    #[arg(long, value_name = "URL")]
    database_url: Option<String>,
    /// The address to listen on (default 127.0.0.1:8080).
    #[arg(long, value_name = "ADDR")]
    listen: Option<SocketAddr>,
    /// Do not run the mail delivery worker here (run `clerk-tui outbox work` instead).
    #[arg(long)]
    no_mail_worker: bool,
    /// Print help.
    #[arg(short = 'h', long, action = ArgAction::Help)]
    help: Option<bool>,
    /// Print the version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    // the configured language (or `ERECEPTION_LANG`) before the arguments are read
    let detected = ereception_core::cli::detect_lang(&args);
    let cli: Cli = match ereception_core::cli::parse(
        ereception_core::cli::localize(Cli::command(), "server", detected),
        &args,
        detected,
    ) {
        Ok(c) => c,
        Err(code) => return ExitCode::from(code),
    };
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{}: {e}", tr(detected, "web-cli-error"));
            return ExitCode::FAILURE;
        }
    };
    let mut lang = detected;
    match runtime.block_on(run(cli, &mut lang)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e:#}", tr(lang, "web-cli-error"));
            ExitCode::FAILURE
        }
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ERECEPTION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).try_init();
}

async fn run(cli: Cli, lang_out: &mut Lang) -> anyhow::Result<()> {
    let overrides = Overrides {
        config_file: cli.config.clone(),
        database_url: cli.database_url.clone(),
        data_dir: None,
        lang: None,
        listen: cli.listen,
    };
    let config = Config::load(&overrides).map_err(|e| anyhow!(e.message(*lang_out)))?;
    let lang = config.lang;
    *lang_out = lang;
    println!("{}", tr_args(lang, "web-start-database", &[("url", config.database_url.redacted().into())]));
    let url = config.database_url.clone();
    let pool = config.server.db_pool_size;
    // the failure in words (a server that refuses connections, a database not created), on
    // one line; the error's own chain would repeat the driver's text
    let open_failed = |e: StoreError| match e {
        StoreError::Connect(_) | StoreError::Pool(_) => anyhow!(after_colon(&e.message(lang))),
        e => anyhow!("{}: {}", tr(lang, "web-start-open-failed"), after_colon(&e.message(lang))),
    };
    let store = tokio::task::spawn_blocking(move || Store::open_with(&url, OpenMode::Migrate, pool))
        .await?
        .map_err(open_failed)?;
    let seed_store = store.clone();
    if tokio::task::spawn_blocking(move || seed_catalogue(&seed_store)).await?.map_err(open_failed)? {
        println!("{}", tr(lang, "web-start-catalogue-seeded"));
    }
    let calendar = config.calendar().map_err(|e| anyhow!(e.message(lang)))?;
    let today = ereception_core::clock::moscow_date(chrono::Utc::now());
    if let Some(last) = calendar.ends_within(today, ereception_core::clock::CALENDAR_NOTICE_DAYS) {
        tracing::warn!(%last, "the production calendars end soon: add the next year's file to calendar_dir");
        println!("{}", ereception_core::clock::calendar_ends_message(last, lang));
    }
    let settings = Settings::new(config.server.clone(), config.public_base_url.clone(), calendar);
    let state_store = store.clone();
    let (state, filing) = tokio::task::spawn_blocking(move || State::new(state_store, settings))
        .await?
        .context(tr(lang, "web-start-state-failed"))?;
    // the address first: a server that cannot listen must not start sending mail either
    let listen = config.server.listen;
    let listener = TcpListener::bind(listen).await.map_err(|e| anyhow!(bind_failed(lang, listen, &e)))?;
    let mail = if config.server.mail_worker && !cli.no_mail_worker {
        let worker = MailWorker::start(store.clone(), &config).context(tr(lang, "web-start-mail-failed"))?;
        // where the letters go: a folder (the embedded default) or which SMTP server
        let on = match &config.mail.transport {
            TransportConfig::File { dir } => {
                tr_args(lang, "web-start-mail-on-file", &[("dir", dir.display().to_string().into())])
            }
            TransportConfig::Smtp { host, port, .. } => {
                tr_args(lang, "web-start-mail-on-smtp", &[("server", format!("{host}:{port}").into())])
            }
        };
        println!("{on}");
        Some(worker)
    } else {
        println!("{}", tr(lang, "web-start-mail-off"));
        None
    };
    let local = listener.local_addr()?;
    println!(
        "{}",
        tr_args(
            lang,
            "web-start-listening",
            &[("addr", local.to_string().into()), ("url", config.public_base_url.clone().into())]
        )
    );
    if config.links_point_at_loopback() {
        tracing::warn!(listen = %local, "public_base_url is not set: links in letters point at the loopback");
        println!(
            "{}",
            tr_args(
                lang,
                "config-links-at-loopback",
                &[("addr", local.to_string().into()), ("url", config.public_base_url.clone().into())]
            )
        );
    }
    serve(state, listener, shutdown_signal()).await;
    // the filing thread ends once the last request has let go of the state
    let joined =
        tokio::time::timeout(Duration::from_secs(10), tokio::task::spawn_blocking(move || filing.join())).await;
    if joined.is_err() {
        tracing::warn!("the filing thread did not stop in time");
    }
    if let Some(worker) = mail {
        tokio::task::spawn_blocking(move || worker.stop()).await?;
    }
    println!("{}", tr(lang, "web-start-stopped"));
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Why the server cannot listen, as an administrator reads it: the address taken by another
/// program, not this machine's, or a port below 1024 without the right to it — with what to
/// do, the system's own words after them.
fn bind_failed(lang: Lang, listen: SocketAddr, e: &std::io::Error) -> String {
    let id = match e.kind() {
        std::io::ErrorKind::AddrInUse => "web-start-bind-in-use",
        std::io::ErrorKind::AddrNotAvailable => "web-start-bind-not-here",
        std::io::ErrorKind::PermissionDenied if listen.port() < 1024 => "web-start-bind-privileged",
        _ => "web-start-bind-failed",
    };
    tr_args(lang, id, &[("addr", listen.to_string().into()), ("detail", e.to_string().into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_is_described_in_the_catalogue() {
        let missing = ereception_core::cli::missing_messages(&Cli::command(), "server");
        assert!(missing.is_empty(), "missing help texts: {missing:#?}");
        Cli::command().debug_assert();
    }
}
