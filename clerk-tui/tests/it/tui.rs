//! The clerk's terminal end to end: the real binary in a real terminal (tmux), against a real
//! SQLite database made by `clerk-tui demo`. A clerk signs in, registers one appeal, refuses
//! another with a ground, issues a PIN, locks the screen and unlocks it; the database, the
//! outbox, the audit log and the screen are checked.
//!
//! Without tmux the test says so loudly and passes — unless `CI` is set, where it fails.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use ereception_core::domain::ids::DistrictCode;
use ereception_core::domain::status::{Status, StatusKind};
use ereception_core::store::appeals::{self, Queue, QueueQuery, SortKey};
use ereception_core::store::{DatabaseUrl, OpenMode, Store, accounts, catalogue, residents};

/// A tmux server of our own (its own socket), killed when the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of its own (its socket named after `name` and this process) running the
    /// terminal at `width`×`height` in a clean environment: `env` adds variables (`NAME=value`),
    /// `args` follows the binary (and may go on as a shell command).
    fn terminal(name: &str, dir: &Path, data: &Path, env: &str, args: &str, (width, height): (u16, u16)) -> Tmux {
        let tmux = Tmux { socket: format!("ereception-e2e-{name}{}", std::process::id()) };
        let command = format!(
            "env -i PATH={path} HOME={home} TERM=xterm-256color LANG=C.UTF-8 ERECEPTION_DATA_DIR={data} {env} {bin} \
             {args}",
            path = std::env::var("PATH").unwrap_or_default(),
            home = dir.display(),
            data = data.display(),
            bin = env!("CARGO_BIN_EXE_clerk-tui"),
        );
        let (width, height) = (width.to_string(), height.to_string());
        let out = tmux.run(&["new-session", "-d", "-s", "e2e", "-x", &width, "-y", &height, &command]);
        assert!(out.status.success(), "tmux: {}", String::from_utf8_lossy(&out.stderr));
        tmux.run(&["set-option", "-s", "escape-time", "0"]);
        tmux
    }

    /// Signs in as the demo's clerk and waits for the home screen.
    fn sign_in_as_demo_clerk(&self) {
        self.wait_for("Вход");
        self.type_text("clerk");
        self.send(&["Tab"]);
        self.type_text(ereception_core::demo::CLERK_PASSWORD);
        self.send(&["Enter"]);
        self.wait_for("Главная: очереди и сроки");
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux").arg("-L").arg(&self.socket).args(args).output().expect("tmux runs")
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend(keys);
        let out = self.run(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        self.send(&["-l", text]);
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    /// Waits until the screen shows `text`, and returns the screen.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if screen.contains(text) {
                return screen;
            }
            // generous: the launcher's first start makes the demo district in a debug build, and
            // on 2 busy cores (a full test run, or several at once) that took over 20 s
            assert!(start.elapsed() < Duration::from_secs(60), "waited for {text:?}; the screen is:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens the appeal numbered `number` from the queue on `queue_key`, by a search in it.
    fn open_appeal(&self, queue_key: &str, number: &str) {
        self.send(&[queue_key, "/"]);
        self.wait_for("Номер, фамилия или адрес");
        self.type_text(number);
        self.send(&["Enter"]);
        self.wait_for("поиск «");
        self.send(&["Enter"]);
        self.wait_for(&format!("{number} ·"));
    }

    fn alive(&self) -> bool {
        self.run(&["has-session", "-t", "e2e"]).status.success()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

fn tmux_available() -> bool {
    let found = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "tmux is required in CI for the terminal's end-to-end test");
        eprintln!("SKIPPED the terminal's end-to-end test: tmux is not installed");
    }
    found
}

fn demo(dir: &Path, data: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_clerk-tui"))
        .args(["demo", "--residents", "80", "--pins", "1"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("USER", "e2e")
        .env("ERECEPTION_DATA_DIR", data)
        .output()
        .expect("demo runs");
    assert!(out.status.success(), "demo: {}", String::from_utf8_lossy(&out.stderr));
}

/// The first `limit` appeals of a queue of the demo district, oldest filed first.
fn first_of(store: &Store, queue: Queue, limit: i64) -> Vec<appeals::QueueRow> {
    let query = QueueQuery {
        district: DistrictCode::new("0412"),
        queue,
        sort: SortKey::Filed,
        descending: false,
        after: None,
        search: None,
        assigned_to: None,
        today: ereception_core::clock::moscow_date(chrono::Utc::now()),
        limit,
    };
    appeals::queue(&mut store.conn().expect("conn"), &query).expect("queue")
}

#[test]
fn a_clerk_registers_refuses_and_issues_a_pin_in_a_real_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo(dir.path(), &data);
    let db: PathBuf = data.join("ereception.sqlite3");
    let store = Store::open(&DatabaseUrl::Sqlite(db.clone()), OpenMode::Existing).expect("the demo database");
    let district = DistrictCode::new("0412");
    let new = first_of(&store, Queue::New, 10);
    let (to_register, to_refuse) = (new[0].clone(), new[1].clone());
    let resident = residents::search(
        &mut store.conn().expect("conn"),
        &residents::ResidentSearch { district: Some(district.clone()), limit: 500, ..Default::default() },
    )
    .expect("search")
    .into_iter()
    .map(|(r, _)| r)
    .find(|r| accounts::active_for_resident(&mut store.conn().expect("conn"), r.id).expect("get").is_none())
    .expect("a resident without a PIN");
    drop(store);

    let printed = dir.path().join("printed-bytes");
    let print = format!("ERECEPTION_PRINT_COMMAND='wc -c > {}'", printed.display());
    let tmux = Tmux::terminal("", dir.path(), &data, &print, "", (80, 24));
    tmux.sign_in_as_demo_clerk();

    // register the first new appeal
    tmux.open_appeal("1", &to_register.number);
    tmux.send(&["r"]);
    tmux.wait_for("Зарегистрировать обращение №");
    tmux.send(&["y"]);
    let registered_screen = tmux.wait_for("Обращение зарегистрировано.");
    assert!(registered_screen.contains("Состояние: Зарегистрировано"), "{registered_screen}");

    // refuse the second, on the first ground of its service
    tmux.send(&["h"]);
    tmux.wait_for("Главная: очереди и сроки");
    tmux.open_appeal("1", &to_refuse.number);
    tmux.send(&["x"]);
    tmux.wait_for("Основания (пробел — отметить)");
    tmux.send(&["Space"]);
    tmux.wait_for("[x]");
    tmux.send(&["C-s"]);
    tmux.wait_for("Отказать в регистрации обращения");
    tmux.send(&["y"]);
    tmux.wait_for("Отказано в регистрации.");

    // a PIN at the desk
    tmux.send(&["p"]);
    tmux.wait_for("Поиск в реестре ГУ ИС");
    tmux.type_text(&resident.name.surname);
    tmux.send(&["Tab"]);
    tmux.type_text(&resident.name.name);
    tmux.send(&["Tab"]);
    tmux.type_text(&resident.birth_date.format("%d.%m.%Y").to_string());
    tmux.send(&["Enter"]);
    tmux.wait_for("Найдено:");
    tmux.send(&["Enter"]);
    tmux.wait_for("Действующего ПИН-кода нет.");
    tmux.send(&["i"]);
    tmux.wait_for("Выдача ПИН-кода");
    tmux.type_text("e2e@example.ru");
    tmux.send(&["C-s"]);
    tmux.wait_for("Выдать ПИН-код? Житель:");
    tmux.send(&["y"]);
    let slip = tmux.wait_for("Листок с ПИН-кодом");
    assert!(slip.contains("ПИН-код:") && slip.contains("Номер личного кабинета:"), "{slip}");
    tmux.wait_for("Листок отправлен на печать.");
    tmux.send(&["Escape"]);
    let after = tmux.wait_for("e2e@example.ru (ждёт подтверждения)");
    assert!(!after.contains("Листок с ПИН-кодом"), "{after}");

    // locked by hand: the resident's card is hidden until the clerk's password
    tmux.send(&["F12"]);
    let locked = tmux.wait_for("Экран заблокирован");
    assert!(!locked.contains("e2e@example.ru") && !locked.contains(&resident.name.surname), "{locked}");
    tmux.type_text("not-the-password");
    tmux.send(&["Enter"]);
    tmux.wait_for("Неверный пароль.");
    tmux.type_text(ereception_core::demo::CLERK_PASSWORD);
    tmux.send(&["Enter"]);
    let unlocked = tmux.wait_for("e2e@example.ru (ждёт подтверждения)");
    assert!(!unlocked.contains("Экран заблокирован"), "{unlocked}");
    tmux.send(&["C-q"]);
    let start = Instant::now();
    while tmux.alive() {
        assert!(start.elapsed() < Duration::from_secs(10), "the terminal did not quit");
        std::thread::sleep(Duration::from_millis(100));
    }

    // the database
    let store = Store::open(&DatabaseUrl::Sqlite(db), OpenMode::Existing).expect("open");
    let c = &mut *store.conn().expect("conn");
    let registered = appeals::get(c, to_register.id).expect("get").expect("exists");
    assert_eq!(registered.status.kind(), StatusKind::Registered);
    let refused = appeals::get(c, to_refuse.id).expect("get").expect("exists");
    let Status::RefusedToRegister(refusal) = &refused.status else { panic!("refused: {:?}", refused.status) };
    let service = catalogue::get(c, refused.service.as_str()).expect("get").expect("service");
    assert_eq!(refusal.grounds[0].code, service.register_grounds[0].code);
    assert_eq!(refusal.explanation, "", "the remedy is not copied into the clerk's explanation");
    let account = accounts::active_for_resident(c, resident.id).expect("get").expect("a new account");
    assert_eq!(account.email.as_deref(), Some("e2e@example.ru"));
    assert_eq!(account.issued_by, "Орлова Анна Игоревна");
    for (action, rows) in [("clerk_screen_locked", 1), ("clerk_screen_unlocked", 1), ("clerk_sign_in_failed", 1)] {
        let filter = ereception_core::store::audit::AuditFilter {
            action: Some(action.to_owned()),
            subject: Some("clerk:clerk".to_owned()),
            limit: 100,
            ..Default::default()
        };
        assert_eq!(ereception_core::store::audit::list(c, &filter).expect("audit").len(), rows, "{action}");
    }
    let bytes: usize = std::fs::read_to_string(&printed).expect("printed").trim().parse().expect("a count");
    assert!(bytes > 300, "the slip went to the printer: {bytes} bytes");

    // the outbox: a letter with each event when the applicant's address is confirmed, and the
    // confirmation link for the new account
    use diesel::RunQueryDsl;
    #[derive(diesel::QueryableByName)]
    struct N {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let count = |c: &mut ereception_core::store::DbConn, sql: String| {
        diesel::sql_query(sql).get_result::<N>(c).expect("count").n
    };
    for (appeal, kind) in [(&registered, "registered"), (&refused, "refused_to_register")] {
        let confirmed = accounts::get(c, appeal.account).expect("get").is_some_and(|a| a.email_confirmed);
        let rows = count(
            c,
            format!(
                "SELECT COUNT(*) AS n FROM outbox o JOIN events e ON e.id = o.event_id \
                 WHERE e.appeal_id = {} AND e.kind = '{kind}'",
                appeal.id.0
            ),
        );
        assert_eq!(rows, i64::from(confirmed), "{kind}: one letter when the address is confirmed");
    }
    let confirmation = count(c, "SELECT COUNT(*) AS n FROM outbox WHERE recipient = 'e2e@example.ru'".to_owned());
    assert_eq!(confirmation, 1, "the confirmation link is mailed");
    println!("--- registered ---\n{registered_screen}\n--- slip (PIN redacted) ---\n{}", redact(&slip));
}

/// The screen with the PIN blanked, for the test's output.
fn redact(screen: &str) -> String {
    screen
        .split('\n')
        .map(|l| {
            let trimmed = l.trim_matches(|c: char| c == '│' || c == '|' || c == ' ');
            if trimmed.len() == 9 && trimmed.as_bytes()[4] == b'-' {
                l.replace(trimmed, "XXXX-XXXX")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn terminal(dir: &Path, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clerk-tui"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir)
        .env("ERECEPTION_DATA_DIR", data)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("runs")
}

#[test]
fn the_terminal_refuses_a_missing_database_and_never_creates_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = terminal(dir.path(), &data, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("Создайте её командой «clerk-tui migrate»"), "{text}");
    assert!(!data.join("ereception.sqlite3").exists());
}

#[test]
fn the_terminal_names_every_problem_of_its_key_map_at_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").expect("config");
    std::fs::write(dir.path().join("keymap.toml"), "[apeal]\nregister = \"r\"\n[appeal]\nrefuse = \"ctrl-\"\n")
        .expect("keymap");
    let out = terminal(dir.path(), &dir.path().join("data"), &["--config", config.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("keymap.toml") && text.contains("«apeal»") && text.contains("«ctrl-»"), "{text}");
}

#[test]
fn the_terminal_needs_a_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = terminal(dir.path(), &data, &["migrate"]);
    assert!(out.status.success());
    let out = terminal(dir.path(), &data, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("ошибка: рабочему месту нужен терминал"), "{text}");
}

#[test]
fn the_launcher_says_when_the_web_server_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let out = terminal(dir.path(), &data, &["start", "--residents", "60", "--pins", "1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("«clerk»"), "the demo credentials: {text}");
    assert!(text.contains("ПИН-код:"), "a fresh slip: {text}");
    let server = Path::new(env!("CARGO_BIN_EXE_clerk-tui")).with_file_name("intake-server");
    if !server.exists() {
        assert!(text.contains("Веб-сервер не найден"), "{text}");
    }
    // no terminal here: the terminal part refuses, after the demo was made
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ошибка: рабочему месту нужен терминал"));
}

/// `clerk-tui start` in a real terminal: Esc on the sign-in screen would take the residents'
/// form down with the terminal, so it asks; «no» keeps both running, «yes» stops the server.
#[test]
fn quitting_the_launcher_asks_before_it_stops_the_web_server() {
    if !tmux_available() {
        return;
    }
    let server = Path::new(env!("CARGO_BIN_EXE_clerk-tui")).with_file_name("intake-server");
    if !server.exists() {
        assert!(std::env::var_os("CI").is_none(), "intake-server is built beside clerk-tui in CI");
        eprintln!("SKIPPED the launcher's end-to-end test: {} is not built", server.display());
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let serving = || std::net::TcpStream::connect(("127.0.0.1", port)).is_ok();
    let tmux = Tmux::terminal(
        "start-",
        dir.path(),
        &data,
        &format!("ERECEPTION_LISTEN=127.0.0.1:{port}"),
        "start --residents 60 --pins 1; echo ЗАВЕРШЕНО; sleep 60",
        (100, 30),
    );
    tmux.wait_for("Веб-сервер запущен");
    assert!(serving());
    tmux.send(&["Enter"]);
    tmux.wait_for("Вход");
    tmux.send(&["Escape"]);
    tmux.wait_for("Форма для жителей тоже перестанет работать");
    tmux.send(&["n"]);
    let start = Instant::now();
    while tmux.capture().contains("Форма для жителей тоже") {
        assert!(start.elapsed() < Duration::from_secs(20), "the question stays after «no»:\n{}", tmux.capture());
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(serving(), "«no» keeps the server running");
    tmux.send(&["Escape"]);
    tmux.wait_for("Форма для жителей тоже перестанет работать");
    tmux.send(&["y"]);
    let screen = tmux.wait_for("ЗАВЕРШЕНО");
    assert!(screen.contains("Веб-сервер остановлен"), "{screen}");
    assert!(!serving(), "the server stopped with the terminal");
}

/// QA: a log line (the terminal's «database call failed» warning, r2d2's errors while the
/// database was unreachable) was written to standard error, which is the clerk's screen: it
/// landed over the queue and stayed there. While the screen is up the log goes to a file.
#[test]
fn log_lines_go_to_a_file_while_the_terminal_has_the_screen() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo(dir.path(), &data);
    let tmux = Tmux::terminal("log-", dir.path(), &data, "", "", (100, 24));
    tmux.sign_in_as_demo_clerk();

    // the database fails under the terminal: its queries of appeals find no table
    let store = Store::open(&DatabaseUrl::Sqlite(data.join("ereception.sqlite3")), OpenMode::Existing).expect("db");
    diesel::RunQueryDsl::execute(
        diesel::sql_query("ALTER TABLE appeals RENAME TO appeals_gone"),
        &mut *store.conn().expect("conn"),
    )
    .expect("renamed");
    tmux.send(&["2"]);
    let screen = tmux.wait_for("Не удалось выполнить операцию с базой данных");
    assert!(screen.contains("no such table: appeals"), "{screen}");
    assert!(
        !screen.contains("WARN") && !screen.contains("database call failed"),
        "a log line on the screen:\n{screen}"
    );
    let log = std::fs::read_to_string(data.join("logs").join("clerk-tui.log")).expect("the terminal's log");
    assert!(log.contains("WARN") && log.contains("the terminal's database call failed"), "{log}");
    tmux.send(&["C-q"]);
}

/// A paste through the real terminal is text, not keys: its line break neither sends the
/// form (a search, here; a decision's form alike) nor is anything after it taken as a key.
#[test]
fn a_paste_in_a_real_terminal_is_text_not_keys() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo(dir.path(), &data);
    let tmux = Tmux::terminal("paste", dir.path(), &data, "", "", (80, 24));
    tmux.sign_in_as_demo_clerk();
    tmux.send(&["p"]);
    tmux.wait_for("Поиск в реестре ГУ ИС");
    let pasted = dir.path().join("pasted.txt");
    std::fs::write(&pasted, "Ива\nнов").expect("write");
    let loaded = tmux.run(&["load-buffer", "-b", "pasted", &pasted.display().to_string()]);
    assert!(loaded.status.success(), "load-buffer: {}", String::from_utf8_lossy(&loaded.stderr));
    // -p: bracketed, as the terminal asked for
    let out = tmux.run(&["paste-buffer", "-p", "-t", "e2e", "-b", "pasted"]);
    assert!(out.status.success(), "paste-buffer: {}", String::from_utf8_lossy(&out.stderr));
    let screen = tmux.wait_for("Ива нов");
    assert!(screen.contains("Поиск в реестре ГУ ИС"), "the form stays open:\n{screen}");
    assert!(!screen.contains("Найдено"), "nothing was searched:\n{screen}");
}

/// Enter in a form's last field sends it; a clerk who meant a new line types on, and in the
/// Russian layout the confirmation's «y» key is «н». Through the real terminal, a «н» sent
/// with the Enter is not taken as «yes»; a «y» pressed after reading the question is.
#[test]
fn typing_on_after_enter_does_not_confirm_in_a_real_terminal() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo(dir.path(), &data);
    let db: PathBuf = data.join("ereception.sqlite3");
    let store = Store::open(&DatabaseUrl::Sqlite(db), OpenMode::Existing).expect("the demo database");
    let ready = first_of(&store, Queue::Ready, 1).remove(0);
    let status = |store: &Store| {
        appeals::get(&mut store.conn().expect("conn"), ready.id).expect("get").expect("exists").status.kind()
    };

    let tmux = Tmux::terminal("typing", dir.path(), &data, "", "", (80, 24));
    tmux.sign_in_as_demo_clerk();
    tmux.open_appeal("4", &ready.number);
    tmux.send(&["w"]);
    tmux.wait_for("Выдача документа по обращению");
    tmux.send(&["Tab"]);
    tmux.type_text("паспорт 45 00 123456");
    // the Enter and the next letter in one burst, as typed
    tmux.send(&["Enter", "н"]);
    let screen = tmux.wait_for("Вы ещё печатали");
    assert!(screen.contains("Отметить выдачу документа"), "the question stays:\n{screen}");
    assert_eq!(status(&store), StatusKind::Ready, "not handed over by typing on");
    std::thread::sleep(Duration::from_millis(700));
    tmux.send(&["y"]);
    tmux.wait_for("Выдача документа отмечена.");
    assert_eq!(status(&store), StatusKind::Issued);
}
