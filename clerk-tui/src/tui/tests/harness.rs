//! The test harness: a copy of the demo database, the real runner, keys typed as a script.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ereception_core::account::SlipWidth;
use ereception_core::clock::ProductionCalendar;
use ereception_core::demo::{DemoOptions, generate};
use ereception_core::domain::appeal::Appeal;
use ereception_core::domain::status::StatusKind;
use ereception_core::i18n::Lang;
use ereception_core::store::appeals::{self, Queue, QueueQuery, SortKey};
use ereception_core::store::{DatabaseUrl, OpenMode, Store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui::app::{App, Settings};
use crate::tui::dispatch;
use crate::tui::keymap::Keymap;
use crate::tui::runner::{CoreRunner, DeskConfig, Runner};
use crate::tui::theme::Theme;
use crate::tui::update::resolve;

/// The instant of every test: Friday 4 December 2026, 10:00 in Moscow.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 4, 7, 0, 0).single().expect("valid")
}

pub const PASSWORD: &str = ereception_core::demo::CLERK_PASSWORD;
pub const SUPERVISOR_PASSWORD: &str = ereception_core::demo::SUPERVISOR_PASSWORD;

/// A clock tests can move: the runner reads it, [`Harness::advance`] moves it and the app.
#[derive(Clone)]
pub struct SharedClock(pub std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>);

impl ereception_core::clock::Clock for SharedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("clock")
    }
}

/// The demo database every test copies, made once per process.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Kept beside the test binary (so `cargo clean` removes it), named after the binary's
        // build time (so a rebuilt binary never reuses a stale one), made in a scratch folder
        // and renamed into place (so two test processes at once do not trip over each other).
        let exe = std::env::current_exe().expect("the test binary");
        let built = std::fs::metadata(&exe)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        let name = exe.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let parent = exe.parent().expect("a folder");
        let dir = parent.join(format!("{name}-tui-template-{built}"));
        let path = dir.join("demo.sqlite3");
        if !path.exists() {
            let scratch = tempfile::Builder::new().prefix("tui-template").tempdir_in(parent).expect("tempdir");
            let made = scratch.path().join("demo.sqlite3");
            let store = Store::open(&DatabaseUrl::Sqlite(made), OpenMode::Migrate).expect("database");
            let opts =
                DemoOptions { residents: 150, appeals: 90, questions: 6, pin_holders: 1, ..DemoOptions::default() };
            generate(&mut store.conn().expect("conn"), &opts, now()).expect("demo data");
            drop(store);
            // another process may have won the race: then its template is used
            let kept = scratch.keep();
            if std::fs::rename(&kept, &dir).is_err() {
                let _ = std::fs::remove_dir_all(&kept);
            }
        }
        assert!(path.exists(), "the template database at {}", path.display());
        path
    })
}

/// One test's terminal.
pub struct Harness {
    pub app: App,
    pub runner: CoreRunner,
    pub store: Store,
    pub terminal: Terminal<TestBackend>,
    pub dir: tempfile::TempDir,
    pub clock: SharedClock,
}

pub struct Options {
    pub lang: Lang,
    pub keymap: Keymap,
    pub print_command: Option<String>,
    pub color: bool,
    /// Idle time before the terminal locks (none by default: tests move the clock by days).
    pub lock_after: Option<chrono::Duration>,
    /// Run as under `clerk-tui start`, with the residents' web server beside it.
    pub beside_server: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lang: Lang::Ru,
            keymap: Keymap::default(),
            print_command: None,
            color: true,
            lock_after: None,
            beside_server: false,
        }
    }
}

impl Harness {
    pub fn new() -> Harness {
        Harness::with(Options::default())
    }

    pub fn with(options: Options) -> Harness {
        let dir = tempfile::tempdir().expect("tempdir");
        let template = template();
        let path = dir.path().join("test.sqlite3");
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", template.display()));
            if from.exists() {
                std::fs::copy(&from, format!("{}{suffix}", path.display())).expect("copy the template");
            }
        }
        let store = Store::open(&DatabaseUrl::Sqlite(path), OpenMode::Existing).expect("open");
        let calendar = ProductionCalendar::embedded().expect("calendars").clone();
        let clock = SharedClock(std::sync::Arc::new(std::sync::Mutex::new(now())));
        let runner = CoreRunner::new(
            store.clone(),
            calendar,
            Box::new(clock.clone()),
            DeskConfig {
                lang: options.lang,
                public_url: "http://127.0.0.1:8080".to_owned(),
                slip_width: SlipWidth::W42,
                desk: "окно 3".to_owned(),
                print_command: options.print_command.clone(),
            },
        );
        let settings = Settings {
            lang: options.lang,
            theme: Theme { color: options.color },
            keymap: options.keymap,
            canned: Vec::new(),
            desk: "окно 3".to_owned(),
            can_print: options.print_command.is_some(),
            login: None,
            lock_after: options.lock_after,
            beside_server: options.beside_server,
        };
        let app = App::new(settings, now(), (80, 24));
        let terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
        Harness { app, runner, store, terminal, dir, clock }
    }

    /// Signed in as the demo clerk, on the dashboard.
    pub fn clerk() -> Harness {
        let mut h = Harness::new();
        h.keys(&format!("clerk<Tab>{PASSWORD}<Enter>"));
        assert!(h.app.session.is_some(), "{}", h.screen());
        h
    }

    /// Signed in as the demo supervisor.
    pub fn supervisor() -> Harness {
        let mut h = Harness::new();
        h.keys(&format!("supervisor<Tab>{SUPERVISOR_PASSWORD}<Enter>"));
        assert!(h.app.session.is_some(), "{}", h.screen());
        h
    }

    /// Moves time on by `days`.
    pub fn advance(&mut self, days: i64) {
        let mut t = self.clock.0.lock().expect("clock");
        *t += chrono::Duration::days(days);
        self.app.now = *t;
    }

    /// Moves time on by `minutes`.
    pub fn advance_minutes(&mut self, minutes: i64) {
        let mut t = self.clock.0.lock().expect("clock");
        *t += chrono::Duration::minutes(minutes);
        self.app.now = *t;
    }

    /// Runs one SQL statement on the test database.
    pub fn sql(&self, statement: &str) {
        use diesel::RunQueryDsl;
        diesel::sql_query(statement).execute(&mut *self.conn()).expect("sql");
    }

    /// Counts with one SQL query (`SELECT COUNT(*) AS n …`).
    pub fn count(&self, query: &str) -> i64 {
        use diesel::RunQueryDsl;
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        diesel::sql_query(query).get_result::<N>(&mut *self.conn()).expect("count").n
    }

    /// Presses one key.
    pub fn press(&mut self, code: KeyCode, mods: KeyModifiers) {
        let event = KeyEvent::new(code, mods);
        self.app.note_press();
        if let Some(action) = resolve(&self.app, &event) {
            let mut draw = |_: &App| {};
            dispatch(&mut self.app, &mut self.runner as &mut dyn Runner, action, &mut draw);
        }
    }

    /// Pastes `text` as a terminal that brackets pastes sends it: one event.
    pub fn paste(&mut self, text: &str) {
        self.app.note_press();
        for action in crate::tui::update::paste(&self.app, text) {
            let mut draw = |_: &App| {};
            dispatch(&mut self.app, &mut self.runner as &mut dyn Runner, action, &mut draw);
        }
    }

    /// Types a script: characters as they are, `<Name>` for other keys (`<Enter>`, `<Esc>`,
    /// `<Tab>`, `<BackTab>`, `<Up>`, `<Down>`, `<PgDn>`, `<Space>`, `<C-s>`, `<F2>`…).
    pub fn keys(&mut self, script: &str) {
        let mut chars = script.chars();
        while let Some(c) = chars.next() {
            if c != '<' {
                let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
                self.press(KeyCode::Char(c), mods);
                continue;
            }
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            let (code, mods) = match name.as_str() {
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "BackTab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
                "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "Backspace" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Lt" => (KeyCode::Char('<'), KeyModifiers::NONE),
                "F1" => (KeyCode::F(1), KeyModifiers::NONE),
                "F2" => (KeyCode::F(2), KeyModifiers::NONE),
                "F5" => (KeyCode::F(5), KeyModifiers::NONE),
                "F10" => (KeyCode::F(10), KeyModifiers::NONE),
                "F12" => (KeyCode::F(12), KeyModifiers::NONE),
                other if other.starts_with("C-") => {
                    (KeyCode::Char(other.chars().nth(2).expect("a letter")), KeyModifiers::CONTROL)
                }
                other => panic!("unknown key <{other}>"),
            };
            self.press(code, mods);
        }
    }

    /// Types text into the focused field, whatever it contains.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mods = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            self.press(KeyCode::Char(c), mods);
        }
    }

    /// Lets time pass: one tick.
    pub fn tick(&mut self) {
        let mut draw = |_: &App| {};
        dispatch(&mut self.app, &mut self.runner as &mut dyn Runner, crate::tui::action::Action::Tick, &mut draw);
    }

    /// The screen as text, one line per row.
    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.terminal.draw(|f| f.render_widget(app, f.area())).expect("draw");
        let buffer = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buffer.area.height {
            let mut line = String::new();
            for x in 0..buffer.area.width {
                line.push_str(buffer[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// The status line's text.
    pub fn status(&self) -> String {
        self.app.status.as_ref().map(|s| s.text.clone()).unwrap_or_default()
    }

    pub fn conn(&self) -> ereception_core::store::PooledConn {
        self.store.conn().expect("conn")
    }

    /// Appeals of a queue, as the core lists them (filing order).
    pub fn queue(&self, queue: Queue) -> Vec<appeals::QueueRow> {
        appeals::queue(
            &mut self.conn(),
            &QueueQuery {
                district: ereception_core::domain::ids::DistrictCode::new("0412"),
                queue,
                sort: SortKey::Filed,
                descending: false,
                after: None,
                search: None,
                assigned_to: None,
                today: ereception_core::clock::moscow_date(now()),
                limit: 1000,
            },
        )
        .expect("queue")
    }

    /// The first appeal of the district that satisfies `pick`.
    pub fn find(&self, pick: impl Fn(&Appeal) -> bool) -> Appeal {
        for row in self.queue(Queue::All) {
            let appeal = appeals::get(&mut self.conn(), row.id).expect("get").expect("exists");
            if pick(&appeal) {
                return appeal;
            }
        }
        panic!("no such appeal in the demo data");
    }

    /// A resident of the district with (or without) an active PIN.
    pub fn resident(&self, with_pin: bool) -> ereception_core::domain::person::Resident {
        use ereception_core::store::{accounts, residents};
        let found = residents::search(
            &mut self.conn(),
            &residents::ResidentSearch {
                district: Some(ereception_core::domain::ids::DistrictCode::new("0412")),
                limit: 500,
                ..Default::default()
            },
        )
        .expect("search");
        found
            .into_iter()
            .map(|(r, _)| r)
            .find(|r| accounts::active_for_resident(&mut self.conn(), r.id).expect("account").is_some() == with_pin)
            .expect("such a resident")
    }

    /// Finds `resident` at the PIN desk and opens their record.
    pub fn open_resident(&mut self, resident: &ereception_core::domain::person::Resident) {
        self.keys("p");
        self.type_text(&resident.name.surname);
        self.keys("<Tab>");
        self.type_text(&resident.name.name);
        self.keys("<Tab>");
        self.type_text(&resident.birth_date.format("%d.%m.%Y").to_string());
        self.keys("<Enter><Enter>");
        assert!(
            matches!(&self.app.screen, crate::tui::app::Screen::Resident(r) if r.data.resident.id == resident.id),
            "{}",
            self.screen()
        );
    }

    pub fn appeal(&self, id: ereception_core::domain::ids::AppealId) -> Appeal {
        appeals::get(&mut self.conn(), id).expect("get").expect("exists")
    }

    /// Opens an appeal by its number through the «All» queue's search.
    /// Finds an appeal for `service` in progress at `stage` in the demo data and opens it.
    pub fn open_at_stage(&mut self, service: &str, stage: &str) -> Appeal {
        let appeal = self.find(|a| {
            a.service.as_str() == service
                && a.status.kind() == StatusKind::InProgress
                && a.status.stage().is_some_and(|s| s.as_str() == stage)
        });
        self.open_appeal(&appeal.number.to_string());
        appeal
    }

    pub fn open_appeal(&mut self, number: &str) {
        self.keys("h8/");
        self.type_text(number);
        self.keys("<Enter><Enter>");
        assert!(
            matches!(&self.app.screen, crate::tui::app::Screen::Appeal(a) if a.data.appeal.number.to_string() == number),
            "{}",
            self.screen()
        );
    }

    /// An open appeal of `service` in state `kind`.
    pub fn find_in(&self, service: &str, kind: StatusKind) -> Appeal {
        self.find(|a| a.service.as_str() == service && a.status.kind() == kind)
    }

    /// A consultation a clerk can answer now: registered, or in progress.
    pub fn answerable_consultation(&self) -> Appeal {
        self.find(|a| {
            a.service.as_str() == "consultation"
                && matches!(a.status.kind(), StatusKind::Registered | StatusKind::InProgress)
        })
    }

    /// Audit rows of one action on one subject.
    pub fn audit_count(&self, action: &str, subject: &str) -> usize {
        ereception_core::store::audit::list(
            &mut self.conn(),
            &ereception_core::store::audit::AuditFilter {
                action: Some(action.to_owned()),
                subject: Some(subject.to_owned()),
                limit: 1000,
                ..Default::default()
            },
        )
        .expect("audit")
        .len()
    }
}

/// The screen with what changes from run to run (dates, times, account numbers, PINs)
/// replaced, for snapshots.
#[macro_export]
macro_rules! assert_screen {
    ($name:expr, $h:expr) => {{
        let screen = $h.screen();
        insta::with_settings!({
            filters => vec![
                (r"\d{2}\.\d{2}\.\d{4}", "[DATE]"),
                (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
                (r"\b\d{1,2}:\d{2}\b", "[TIME]"),
                (r"\d{3}[ \u{a0}]\d{3}[ \u{a0}]\d{2}[ \u{a0}]\d{2}", "[ACCOUNT]"),
                (r"\b[3479A-Z]{4}-[3479A-Z]{4}\b", "[PIN]"),
            ],
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, screen);
        });
    }};
}
