//! The terminal's benchmark (`clerk-tui bench-queue`, built with `--features bench`): a district
//! of many appeals in a fresh SQLite file, then
//! - the time to open a queue (the key, `update`, the keyset query of one page, the result back
//!   into the state) for the «New», «In progress», «Consultations», «Overdue» and «All» queues,
//!   and the slowest of them to reload when sorted by any key in either direction;
//! - the time from a key press to a drawn frame on a `TestBackend` at 80×24, in a full queue and,
//!   as the baseline of the same run, in an empty one.
//!
//! Goals: a queue opens in 20 ms or less; a key press is drawn in 2 ms or less. It measures, it
//! does not assert: timings on a shared machine vary, so compare against the baseline.
//! The data is made by `demo::generate` and `store::bulk::insert_appeals` (rows inserted in
//! batches, not filed one by one).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ereception_core::account::SlipWidth;
use ereception_core::clock::{FixedClock, ProductionCalendar};
use ereception_core::demo::{CLERK_LOGIN, CLERK_PASSWORD, DemoOptions, generate};
use ereception_core::i18n::Lang;
use ereception_core::store::appeals::SortKey;
use ereception_core::store::{DatabaseUrl, OpenMode, Store, bulk, desk};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::action::{Action, QueueKind};
use super::app::{App, DashboardState, Screen, Settings};
use super::editor::LineInput;
use super::keymap::{Command, Keymap};
use super::runner::{CoreRunner, DeskConfig, Runner};
use super::theme::Theme;
use super::{dispatch, update};

/// Timings of one measurement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    pub median: Duration,
    pub p95: Duration,
    pub max: Duration,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Stats {
        samples.sort_unstable();
        let at = |q: f64| {
            let i = ((samples.len().saturating_sub(1)) as f64 * q).round() as usize;
            samples.get(i).copied().unwrap_or_default()
        };
        Stats { median: at(0.5), p95: at(0.95), max: samples.last().copied().unwrap_or_default() }
    }
}

/// What the benchmark found.
#[derive(Clone, Debug)]
pub struct Figures {
    pub appeals: usize,
    pub setup: Duration,
    /// Opening each queue: its name, its size, the timings.
    pub open: Vec<(QueueKind, usize, Stats)>,
    /// Of every queue in every order a clerk can sort it (each key, either direction), the
    /// slowest to reload its first page.
    pub slowest_order: (QueueKind, SortKey, bool, Stats),
    pub key_to_frame: Stats,
    pub empty_frame: Stats,
    /// The dashboard's figures (not a goal; for the record).
    pub dashboard: Stats,
    /// The supervisor's overdue work (not a goal; for the record).
    pub overdue_work: Stats,
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

impl Figures {
    /// The figures as a report for the console.
    pub fn report(&self) -> String {
        let mut out = format!("district with {} appeals (set up in {:.1} s)\n", self.appeals, self.setup.as_secs_f64());
        for (kind, rows, s) in &self.open {
            let label = format!("open queue {:<13} ({rows:>6} appeals): ", format!("{kind:?}"));
            out.push_str(&line(&label, s, Some(OPEN_GOAL)));
        }
        let (kind, sort, descending, s) = &self.slowest_order;
        let direction = if *descending { "desc" } else { "asc" };
        out.push_str(&format!("slowest re-sort: {kind:?} by {sort:?} {direction}\n"));
        out.push_str(&line("  its first page:", s, Some(OPEN_GOAL)));
        out.push_str(&line("key -> frame, full queue:", &self.key_to_frame, Some(FRAME_GOAL)));
        out.push_str(&line("dashboard counts:", &self.dashboard, None));
        out.push_str(&line("supervisor's overdue work:", &self.overdue_work, None));
        out.push_str(&line("key -> frame, empty queue (base):", &self.empty_frame, None));
        out
    }
}

/// One line of the report: the timings, and the goal with its verdict when there is one.
fn line(label: &str, s: &Stats, goal: Option<Duration>) -> String {
    let mut line = format!("{label:<43}median {}, p95 {}, max {}", ms(s.median), ms(s.p95), ms(s.max));
    if let Some(goal) = goal {
        line.push_str(&format!("  (goal: p95 <= {} ms) {}", goal.as_millis(), verdict(s.p95, goal)));
    }
    line.push('\n');
    line
}

/// The goals: a queue opens in 20 ms or less, a key press is drawn in 2 ms or less.
const OPEN_GOAL: Duration = Duration::from_millis(20);
const FRAME_GOAL: Duration = Duration::from_millis(2);

fn verdict(measured: Duration, goal: Duration) -> &'static str {
    if measured <= goal { "PASS" } else { "FAIL" }
}

fn press(app: &mut App, runner: &mut dyn Runner, terminal: &mut Terminal<TestBackend>, code: KeyCode) {
    if let Some(action) = update::resolve(app, &KeyEvent::new(code, KeyModifiers::NONE)) {
        dispatch(app, runner, action, &mut |_| {});
    }
    let _ = terminal.draw(|f| f.render_widget(&*app, f.area()));
}

/// Builds the district in `dir` and measures. `rounds` repetitions of each measurement.
pub fn measure(appeals: usize, rounds: usize, dir: &Path) -> anyhow::Result<Figures> {
    let started = Instant::now();
    let now = Utc::now();
    let path = dir.join("bench.sqlite3");
    let store = Store::open(&DatabaseUrl::Sqlite(path), OpenMode::Migrate)?;
    let opts = DemoOptions { residents: 2000, appeals: 100, questions: 10, pin_holders: 0, ..DemoOptions::default() };
    generate(&mut *store.conn()?, &opts, now).map_err(|e| anyhow::anyhow!(e.to_string()))?;
    bulk::insert_appeals(&mut *store.conn()?, &opts.district.code, appeals, now)?;
    let setup = started.elapsed();

    let calendar = ProductionCalendar::embedded().map_err(|e| anyhow::anyhow!(e.to_string()))?.clone();
    let mut runner = CoreRunner::new(
        store.clone(),
        calendar,
        Box::new(FixedClock(now)),
        DeskConfig {
            lang: Lang::Ru,
            public_url: "http://127.0.0.1:8080".to_owned(),
            slip_width: SlipWidth::W42,
            desk: "bench".to_owned(),
            print_command: None,
        },
    );
    let settings = Settings {
        lang: Lang::Ru,
        theme: Theme { color: true },
        keymap: Keymap::default(),
        canned: Vec::new(),
        desk: "bench".to_owned(),
        can_print: false,
        login: Some(CLERK_LOGIN.to_owned()),
        lock_after: None,
        beside_server: false,
    };
    let mut app = App::new(settings, now, (80, 24));
    if let Screen::SignIn(s) = &mut app.screen {
        s.password = LineInput::masked();
        for c in CLERK_PASSWORD.chars() {
            s.password.handle(super::editor::EditKey::Char(c));
        }
    }
    dispatch(&mut app, &mut runner, Action::Key(Command::Submit), &mut |_| {});
    anyhow::ensure!(app.session.is_some(), "the benchmark's clerk could not sign in");
    let mut terminal = Terminal::new(TestBackend::new(80, 24))?;

    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        dispatch(&mut app, &mut runner, Action::Key(Command::Refresh), &mut |_| {});
        samples.push(t.elapsed());
    }
    anyhow::ensure!(matches!(&app.screen, Screen::Dashboard(d) if d.data.is_some()), "the dashboard did not load");
    let dashboard = Stats::of(samples);

    // the supervisor's list of overdue work, as the terminal asks for it (500 rows)
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let c = &mut *store.conn()?;
        let report = desk::overdue_work(c, &opts.district.code, ereception_core::clock::moscow_date(now), 500)?;
        samples.push(t.elapsed());
        anyhow::ensure!(report.total > 0, "the benchmark's district has no overdue work");
    }
    let overdue_work = Stats::of(samples);

    let mut open = Vec::new();
    let mut slowest_order: Option<(QueueKind, SortKey, bool, Stats)> = None;
    for (kind, command) in [
        (QueueKind::New, Command::Queue1),
        (QueueKind::InProgress, Command::Queue2),
        (QueueKind::Consultations, Command::Queue5),
        (QueueKind::Overdue, Command::Queue7),
        (QueueKind::All, Command::Queue8),
    ] {
        let mut samples = Vec::with_capacity(rounds);
        for _ in 0..rounds.max(1) {
            app.screen = Screen::Dashboard(DashboardState::default());
            app.back.clear();
            let t = Instant::now();
            dispatch(&mut app, &mut runner, Action::Key(command), &mut |_| {});
            samples.push(t.elapsed());
        }
        anyhow::ensure!(
            matches!(&app.screen, Screen::Queue(q) if q.kind == kind && q.loaded),
            "queue {kind:?} did not open"
        );
        let size = queue_size(&store, &opts.district.code, kind, now)?;
        open.push((kind, size, Stats::of(samples)));

        // every order of the open queue, reached as the clerk reaches it: `s` steps through the
        // sort keys, `r` reverses; each press reloads the first page
        let mut by_order: Vec<((SortKey, bool), Vec<Duration>)> = Vec::new();
        for _ in 0..rounds.max(1) {
            for command in [Command::Reverse, Command::Reverse, Command::Sort].repeat(4) {
                let t = Instant::now();
                dispatch(&mut app, &mut runner, Action::Key(command), &mut |_| {});
                let elapsed = t.elapsed();
                let Screen::Queue(q) = &app.screen else { anyhow::bail!("queue {kind:?} closed on a sort key") };
                anyhow::ensure!(q.loaded, "queue {kind:?} did not reload");
                let order = (q.sort, q.descending);
                match by_order.iter_mut().find(|(o, _)| *o == order) {
                    Some((_, samples)) => samples.push(elapsed),
                    None => by_order.push((order, vec![elapsed])),
                }
            }
        }
        for ((sort, descending), samples) in by_order {
            let stats = Stats::of(samples);
            if slowest_order.as_ref().is_none_or(|(_, _, _, s)| s.p95 < stats.p95) {
                slowest_order = Some((kind, sort, descending, stats));
            }
        }
    }
    let slowest_order = slowest_order.ok_or_else(|| anyhow::anyhow!("no queue was sorted"))?;

    // key to frame in a full page (stay inside it: down, then up)
    let mut samples = Vec::with_capacity(rounds * 2);
    for i in 0..rounds.max(1) * 2 {
        let code = if i % 2 == 0 { KeyCode::Down } else { KeyCode::Up };
        let t = Instant::now();
        press(&mut app, &mut runner, &mut terminal, code);
        samples.push(t.elapsed());
    }
    let key_to_frame = Stats::of(samples);

    // the same in an empty queue, as the baseline of this run
    if let Screen::Queue(q) = &mut app.screen {
        q.search = Some("Несуществующая-Фамилия".to_owned());
    }
    if let Some(effect) = update::reload_first(&app) {
        let result = runner.run(effect);
        update::update(&mut app, result);
    }
    anyhow::ensure!(matches!(&app.screen, Screen::Queue(q) if q.rows.is_empty()), "the empty queue is not empty");
    let mut samples = Vec::with_capacity(rounds * 2);
    for i in 0..rounds.max(1) * 2 {
        let code = if i % 2 == 0 { KeyCode::Down } else { KeyCode::Up };
        let t = Instant::now();
        press(&mut app, &mut runner, &mut terminal, code);
        samples.push(t.elapsed());
    }
    let empty_frame = Stats::of(samples);
    Ok(Figures { appeals, setup, open, slowest_order, key_to_frame, empty_frame, dashboard, overdue_work })
}

/// How many appeals a queue holds.
fn queue_size(
    store: &Store,
    district: &ereception_core::domain::ids::DistrictCode,
    kind: QueueKind,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<usize> {
    let c = &mut *store.conn()?;
    let counts = ereception_core::store::appeals::counts(c, district, ereception_core::clock::moscow_date(now))?;
    let n = match kind {
        QueueKind::New => counts.new,
        QueueKind::InProgress => counts.in_progress,
        QueueKind::Consultations => counts.consultations,
        QueueKind::Overdue => counts.overdue,
        _ => ereception_core::store::count_rows(c, "appeals")?,
    };
    Ok(usize::try_from(n).unwrap_or(0))
}

/// A fresh folder for the benchmark's database.
fn scratch() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("ereception-bench-tui-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// `clerk-tui bench-queue`.
#[cfg(feature = "bench")]
pub fn run(
    _ctx: &crate::cli::commands::Ctx,
    a: &crate::cli::args::BenchArgs,
) -> anyhow::Result<std::process::ExitCode> {
    let dir = scratch()?;
    let (appeals, rounds) = if a.quick { (10_000, 20) } else { (a.appeals, a.rounds) };
    let result = measure(appeals, rounds, &dir);
    let _ = std::fs::remove_dir_all(&dir);
    print!("{}", result?.report());
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick variant, so the benchmark itself keeps working; nothing here is timed.
    #[test]
    fn the_benchmark_runs_on_a_small_district() {
        let dir = scratch().expect("scratch");
        let figures = measure(1500, 2, &dir).expect("measured");
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(figures.open.len(), 5);
        let (_, new, _) = &figures.open[0];
        assert!(*new >= 500, "a third of the bulk appeals are new: {new}");
        assert!(figures.report().contains("key -> frame"));
        assert!(figures.report().contains("slowest re-sort: "), "{}", figures.report());
    }
}
