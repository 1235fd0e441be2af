//! `clerk-tui`: the clerk's terminal (without a command) and the administrator's commands.

mod cli;
mod launcher;
mod log;
mod tui;

use std::ffi::OsString;
use std::process::ExitCode;

use ereception_core::config::{Config, Overrides};
use ereception_core::i18n::{Lang, after_colon, tr};

use crate::cli::args::Cli;

fn main() -> ExitCode {
    quiet_on_a_closed_pipe();
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = cli::detect_lang(&args);
    let parsed: Cli = match ereception_core::cli::parse(cli::localized_command(lang), &args, lang) {
        Ok(c) => c,
        Err(code) => return ExitCode::from(code),
    };
    init_logging();
    match run(parsed, lang) {
        Ok(code) => code,
        // the reader of our output went away (see quiet_on_a_closed_pipe)
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            ExitCode::from(141)
        }
        Err(e) => {
            // «ошибка: » goes on in lower case, as clap's own errors do (see `after_colon`)
            let mut text = format!("{}: {}", tr(lang, "cli-error"), after_colon(&e.to_string()));
            for cause in e.chain().skip(1) {
                text.push_str(": ");
                text.push_str(&after_colon(&describe_cause(cause, lang)));
            }
            eprintln!("{text}");
            ExitCode::from(1)
        }
    }
}

/// Output piped into a program that stops reading (`clerk-tui audit show | head`) ends the
/// process quietly, as other command-line tools end there, instead of with a panic's message:
/// Rust ignores SIGPIPE, so `println!` panics on the closed pipe. The exit code is the shell's
/// for a process ended by SIGPIPE.
fn quiet_on_a_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let text =
            payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if text.is_some_and(|t| t.starts_with("failed printing to stdout") && t.contains("Broken pipe")) {
            std::process::exit(141);
        }
        default(info);
    }));
}

/// An underlying error in the reader's language where we know it (file-system errors), as it
/// is otherwise.
fn describe_cause(cause: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    match cause.downcast_ref::<std::io::Error>() {
        Some(e) => ereception_core::i18n::file_error_text(lang, e),
        None => cause.to_string(),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ERECEPTION_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // no colours: the same lines go to a file while the clerk's terminal has the screen
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).with_writer(log::LogWriter).try_init();
}

fn run(cli: Cli, detected: Lang) -> anyhow::Result<ExitCode> {
    let lang = match cli.lang.as_deref() {
        Some(l) => l.parse().map_err(|_| anyhow::anyhow!(tr(detected, "cli-error-lang-flag")))?,
        None => detected,
    };
    let overrides = Overrides {
        config_file: cli.config.clone(),
        database_url: cli.database_url.clone(),
        data_dir: None,
        lang: Some(lang),
        listen: None,
    };
    let config = Config::load(&overrides).map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    let ctx = cli::commands::Ctx { config, lang, as_clerk: cli.as_clerk.clone(), now: chrono::Utc::now() };
    match cli.command {
        Some(command) => cli::commands::run(&ctx, command),
        None => {
            tui::run(&ctx.config, lang, &tui::Options::default())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
