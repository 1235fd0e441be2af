//! `clerk-tui start`: the demo in one command. Creates (or refreshes) the embedded database with
//! demo data and prints the form's address, the demo clerk's credentials and fresh PINs (the
//! `demo` command); starts `intake-server` in the background when it sits next to this
//! program, logging to `<data_dir>/logs/intake-server.log`; opens the clerk's terminal in the
//! foreground, which says so (with the exit code and the log) should the server stop meanwhile;
//! stops the server when the terminal closes.

use std::io::{BufRead, IsTerminal};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

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

/// The server's process as the terminal watches it ([`tui::ServerProbe`]); the launcher keeps
/// the other handle, to stop it when the terminal closes.
#[derive(Debug)]
struct ServerChild {
    child: Mutex<Child>,
    log: PathBuf,
}

impl ServerChild {
    /// How it ended, once it has (`try_wait` reaps it; its status is kept for later calls).
    fn status(&self) -> Option<ExitStatus> {
        let mut child = self.child.lock().unwrap_or_else(PoisonError::into_inner);
        child.try_wait().ok().flatten()
    }
}

impl tui::ServerProbe for ServerChild {
    fn exited(&self) -> Option<tui::ServerExit> {
        let status = self.status()?;
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status);
        #[cfg(not(unix))]
        let signal = None;
        Some(tui::ServerExit { code: status.code(), signal, log: self.log.clone() })
    }
}

/// Runs the demo: data, server, terminal.
pub fn start(ctx: &Ctx, a: &DemoArgs) -> Result<ExitCode> {
    let lang = ctx.lang;
    demo(ctx, a)?;
    println!();
    let mut server = None;
    match server_path() {
        Some(_) if !port_free(ctx.config.server.listen) => {
            let addr = ctx.config.server.listen.to_string();
            eprintln!("{}", tr_args(lang, "cli-start-port-busy", &[("addr", addr.into())]));
        }
        Some(path) if path.is_file() => {
            let (mut child, log) = spawn_server(ctx, &path)?;
            match wait_listening(&mut child, ctx.config.server.listen) {
                Ok(()) => {
                    println!(
                        "{}",
                        tr_args(
                            lang,
                            "cli-start-server-started",
                            &[("pid", child.id().to_string().into()), ("log", log.display().to_string().into())]
                        )
                    );
                    server = Some(Arc::new(ServerChild { child: Mutex::new(child), log }));
                }
                Err(code) => {
                    // it said why in its log: show the end of it, and go on without the form
                    let code = code.map_or_else(|| "—".to_owned(), |c| c.to_string());
                    eprintln!(
                        "{}",
                        tr_args(
                            lang,
                            "cli-start-server-exited",
                            &[("code", code.into()), ("log", log.display().to_string().into())]
                        )
                    );
                    for line in log_tail(&log, 5) {
                        eprintln!("  {line}");
                    }
                }
            }
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
    let probe = server.clone().map(|s| s as Arc<dyn tui::ServerProbe>);
    let result = tui::run(&ctx.config, lang, &tui::Options { login: Some(CLERK_LOGIN.to_owned()), server: probe });
    if let Some(server) = server {
        let mut child = server.child.lock().unwrap_or_else(PoisonError::into_inner);
        match stop_server(&mut child) {
            None => println!("{}", ereception_core::i18n::tr(lang, "cli-start-server-stopped")),
            Some(status) => {
                let code = status.code().map_or_else(|| "—".to_owned(), |c| c.to_string());
                let log = server.log.display().to_string();
                eprintln!("{}", tr_args(lang, "cli-start-server-died", &[("code", code.into()), ("log", log.into())]));
            }
        }
    }
    result.map(|()| ExitCode::SUCCESS)
}

/// Whether nothing listens on `listen` yet (another copy of the demo, say).
fn port_free(listen: SocketAddr) -> bool {
    std::net::TcpListener::bind(listen).is_ok()
}

/// Waits until the server accepts connections on `listen` (at most 30 s: a first start may
/// create the database). `Err` with its exit code when it stopped instead.
fn wait_listening(child: &mut Child, listen: SocketAddr) -> Result<(), Option<i32>> {
    let target = if listen.ip().is_unspecified() {
        SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), listen.port())
    } else {
        listen
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(status.code());
        }
        if TcpStream::connect_timeout(&target, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    // still running but not listening: leave it be, its log says more
    Ok(())
}

/// The last `n` lines of a log file (none when it cannot be read).
fn log_tail(path: &Path, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].iter().map(|l| (*l).to_owned()).collect()
}

/// Stops the server the way an operator would: SIGTERM, so requests in flight finish and the
/// mail worker stops between messages; SIGKILL only if it is still running ten seconds later.
/// A server that had stopped by itself gets no signal (its process id may be another's by
/// now): its exit status is returned instead.
fn stop_server(child: &mut Child) -> Option<ExitStatus> {
    if let Ok(Some(status)) = child.try_wait() {
        return Some(status);
    }
    let terminated = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if terminated {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return None;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::ServerProbe;

    fn spawn(script: &str) -> ServerChild {
        let child = Command::new("sh").args(["-c", script]).spawn().expect("sh runs");
        ServerChild { child: Mutex::new(child), log: PathBuf::from("/var/log/intake-server.log") }
    }

    #[test]
    fn the_probe_tells_the_exit_code_and_log_of_a_server_that_stopped() {
        let server = spawn("exit 3");
        let deadline = Instant::now() + Duration::from_secs(10);
        let exit = loop {
            if let Some(exit) = server.exited() {
                break exit;
            }
            assert!(Instant::now() < deadline, "sh did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(exit, tui::ServerExit { code: Some(3), signal: None, log: server.log.clone() });
        assert_eq!(server.exited(), Some(exit), "asked again, the same answer");
        // stopping it afterwards sends no signal to whatever has its process id now
        let mut child = server.child.lock().expect("lock");
        assert_eq!(stop_server(&mut child).and_then(|s| s.code()), Some(3));
    }

    #[test]
    fn a_running_server_is_not_reported_and_is_stopped() {
        let server = spawn("sleep 30");
        assert_eq!(server.exited(), None);
        let mut child = server.child.lock().expect("lock");
        assert_eq!(stop_server(&mut child), None, "stopped by us");
        assert!(child.try_wait().expect("wait").is_some());
    }
}
