//! The residents' web server that `clerk-tui start` runs beside the terminal stopped: the
//! terminal says so on every screen, with the exit code and the log, until the program ends.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::harness::Harness;
use crate::assert_screen;
use crate::tui::action::Action;
use crate::tui::update::update;
use crate::tui::{Events, PROBE, ServerExit, ServerProbe, run_loop};

fn stopped(code: i32) -> ServerExit {
    ServerExit { code: Some(code), signal: None, log: PathBuf::from("/srv/demo/logs/intake-server.log") }
}

#[test]
fn a_stopped_web_server_is_said_on_every_screen() {
    let mut h = Harness::clerk();
    update(&mut h.app, Action::ServerStopped(stopped(1)));
    let screen = h.screen();
    assert!(screen.starts_with(" ! Форма для жителей не работает "), "{screen}");
    assert_screen!("server_stopped", h);
    // a message of the moment goes first; the top bar keeps saying it
    h.keys("1");
    h.app.info("Обращение зарегистрировано.".to_owned());
    let screen = h.screen();
    assert!(screen.contains("Обращение зарегистрировано.") && !screen.contains("код 1"), "{screen}");
    assert!(screen.starts_with(" ! Форма для жителей не работает "), "{screen}");
    h.keys("<Down>");
    assert!(h.screen().contains("! Веб-сервер остановился (код 1), журнал: /srv/demo/logs/intake-server.log"));
    // and on the lock screen, which shows no message of the session
    h.keys("<F12>");
    let screen = h.screen();
    assert!(screen.contains("Экран заблокирован") && screen.contains("(код 1), журнал:"), "{screen}");
    let mut en = Harness::with(super::harness::Options {
        lang: ereception_core::i18n::Lang::En,
        ..super::harness::Options::default()
    });
    update(
        &mut en.app,
        Action::ServerStopped(ServerExit { code: None, signal: Some(9), log: PathBuf::from("/l/intake-server.log") }),
    );
    let screen = en.screen();
    assert!(screen.starts_with(" ! The residents' form is down "), "{screen}");
    assert!(screen.contains("! The web server was stopped by signal 9, log: /l/intake-server.log"), "{screen}");
}

/// Events as a script: each wait is recorded; `None` is a timeout.
struct Script {
    events: Vec<Option<Event>>,
    waits: Vec<Duration>,
}

impl Events for Script {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        self.waits.push(timeout);
        Ok(if self.events.is_empty() { None } else { self.events.remove(0) })
    }
}

/// A server that stops on the second look.
#[derive(Debug, Default)]
struct Fake {
    looks: Mutex<u32>,
}

impl ServerProbe for Fake {
    fn exited(&self) -> Option<ServerExit> {
        let mut looks = self.looks.lock().expect("looks");
        *looks += 1;
        (*looks >= 2).then(|| stopped(2))
    }
}

#[test]
fn the_loop_looks_at_the_server_every_second_and_tells_update_once() {
    let mut h = Harness::new();
    let quit = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    let mut events = Script { events: vec![None, None, None, Some(quit)], waits: Vec::new() };
    let probe = Fake::default();
    let clock = h.clock.clone();
    run_loop(&mut h.terminal, &mut h.app, &mut h.runner, &mut events, &clock, Some(&probe)).expect("runs");
    assert!(h.app.quit);
    assert_eq!(h.app.server_stopped, Some(stopped(2)));
    assert_eq!(*probe.looks.lock().expect("looks"), 2, "not looked at again once it stopped");
    assert!(events.waits[..2].iter().all(|w| *w <= PROBE), "{:?}", events.waits);
    assert!(events.waits[2..].iter().all(|w| *w > PROBE), "back to the tick once it stopped: {:?}", events.waits);
    assert_eq!(h.app.ticks, 0, "a wake-up to look at the server is no tick");
    let screen = h.screen();
    assert!(screen.contains("Веб-сервер остановился (код 2)"), "{screen}");
}

#[test]
fn quitting_beside_the_web_server_asks_first_and_ends_the_session_in_the_log() {
    let options = || super::harness::Options { beside_server: true, ..super::harness::Options::default() };
    // on the sign-in screen, Esc (quit there) would stop the residents' form: it asks
    let mut h = Harness::with(options());
    h.keys("<Esc>");
    assert!(!h.app.quit);
    let screen = h.screen();
    assert!(screen.contains("Выйти из программы? Форма для жителей тоже"), "{screen}");
    assert!(screen.contains("остановится при выходе"), "{screen}");
    h.keys("n");
    assert!(!h.app.quit && h.app.dialog.is_none(), "{}", h.screen());
    // signed in: yes quits and the session ends in the audit log as with Ctrl+L
    h.keys(&format!("clerk<Tab>{}<Enter>", super::harness::PASSWORD));
    assert!(h.app.session.is_some(), "{}", h.screen());
    h.press(KeyCode::Char('q'), KeyModifiers::CONTROL);
    assert!(!h.app.quit, "{}", h.screen());
    h.keys("y");
    assert!(h.app.quit);
    assert!(h.app.session.is_none());
    assert_eq!(h.audit_count("clerk_signed_out", "clerk:clerk"), 1);
    // once the server has stopped by itself there is nothing to lose: no question
    let mut h = Harness::with(options());
    update(&mut h.app, Action::ServerStopped(stopped(1)));
    h.keys("<Esc>");
    assert!(h.app.quit);
    // and without a server beside it, quitting never asks
    let mut h = Harness::clerk();
    h.keys("<F10>");
    assert!(h.app.quit);
    assert_eq!(h.audit_count("clerk_signed_out", "clerk:clerk"), 1, "a quit ends the session in the log");
}

/// Events as a real terminal gives them: a timeout is waited for.
struct Waiting {
    events: Vec<Option<Event>>,
    waits: Vec<Duration>,
}

impl Events for Waiting {
    fn next(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        self.waits.push(timeout);
        let event = if self.events.is_empty() { None } else { self.events.remove(0) };
        if event.is_none() {
            std::thread::sleep(timeout);
        }
        Ok(event)
    }
}

/// A runner as slow as one whose pool waits for a database that went away.
struct Slow<'a> {
    inner: &'a mut dyn crate::tui::runner::Runner,
    delay: Duration,
}

impl crate::tui::runner::Runner for Slow<'_> {
    fn run(&mut self, effect: crate::tui::action::Effect) -> Action {
        std::thread::sleep(self.delay);
        self.inner.run(effect)
    }
}

/// QA: with PostgreSQL unreachable every re-read of the queue took the pool's 15 s, longer
/// than the 5 s between ticks, so the next began at once: «Выполняется…» stayed on the screen,
/// the error was never readable and keys waited behind one re-read after another.
#[test]
fn the_next_tick_is_due_a_tick_after_a_slow_one_ended() {
    let mut h = Harness::clerk();
    let tick = Duration::from_millis(200);
    let quit = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
    let open_queue = Event::Key(KeyEvent::new(KeyCode::Char('1'), KeyModifiers::NONE));
    let mut events = Waiting { events: vec![Some(open_queue), None, None, Some(quit)], waits: Vec::new() };
    let clock = h.clock.clone();
    let mut slow = Slow { inner: &mut h.runner, delay: Duration::from_millis(300) };
    crate::tui::run_loop_ticking(&mut h.terminal, &mut h.app, &mut slow, &mut events, &clock, None, tick)
        .expect("runs");
    assert!(h.app.quit);
    assert!(h.app.ticks >= 1, "the queue was re-read");
    // after the queue's first (slow) reading, and after the tick's own slow re-read, the next
    // wait is a whole tick: the failure either may have said stays on the screen meanwhile
    assert!(events.waits[1] >= Duration::from_millis(150), "after the key's step: {:?}", events.waits);
    assert!(events.waits[2] >= Duration::from_millis(150), "after the tick's: {:?}", events.waits);
}

/// QA: once PostgreSQL answered again the queue was re-read and shown, under a status line
/// that still said the database could not be reached, until the clerk pressed a key.
#[test]
fn a_re_read_that_works_again_takes_back_the_failure_it_reported() {
    let mut h = Harness::clerk();
    h.keys("1");
    assert!(matches!(h.app.screen, crate::tui::app::Screen::Queue(_)), "{}", h.screen());
    h.sql("ALTER TABLE appeals RENAME TO appeals_gone");
    h.tick();
    assert!(h.status().contains("no such table: appeals"), "{}", h.status());
    h.tick();
    assert!(h.status().contains("no such table: appeals"), "still failing: {}", h.status());
    h.sql("ALTER TABLE appeals_gone RENAME TO appeals");
    h.tick();
    assert_eq!(h.status(), "", "{}", h.screen());
    // a message of the clerk's own doing stays through the re-reads, as before
    h.app.info("Обращение зарегистрировано.".to_owned());
    h.tick();
    assert_eq!(h.status(), "Обращение зарегистрировано.");
    // and a failure of the clerk's own step is not taken back by a re-read
    h.sql("ALTER TABLE appeals RENAME TO appeals_gone");
    h.keys("<Enter>");
    let failed = h.status();
    assert!(failed.contains("no such table"), "{failed}");
    h.sql("ALTER TABLE appeals_gone RENAME TO appeals");
    h.tick();
    assert_eq!(h.status(), failed);
}

/// QA: with PostgreSQL unreachable each step waited the pool's 15 seconds for a connection
/// before saying so, so every key froze the screen that long; the terminal waits
/// `runner::DB_WAIT` (5 s) and says why in words.
#[test]
fn a_step_waits_for_a_connection_no_longer_than_the_terminal_allows() {
    assert_eq!(crate::tui::runner::DB_WAIT, Duration::from_secs(5));
    let mut h = Harness::clerk();
    h.runner.set_db_wait(Duration::from_millis(300));
    // every connection of the pool taken: the next step has none to get, as when the
    // database does not answer (each given time to open: on busy cores 50 ms left the pool
    // short of full, and the step then found a connection)
    let held: Vec<_> = std::iter::from_fn(|| h.store.conn_within(Duration::from_secs(2)).ok()).take(64).collect();
    assert!(!held.is_empty());
    let started = std::time::Instant::now();
    h.keys("1");
    assert!(started.elapsed() < Duration::from_secs(3), "waited {:?}", started.elapsed());
    assert!(
        h.status().starts_with("Не удалось подключиться к базе данных: база данных не ответила вовремя"),
        "{}",
        h.status()
    );
    drop(held);
}
