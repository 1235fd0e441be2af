//! The server's own command line speaks the administrator's language, as `clerk-tui` does.

use std::process::{Command, Output};

/// Runs `intake-server` with `args` in a home of its own (no configuration file).
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let home = tempfile::tempdir().expect("temporary folder");
    Command::new(env!("CARGO_BIN_EXE_intake-server"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .envs(env.iter().copied())
        .output()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_and_mistakes_are_in_russian_unless_english_is_configured() {
    let help = run(&["--help"], &[]);
    assert_eq!(help.status.code(), Some(0));
    let out = text(&help.stdout);
    assert!(out.contains("Использование: intake-server") && out.contains("Параметры:"), "{out}");
    assert!(out.contains("Не отправлять письма в этом процессе") && out.contains("Показать справку."), "{out}");
    assert!(!out.contains("Print help") && !out.contains("Options:"), "{out}");
    // clap's own placeholders too: the usage line and the values
    assert!(out.contains("Использование: intake-server [ПАРАМЕТРЫ]\n"), "{out}");
    assert!(out.contains("--config <ФАЙЛ>") && out.contains("--listen <АДРЕС>"), "{out}");
    assert!(!out.contains("[OPTIONS]") && !out.contains("<FILE>"), "{out}");

    let wrong = run(&["--listne", "127.0.0.1:8080"], &[]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = text(&wrong.stderr);
    assert!(err.contains("неизвестный параметр «--listne»") && err.contains("--listen"), "{err}");
    assert!(err.contains("Подробнее — с параметром --help."), "{err}");
    let bad = text(&run(&["--listen", "где-то"], &[]).stderr);
    assert!(bad.contains("недопустимое значение «где-то» для --listen <АДРЕС>: нужны адрес и порт"), "{bad}");

    // the configured language, before anything else is read
    let home = tempfile::tempdir().expect("temporary folder");
    let config = home.path().join("config.toml");
    std::fs::write(&config, "lang = \"en\"\n").expect("config file");
    let path = config.to_str().expect("utf-8");
    let out = text(&run(&["--config", path, "--help"], &[]).stdout);
    assert!(
        out.contains("Usage: intake-server [OPTIONS]") && out.contains("Do not send mail in this process"),
        "{out}"
    );
    let err = text(&run(&["--bogus"], &[("ERECEPTION_LANG", "en")]).stderr);
    assert!(err.contains("unknown option “--bogus”"), "{err}");
}

/// QA: a database that could not be reached at the start was reported in libpq's English
/// alone, over several lines and twice («cannot connect to the database: …: …»), where
/// `clerk-tui` says what is wrong and what to do.
#[test]
fn an_unreachable_database_is_explained_once_in_russian() {
    // nothing listens on port 1
    let out = run(&["--database-url", "postgres://postgres@127.0.0.1:1/ereception", "--listen", "127.0.0.1:0"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "ошибка: не удалось подключиться к базе данных: сервер базы данных не принимает соединения: проверьте, \
             что PostgreSQL запущен"
        ),
        "{err}"
    );
    assert_eq!(err.matches("connection to server at").count(), 1, "the driver's words once: {err}");
    assert!(!err.contains("cannot connect"), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| !l.contains(" INFO ") && !l.contains(" ERROR ")).collect();
    assert_eq!(errors.len(), 1, "one line: {err}");
}

/// QA: a taken port was reported as «не удалось занять адрес 127.0.0.1:8080: Address already
/// in use (os error 98)» — the system's English, and nothing on what to do.
#[test]
fn a_taken_address_is_explained_in_russian() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let addr = taken.local_addr().expect("its address").to_string();
    let home = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite://{}", home.path().join("db.sqlite3").display());
    let out = run(&["--database-url", &url, "--listen", &addr, "--no-mail-worker"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(&format!("адрес {addr} уже занят другой программой — возможно, сервер уже запущен")), "{err}");
    assert!(err.contains("ERECEPTION_LISTEN или --listen"), "{err}");
}

/// QA: the start said «Отправка почты: работает в этом процессе» and not where the letters
/// went: a folder of .eml files (the embedded default, where nothing reaches a resident) or
/// which SMTP server.
#[test]
fn the_start_says_where_the_letters_go() {
    use std::io::BufRead;
    let home = tempfile::tempdir().expect("temporary folder");
    let data = home.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_intake-server"))
        .args(["--listen", "127.0.0.1:0"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("ERECEPTION_DATA_DIR", &data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("its output");
    let line = std::io::BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|l| l.starts_with("Отправка почты"))
        .unwrap_or_default();
    child.kill().expect("stops");
    child.wait().expect("ends");
    let folder = data.join("mail");
    assert!(line.contains(&format!("записываются файлами .eml в папку {}", folder.display())), "{line}");
    assert!(line.contains("SMTP не настроен"), "{line}");
}
