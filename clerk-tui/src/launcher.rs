//! `clerk-tui start`: the demo in one command. Creates (or refreshes) the embedded database with
//! demo data and prints the form's address, the demo clerk's credentials and fresh PINs (the
//! `demo` command); starts `intake-server` in the background when it sits next to this
//! program, logging to `<data_dir>/logs/intake-server.log`; opens the clerk's terminal in the
//! foreground; stops the server when the terminal closes.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};

use anyhow::{Context, Result};
use ereception_core::config::env;
use ereception_core::demo::CLERK_LOGIN;
use ereception_core::i18n::tr_args;
use ereception_core::store::DatabaseUrl;

use crate::cli::args::DemoArgs;
use crate::cli::commands::{Ctx, demo};
use crate::tui;

/// Where the web server's binary is expected: beside this one.
pub fn server_path() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.with_file_name(format!("intake-server{}", std::env::consts::EXE_SUFFIX)))
}

/// The server with the same configuration as this process, its output in the log file.
fn spawn_server(ctx: &Ctx, path: &PathBuf) -> Result<(Child, PathBuf)> {
    let lang = ctx.lang;
    let logs = ctx.config.data_dir.join("logs");
    std::fs::create_dir_all(&logs)
        .with_context(|| tr_args(lang, "cli-start-log-failed", &[("path", logs.display().to_string().into())]))?;
    let log_path = logs.join("intake-server.log");
    let log =
        std::fs::OpenOptions::new().create(true).append(true).open(&log_path).with_context(|| {
            tr_args(lang, "cli-start-log-failed", &[("path", log_path.display().to_string().into())])
        })?;
    let url = match &ctx.config.database_url {
        DatabaseUrl::Postgres(u) => u.clone(),
        DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
    };
    let mut command = Command::new(path);
    command
        .env(env::DATA_DIR, &ctx.config.data_dir)
        .env(env::DATABASE_URL, url)
        .env(env::LANG, ctx.lang.code())
        .stdin(Stdio::null())
        .stdout(log.try_clone().context("log file")?)
        .stderr(log);
    if let Some(file) = &ctx.config.file {
        command.env(env::CONFIG, file);
    }
    let child = command
        .spawn()
        .with_context(|| tr_args(lang, "cli-start-server-failed", &[("path", path.display().to_string().into())]))?;
    Ok((child, log_path))
}

/// Runs the demo: data, server, terminal.
pub fn start(ctx: &Ctx, a: &DemoArgs) -> Result<ExitCode> {
    let lang = ctx.lang;
    demo(ctx, a)?;
    println!();
    let mut server = None;
    match server_path() {
        Some(path) if path.is_file() => {
            let (child, log) = spawn_server(ctx, &path)?;
            println!(
                "{}",
                tr_args(
                    lang,
                    "cli-start-server-started",
                    &[("pid", child.id().to_string().into()), ("log", log.display().to_string().into())]
                )
            );
            server = Some(child);
        }
        other => {
            let path = other.map(|p| p.display().to_string()).unwrap_or_else(|| "intake-server".to_owned());
            println!("{}", tr_args(lang, "cli-start-no-server", &[("path", path.into())]));
        }
    }
    if std::io::stdin().is_terminal() {
        println!("{}", ereception_core::i18n::tr(lang, "cli-start-press-enter"));
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
    }
    let result = tui::run(&ctx.config, lang, &tui::Options { login: Some(CLERK_LOGIN.to_owned()) });
    if let Some(mut child) = server {
        // The server was started by this process and is stopped by its own id.
        let _ = child.kill();
        let _ = child.wait();
        println!("{}", ereception_core::i18n::tr(lang, "cli-start-server-stopped"));
    }
    result.map(|()| ExitCode::SUCCESS)
}
