//! The clerk's terminal: what `clerk-tui` runs without a command.
//!
//! Elm-shaped: [`app::App`] is the state; keys become [`action::Action`]s through the key map
//! ([`keymap`], layered: the open dialog first, then the screen, then navigation and the
//! global keys); [`update::update`] changes the state and returns at most one
//! [`action::Effect`]; the [`runner::Runner`] carries the effect out against `core` and feeds
//! the result back as another action. Drawing (`impl Widget for &App` in [`views`]) never
//! changes the state. The loop is generic over the ratatui `Backend`, so tests and the
//! benchmark drive it on a `TestBackend`.
//!
//! Invariants: only this module knows terminals; no SQL and no domain rules here (decisions
//! offered are asked of the status machine, see [`decisions`]); the terminal is restored even
//! on a panic; a PIN exists only on the slip screen and is wiped when it closes; the lock
//! screen draws nothing of what it covers.

pub mod action;
pub mod app;
#[cfg(any(test, feature = "bench"))]
pub mod bench;
pub mod canned;
pub mod dates;
pub mod decisions;
pub mod editor;
pub mod forms;
pub mod keymap;
pub mod runner;
pub mod theme;
pub mod update;
pub mod views;
pub mod widgets;

#[cfg(test)]
mod tests;

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyEventKind};
use ereception_core::clock::{Clock, SystemClock};
use ereception_core::config::{Config, default_config_file};
use ereception_core::i18n::{Lang, tr, tr_args};
use ereception_core::store::{OpenMode, Store};
use ratatui::Terminal;
use ratatui::backend::Backend;

use self::action::Action;
use self::app::{App, Settings};
use self::keymap::Keymap;
use self::runner::{CoreRunner, DeskConfig, Runner};
use self::theme::Theme;

/// How often the screen on display is re-read (queues, the dashboard).
pub const TICK: Duration = Duration::from_secs(5);

/// How often, at least, the residents' web server run beside the terminal is looked at.
pub const PROBE: Duration = Duration::from_secs(1);

/// How the residents' web server ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerExit {
    /// Its exit code; none when a signal ended it.
    pub code: Option<i32>,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    /// Its log file.
    pub log: PathBuf,
}

/// Watches the residents' web server that `clerk-tui start` runs beside the terminal. The run
/// loop asks it on every wake-up (at least every [`PROBE`]) and tells `update` once it ended,
/// so `update` does no I/O and tests fake it.
pub trait ServerProbe: std::fmt::Debug + Send + Sync {
    /// How the server ended, once it has; none while it runs.
    fn exited(&self) -> Option<ServerExit>;
}

/// Where the terminal reads its events from.
pub trait Events {
    /// The next event, or `None` when `timeout` passed without one.
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>>;
}

/// The real terminal's events.
pub struct CrosstermEvents;

impl Events for CrosstermEvents {
    fn next(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if crossterm::event::poll(timeout)? { crossterm::event::read().map(Some) } else { Ok(None) }
    }
}

/// Applies an action and runs the effects it leads to, drawing in between so the clerk sees
/// that something is under way. True when an effect ran (the screen's data was read).
pub fn dispatch(app: &mut App, runner: &mut dyn Runner, action: Action, draw: &mut dyn FnMut(&App)) -> bool {
    let mut ran = false;
    let mut next = Some(action);
    while let Some(action) = next.take() {
        if let Some(effect) = update::update(app, action) {
            app.busy = true;
            draw(app);
            next = Some(runner.run(effect));
            ran = true;
        }
    }
    ran
}

/// Runs the terminal until the clerk quits.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut dyn Runner,
    events: &mut dyn Events,
    clock: &dyn Clock,
    server: Option<&dyn ServerProbe>,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    run_loop_ticking(terminal, app, runner, events, clock, server, TICK)
}

/// [`run_loop`] with ticks `tick` apart (tests shorten it).
///
/// The next tick is due `tick` after the last one's work ended, not began: a re-read that
/// takes longer than `tick` (the pool waiting for a database that went away) would otherwise
/// be followed by the next at once, over and over — the screen said «Выполняется…» for good,
/// the failure flashed by unread, and keys waited behind the re-reads.
pub(crate) fn run_loop_ticking<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    runner: &mut dyn Runner,
    events: &mut dyn Events,
    clock: &dyn Clock,
    mut server: Option<&dyn ServerProbe>,
    tick: Duration,
) -> io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let mut last_tick = Instant::now();
    let mut failed: Option<io::Error> = None;
    loop {
        app.now = clock.now();
        terminal.draw(|f| f.render_widget(&*app, f.area())).map_err(io::Error::other)?;
        if app.quit {
            return Ok(());
        }
        let mut timeout = tick.saturating_sub(last_tick.elapsed());
        if server.is_some() {
            timeout = timeout.min(PROBE);
        }
        let event = events.next(timeout)?;
        // the wait may have been long: a key press is stamped, and idle time measured, now
        app.now = clock.now();
        let mut actions = Vec::with_capacity(2);
        // told once; a server that stopped stays stopped
        if let Some(exit) = server.and_then(ServerProbe::exited) {
            server = None;
            actions.push(Action::ServerStopped(exit));
        }
        let tick_due = event.is_none() && last_tick.elapsed() >= tick;
        // the next tick is due a tick after this one, or after a step that read the screen's data
        let mut restart_tick = tick_due;
        if matches!(&event, Some(Event::Key(k)) if k.kind == KeyEventKind::Press)
            || matches!(&event, Some(Event::Paste(_)))
        {
            app.note_press();
        }
        if let Some(Event::Paste(text)) = &event {
            actions.extend(update::paste(app, text));
        }
        actions.extend(match event {
            Some(Event::Key(key)) => update::resolve(app, &key),
            Some(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            Some(_) => None,
            None if tick_due => Some(Action::Tick),
            None => None,
        });
        for action in actions {
            let mut draw = |a: &App| {
                if let Err(e) = terminal.draw(|f| f.render_widget(a, f.area())) {
                    failed = Some(io::Error::other(e));
                }
            };
            // a step of the clerk's own has just read what it shows: the next re-read is a
            // tick after it, not at once (with the database out of reach, that one would
            // take its failure off the screen as soon as it was said)
            restart_tick |= dispatch(app, runner, action, &mut draw);
            if let Some(e) = failed.take() {
                return Err(e);
            }
        }
        if restart_tick {
            last_tick = Instant::now();
        }
    }
}

/// The folder of the configuration file: `keymap.toml` and `canned_answers.toml` live there.
pub fn config_dir(config: &Config) -> Option<PathBuf> {
    config.file.clone().or_else(default_config_file).and_then(|p| p.parent().map(|d| d.to_path_buf()))
}

/// What [`run`] may be told besides the configuration.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The login to offer on the sign-in screen (the launcher offers the demo clerk's).
    pub login: Option<String>,
    /// The residents' web server run beside the terminal (by the launcher), to watch.
    pub server: Option<std::sync::Arc<dyn ServerProbe>>,
}

/// Opens the database (it must exist with a current schema), loads the key map and the canned
/// answers, and runs the terminal in the foreground until the clerk quits.
pub fn run(config: &Config, lang: Lang, options: &Options) -> anyhow::Result<()> {
    use std::io::IsTerminal;

    let dir = config_dir(config);
    let keymap = match &dir {
        Some(d) => Keymap::load(&d.join("keymap.toml")).map_err(|e| anyhow::anyhow!(e.message(lang)))?,
        None => Keymap::default(),
    };
    let canned = match &dir {
        Some(d) => canned::load(&d.join("canned_answers.toml")).map_err(|e| anyhow::anyhow!(e.message(lang)))?,
        None => Vec::new(),
    };
    eprintln!("{}", tr_args(lang, "cli-database", &[("url", config.database_url.redacted().into())]));
    let store = Store::open(&config.database_url, OpenMode::Existing)
        .map_err(|e| anyhow::anyhow!(crate::cli::commands::store_error(&e, lang)))?;
    let calendar = config.calendar().map_err(|e| anyhow::anyhow!(e.message(lang)))?;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        anyhow::bail!(tr(lang, "tui-needs-terminal"));
    }
    let settings = Settings {
        lang,
        theme: Theme::from_env(),
        keymap,
        canned,
        desk: config.desk.clone(),
        can_print: config.print_command.is_some(),
        login: options.login.clone(),
        lock_after: (config.lock_after_minutes > 0)
            .then(|| chrono::Duration::minutes(i64::from(config.lock_after_minutes))),
        beside_server: options.server.is_some(),
    };
    let mut runner = CoreRunner::new(
        store,
        calendar,
        Box::new(SystemClock),
        DeskConfig {
            lang,
            public_url: config.public_base_url.clone(),
            slip_width: config.slip_width,
            desk: config.desk.clone(),
            print_command: config.print_command.clone(),
        },
    );
    // from here until the screen is given back, a log line on standard error would be drawn
    // over the screen and stay there
    let diverted = crate::log::divert_to(&crate::log::terminal_log(&config.data_dir));
    // `ratatui::try_init` installs a panic hook that restores the terminal before the panic
    // message is printed; `restore` below covers every other way out.
    let mut terminal = ratatui::try_init().map_err(|e| anyhow::anyhow!("{}: {e}", tr(lang, "tui-needs-terminal")))?;
    // a paste comes as one event rather than as keys (see `update::paste`); a terminal that
    // cannot bracket pastes still works, its pastes typed
    let bracketed = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste).is_ok();
    if bracketed {
        let restore = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
            restore(info);
        }));
    }
    let size = terminal.size().map(|s| (s.width, s.height)).unwrap_or((80, 24));
    let mut app = App::new(settings, SystemClock.now(), size);
    let server = options.server.as_deref();
    let result = run_loop(&mut terminal, &mut app, &mut runner, &mut CrosstermEvents, &SystemClock, server);
    if bracketed {
        let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
    }
    ratatui::restore();
    drop(diverted);
    drop(app);
    result.map_err(|e| anyhow::anyhow!("{}: {e}", tr(lang, "tui-terminal-failed")))
}
