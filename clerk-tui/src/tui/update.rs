//! `update`: the one function that changes the state. It takes an [`Action`] — a key of the
//! key map, typing, a tick, the result of an effect — and returns at most one [`Effect`] for the
//! runner. It does no I/O.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ereception_core::clock::{MOSCOW_OFFSET, moscow_date};
use ereception_core::domain::ids::AppealId;
use ereception_core::domain::question::QuestionStatus;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::store::appeals::SortKey;

use super::action::{Action, AnswerTarget, Done, Effect, Keep, PageNav, QueueKind, QueueRequest, Rows, SignInFailure};
use super::app::{
    App, AppealState, DashboardState, Dialog, FocusedInput, Input, LockState, OnYes, PinDeskState, Purpose,
    QuestionState, QueueState, ResidentState, Screen, SignInState, SlipState, StatusLine, SupervisorState,
};
use super::decisions::{self, Decision};
use super::editor::{EditKey, LineInput, Secret};
use super::forms;
use super::keymap::{Command, Key, Scope};

/// Turns a key press into an action: typing into the focused field, or a command of the first
/// layer that binds the key. Releases and repeats are ignored.
pub fn resolve(app: &App, event: &KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let key = Key::from_event(event);
    let plain = !key.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let focused = app.focused_input();
    let edit = |k: EditKey| Some(Action::Edit(k));
    if let Some(input) = focused {
        match (input, key.code) {
            (FocusedInput::Line | FocusedInput::Text, KeyCode::Char(c)) if plain => return edit(EditKey::Char(c)),
            (FocusedInput::Text, KeyCode::Enter) if plain => return edit(EditKey::Enter),
            (FocusedInput::Text | FocusedInput::Checks | FocusedInput::Choice, KeyCode::Up) => {
                return edit(EditKey::Up);
            }
            (FocusedInput::Text | FocusedInput::Checks | FocusedInput::Choice, KeyCode::Down) => {
                return edit(EditKey::Down);
            }
            (FocusedInput::Text | FocusedInput::Checks | FocusedInput::Choice, KeyCode::PageUp) => {
                return edit(EditKey::PageUp);
            }
            (FocusedInput::Text | FocusedInput::Checks | FocusedInput::Choice, KeyCode::PageDown) => {
                return edit(EditKey::PageDown);
            }
            (FocusedInput::Checks | FocusedInput::Choice, KeyCode::Char(' ')) => return edit(EditKey::Char(' ')),
            (FocusedInput::Checks | FocusedInput::Choice, KeyCode::Home) => return edit(EditKey::Home),
            (FocusedInput::Checks | FocusedInput::Choice, KeyCode::End) => return edit(EditKey::End),
            _ => {}
        }
    }
    // the lock key works wherever the clerk is, in a form or a question too
    if app.session.is_some()
        && app.lock.is_none()
        && app.settings.keymap.lookup(Scope::Global, key) == Some(Command::Lock)
    {
        return Some(Action::Key(Command::Lock));
    }
    for scope in app.layers() {
        if let Some(command) = app.settings.keymap.lookup(scope, key) {
            return Some(Action::Key(command));
        }
    }
    // quitting from an open form did nothing at all: the form says how to close it first
    if matches!(app.dialog, Some(Dialog::Form(_)))
        && app.settings.keymap.lookup(Scope::Global, key) == Some(Command::Quit)
    {
        return Some(Action::Key(Command::Quit));
    }
    if matches!(focused, Some(FocusedInput::Line | FocusedInput::Text)) {
        return match key.code {
            KeyCode::Backspace => edit(EditKey::Backspace),
            KeyCode::Delete => edit(EditKey::Delete),
            KeyCode::Left => edit(EditKey::Left),
            KeyCode::Right => edit(EditKey::Right),
            KeyCode::Home => edit(EditKey::Home),
            KeyCode::End => edit(EditKey::End),
            _ => None,
        };
    }
    None
}

/// What a paste (bracketed by the terminal, so one event) types into the focused field: its
/// characters, with line breaks as new lines in a text of several lines and as spaces in a
/// line. Never commands: sent as keys, a line break in a one-line field pressed Enter, which
/// in the last field opened the confirmation, and the next «н» of the text said «да» to it.
/// Outside a field a paste does nothing.
pub fn paste(app: &App, text: &str) -> Vec<Action> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    match app.focused_input() {
        Some(FocusedInput::Text) => text
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
            .map(|c| Action::Edit(if c == '\n' { EditKey::Enter } else { EditKey::Char(c) }))
            .collect(),
        Some(FocusedInput::Line) => text
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .map(|c| Action::Edit(EditKey::Char(c)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Applies an action; returns the effect to run, if any.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if matches!(action, Action::Key(_) | Action::Edit(_)) {
        app.last_key = app.now;
    }
    if let Action::ServerStopped(exit) = &action {
        // said whether or not the terminal is locked: it is nobody's personal data
        app.server_stopped = Some(exit.clone());
        return None;
    }
    if app.lock.is_some() {
        return locked(app, action);
    }
    match action {
        Action::ServerStopped(_) => None,
        Action::Key(Command::Lock) => lock(app, None),
        Action::Tick => {
            let effect = tick(app);
            // a tick may lock the screen instead: that is no re-read
            app.refreshing = effect.is_some() && app.lock.is_none();
            effect
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            keep_in_view(app);
            None
        }
        Action::Failed(text) => {
            app.busy = false;
            app.refresh_failed = std::mem::take(&mut app.refreshing);
            if let Some(form) = app.stash.take() {
                app.dialog = Some(Dialog::Form(form));
            }
            if let Screen::SignIn(s) = &mut app.screen {
                s.message = Some(StatusLine { text, error: true });
            } else {
                app.error(text);
            }
            None
        }
        Action::Done(done) => {
            app.busy = false;
            // a re-read that works again takes back what the failed one said
            if std::mem::take(&mut app.refreshing) && std::mem::take(&mut app.refresh_failed) {
                app.status = None;
            }
            on_done(app, done)
        }
        Action::Edit(key) => edit(app, key),
        Action::Key(command) => {
            app.status = None;
            app.refreshing = false;
            app.refresh_failed = false;
            if app.dialog.is_some() { dialog_key(app, command) } else { screen_key(app, command) }
        }
    }
}

fn t(app: &App, id: &str) -> String {
    tr(app.lang(), id)
}

// ---------------------------------------------------------------------------------------
// The lock screen

/// Locks the terminal: the lock screen goes over everything, which stays as it is beneath
/// it — the screen, the screens behind it, an open form with what was typed, the status line.
fn lock(app: &mut App, idle_minutes: Option<u32>) -> Option<Effect> {
    let login = app.session.as_ref()?.clerk.login.clone();
    app.lock =
        Some(LockState { password: LineInput::masked(), message: None, at: app.now, idle_minutes, confirm_end: false });
    Some(Effect::LockScreen { login, idle_minutes })
}

/// Whether the clerk has been away long enough for the terminal to lock. Never while an
/// effect runs: the clerk is waiting for it.
fn idle_too_long(app: &App) -> Option<u32> {
    let after = app.settings.lock_after?;
    if app.session.is_none() || app.busy || app.now.signed_duration_since(app.last_key) < after {
        return None;
    }
    Some(u32::try_from(after.num_minutes()).unwrap_or(u32::MAX))
}

/// What the terminal does while locked: only the lock screen's keys, typing into its password
/// field, and the results of its effects. Ticks refresh nothing.
fn locked(app: &mut App, action: Action) -> Option<Effect> {
    let lang = app.lang();
    let now = app.now;
    let lock = app.lock.as_mut()?;
    match action {
        Action::Tick => {
            app.ticks += 1;
            None
        }
        Action::ServerStopped(_) => None,
        Action::Resize(w, h) => {
            app.size = (w, h);
            keep_in_view(app);
            None
        }
        Action::Edit(key) => {
            if !lock.confirm_end {
                lock.password.handle(key);
            }
            None
        }
        Action::Failed(text) => {
            app.busy = false;
            lock.message = Some(StatusLine { text, error: true });
            None
        }
        Action::Done(done) => {
            app.busy = false;
            match done {
                Done::ScreenLocked => None,
                Done::Unlocked => {
                    app.lock = None;
                    // what the ticks would have refreshed meanwhile is read now, not in 5 s
                    if app.dialog.is_some() {
                        return None;
                    }
                    match &app.screen {
                        Screen::Dashboard(_) => dashboard(app),
                        Screen::Queue(_) => reload_queue(app),
                        _ => None,
                    }
                }
                Done::UnlockFailed(failure) => {
                    let text = match failure {
                        SignInFailure::Failed { attempts_left: Some(n) } => {
                            tr_args(lang, "tui-lock-wrong-left", &[("n", Arg::from(n))])
                        }
                        SignInFailure::Failed { attempts_left: None } => tr(lang, "tui-lock-wrong"),
                        other => sign_in_failure(lang, &other, now),
                    };
                    lock.message = Some(StatusLine { text, error: true });
                    None
                }
                other => {
                    if matches!(other, Done::SessionEnded { .. }) {
                        app.lock = None;
                    }
                    on_done(app, other)
                }
            }
        }
        Action::Key(command) if lock.confirm_end => match command {
            Command::Yes => end_session(app),
            Command::No => {
                lock.confirm_end = false;
                None
            }
            _ => None,
        },
        Action::Key(command) => match command {
            Command::Submit => {
                if lock.password.is_empty() {
                    lock.message = Some(StatusLine { text: tr(lang, "tui-lock-empty"), error: true });
                    return None;
                }
                let password = Secret::new(lock.password.text());
                lock.password.clear();
                lock.message = Some(StatusLine { text: tr(lang, "tui-sign-in-checking"), error: false });
                let login = app.session.as_ref()?.clerk.login.clone();
                Some(Effect::Unlock { login, password })
            }
            Command::ClearField => {
                lock.password.clear();
                None
            }
            Command::SignOut => {
                if app.unsaved().is_some() {
                    if let Some(lock) = app.lock.as_mut() {
                        lock.confirm_end = true;
                    }
                    None
                } else {
                    end_session(app)
                }
            }
            _ => None,
        },
    }
}

/// Ends the session from the lock screen: only now is what was beneath it dropped.
fn end_session(app: &mut App) -> Option<Effect> {
    app.lock = None;
    sign_out(app)
}

// ---------------------------------------------------------------------------------------
// Typing

fn edit(app: &mut App, key: EditKey) -> Option<Effect> {
    match &mut app.dialog {
        Some(Dialog::Form(form)) => {
            let focus = form.focus;
            // a full field took the key silently: the clerk went on typing, or pasting, into
            // nothing, and sent a text cut short without knowing
            let mut full = None;
            if let Some(field) = form.fields.get_mut(focus) {
                let typed = matches!(key, EditKey::Char(_) | EditKey::Enter);
                match &mut field.input {
                    Input::Line(l) => {
                        if typed && l.is_full() {
                            full = Some(field.label.clone());
                        }
                        l.handle(key);
                    }
                    Input::Text(area) => {
                        if typed && area.is_full() {
                            full = Some(field.label.clone());
                        }
                        area.handle(key);
                    }
                    Input::Checks(list) => {
                        list.handle(key);
                    }
                    Input::Choice(list) | Input::Canned(list) => {
                        list.handle(key);
                    }
                }
            }
            let lang = app.settings.lang;
            form.error = full.map(|label| {
                tr_args(
                    lang,
                    "tui-error-field-full",
                    &[
                        ("field", label.into()),
                        ("max", super::widgets::grouped(super::editor::MAX_FIELD_CHARS, lang).into()),
                    ],
                )
            });
            None
        }
        Some(_) => None,
        None => {
            if let Screen::SignIn(s) = &mut app.screen {
                let field = if s.focus == 0 { &mut s.login } else { &mut s.password };
                field.handle(key);
            }
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dialogs

fn dialog_key(app: &mut App, command: Command) -> Option<Effect> {
    match app.dialog.take()? {
        Dialog::Help { scroll } => {
            // the help's inner height, less one line kept for context
            let page = u16::try_from(app.body_rows().saturating_sub(2).max(1)).unwrap_or(u16::MAX);
            let scroll = match command {
                Command::Back => return None,
                Command::Up => scroll.saturating_sub(1),
                Command::Down => scroll.saturating_add(1),
                Command::PageUp => scroll.saturating_sub(page),
                Command::PageDown => scroll.saturating_add(page),
                _ => scroll,
            };
            app.dialog = Some(Dialog::Help { scroll });
            None
        }
        Dialog::Confirm(confirm) => match command {
            // a key of the same burst as the text, not an answer to the question
            Command::Yes if confirm.from_typing && app.press_gap < super::app::TYPING_PAUSE => {
                app.dialog = Some(Dialog::Confirm(confirm));
                app.info(t(app, "tui-confirm-typing"));
                None
            }
            Command::Yes => match confirm.on_yes {
                OnYes::Run(effect) => {
                    app.stash = confirm.back;
                    Some(*effect)
                }
                OnYes::Open(form) => {
                    app.dialog = Some(Dialog::Form(form));
                    None
                }
                OnYes::Discard => None,
                OnYes::LeaveSlip(command) => {
                    if let Screen::Slip(s) = &mut app.screen {
                        s.kept = true;
                    }
                    screen_key(app, command)
                }
                OnYes::Quit => leave(app),
            },
            Command::No => {
                app.dialog = confirm.back.map(Dialog::Form);
                None
            }
            _ => {
                app.dialog = Some(Dialog::Confirm(confirm));
                None
            }
        },
        Dialog::Form(mut form) => match command {
            Command::Cancel if form.changed() => {
                app.dialog = Some(Dialog::Confirm(Box::new(super::app::Confirm {
                    title: t(app, "tui-confirm-discard"),
                    lines: Vec::new(),
                    on_yes: OnYes::Discard,
                    back: Some(form),
                    from_typing: false,
                })));
                None
            }
            Command::Cancel => None,
            Command::Submit => {
                app.dialog = Some(Dialog::Form(form));
                forms::submit(app)
            }
            Command::Accept => {
                let last = form.focus + 1 >= form.fields.len();
                let canned = matches!(form.fields.get(form.focus).map(|f| &f.input), Some(Input::Canned(_)));
                let search = matches!(form.purpose, Purpose::QueueSearch | Purpose::ResidentSearch);
                if canned {
                    forms::insert_canned(&mut form);
                    app.dialog = Some(Dialog::Form(form));
                    None
                } else if last || search {
                    app.dialog = Some(Dialog::Form(form));
                    let effect = forms::submit(app);
                    if let Some(Dialog::Confirm(confirm)) = &mut app.dialog {
                        confirm.from_typing = true;
                    }
                    effect
                } else {
                    form.focus += 1;
                    app.dialog = Some(Dialog::Form(form));
                    None
                }
            }
            Command::NextField => {
                form.focus = (form.focus + 1) % form.fields.len().max(1);
                app.dialog = Some(Dialog::Form(form));
                None
            }
            Command::PrevField => {
                form.focus = form.focus.checked_sub(1).unwrap_or(form.fields.len().saturating_sub(1));
                app.dialog = Some(Dialog::Form(form));
                None
            }
            Command::ClearField => {
                match form.fields.get_mut(form.focus).map(|f| &mut f.input) {
                    Some(Input::Line(line)) => line.clear(),
                    Some(Input::Text(text)) => text.clear_line(),
                    _ => {}
                }
                form.error = None;
                app.dialog = Some(Dialog::Form(form));
                None
            }
            Command::Canned => {
                if let Some(i) = form.fields.iter().position(|f| matches!(f.input, Input::Canned(_))) {
                    form.focus = i;
                }
                app.dialog = Some(Dialog::Form(form));
                None
            }
            Command::Quit => {
                app.dialog = Some(Dialog::Form(form));
                app.error(t(app, "tui-quit-close-form-first"));
                None
            }
            _ => {
                app.dialog = Some(Dialog::Form(form));
                None
            }
        },
    }
}

// ---------------------------------------------------------------------------------------
// Screens

fn screen_key(app: &mut App, command: Command) -> Option<Effect> {
    if let Screen::Slip(s) = &app.screen
        && !s.printed
        && !s.kept
        && matches!(
            command,
            Command::Quit | Command::SignOut | Command::Back | Command::Home | Command::PinDesk | Command::Supervisor
        )
    {
        // the PIN is shown once: losing the slip to a stray key means issuing a new one
        app.dialog = Some(Dialog::Confirm(Box::new(super::app::Confirm {
            title: t(app, "tui-confirm-leave-slip"),
            lines: Vec::new(),
            on_yes: OnYes::LeaveSlip(command),
            back: None,
            from_typing: false,
        })));
        return None;
    }
    match command {
        Command::Help => {
            app.dialog = Some(Dialog::Help { scroll: 0 });
            return None;
        }
        Command::Quit => return quit(app),
        _ => {}
    }
    match app.screen.scope() {
        Scope::SignIn => sign_in_key(app, command),
        Scope::Dashboard => dashboard_key(app, command),
        Scope::Queue => queue_key(app, command),
        Scope::Appeal => appeal_key(app, command),
        Scope::Question => question_key(app, command),
        Scope::PinDesk => pin_desk_key(app, command),
        Scope::Resident => resident_key(app, command),
        Scope::Slip => slip_key(app, command),
        Scope::Supervisor => supervisor_key(app, command),
        _ => None,
    }
}

/// Keys every screen after signing in shares.
fn global(app: &mut App, command: Command) -> Option<Effect> {
    match command {
        Command::Home => go_home(app),
        Command::PinDesk => open_pin_desk(app),
        Command::Supervisor => open_supervisor(app),
        Command::Refresh => refresh(app, true),
        Command::Back => go_back(app),
        Command::SignOut => sign_out(app),
        _ => None,
    }
}

/// Quits, asking first when the residents' web server run beside the terminal would stop
/// with it.
fn quit(app: &mut App) -> Option<Effect> {
    if !app.settings.beside_server || app.server_stopped.is_some() {
        return leave(app);
    }
    app.dialog = Some(Dialog::Confirm(Box::new(super::app::Confirm {
        title: t(app, "tui-confirm-quit-server"),
        lines: vec![t(app, "tui-confirm-quit-server-detail")],
        on_yes: OnYes::Quit,
        back: None,
        from_typing: false,
    })));
    None
}

/// Ends the program; a session open in it ends as with Ctrl+L, in the audit log too.
fn leave(app: &mut App) -> Option<Effect> {
    app.quit = true;
    let session = app.session.take()?;
    Some(Effect::SignOut { login: session.clerk.login })
}

/// Back to the sign-in screen with the login filled in, leaving the program (and, under
/// `clerk-tui start`, the residents' web server) running: a clerk stepping away from the desk
/// or a colleague taking the seat. Nothing of the session stays in memory: no screen, no
/// history, no stashed form. The runner needs no word: it runs nothing but a sign-in until
/// the next one, which replaces the clerk it checks. Returns the effect that records it.
fn sign_out(app: &mut App) -> Option<Effect> {
    let session = app.session.take()?;
    let lang = app.lang();
    app.back.clear();
    app.dialog = None;
    app.stash = None;
    app.status = None;
    app.screen = Screen::SignIn(SignInState {
        login: LineInput::new(&session.clerk.login),
        password: LineInput::masked(),
        focus: 1,
        message: Some(StatusLine { text: tr(lang, "tui-signed-out"), error: false }),
    });
    Some(Effect::SignOut { login: session.clerk.login })
}

fn sign_in_key(app: &mut App, command: Command) -> Option<Effect> {
    let Screen::SignIn(s) = &mut app.screen else { return None };
    match command {
        Command::NextField => s.focus = (s.focus + 1) % 2,
        Command::PrevField => s.focus = (s.focus + 1) % 2,
        Command::ClearField if s.focus == 0 => s.login.clear(),
        Command::ClearField => s.password.clear(),
        Command::Submit => {
            if s.focus == 0 && s.password.is_empty() {
                s.focus = 1;
                return None;
            }
            let login = s.login.text().trim().to_owned();
            if login.is_empty() {
                s.focus = 0;
                s.message = Some(StatusLine { text: tr(app.settings.lang, "tui-sign-in-empty"), error: true });
                return None;
            }
            let password = Secret::new(s.password.text());
            s.password.clear();
            s.message = Some(StatusLine { text: tr(app.settings.lang, "tui-sign-in-checking"), error: false });
            return Some(Effect::SignIn { login, password });
        }
        _ => {}
    }
    None
}

/// Moves a selection in a list of `len` rows with `visible` rows on screen.
fn step(selected: usize, len: usize, visible: usize, command: Command) -> usize {
    let last = len.saturating_sub(1);
    match command {
        Command::Up => selected.saturating_sub(1),
        Command::Down => (selected + 1).min(last),
        Command::PageUp => selected.saturating_sub(visible),
        Command::PageDown => (selected + visible).min(last),
        Command::First => 0,
        Command::Last => last,
        _ => selected,
    }
}

fn scroll(value: u16, visible: usize, command: Command) -> u16 {
    let page = u16::try_from(visible).unwrap_or(u16::MAX).max(1);
    match command {
        Command::Up => value.saturating_sub(1),
        Command::Down => value.saturating_add(1),
        Command::PageUp => value.saturating_sub(page),
        Command::PageDown => value.saturating_add(page),
        Command::First => 0,
        Command::Last => u16::MAX / 2,
        _ => value,
    }
}

fn is_move(command: Command) -> bool {
    matches!(
        command,
        Command::Up | Command::Down | Command::PageUp | Command::PageDown | Command::First | Command::Last
    )
}

pub(crate) fn in_view(selected: usize, offset: usize, visible: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + visible {
        selected + 1 - visible
    } else {
        offset
    }
}

fn keep_in_view(app: &mut App) {
    let visible = app.list_rows();
    match &mut app.screen {
        Screen::Queue(q) => q.offset = in_view(q.selected, q.offset, visible),
        Screen::PinDesk(p) => p.offset = in_view(p.selected, p.offset, visible),
        Screen::Supervisor(s) => s.offset = in_view(s.selected, s.offset, visible.saturating_sub(1).max(1)),
        _ => {}
    }
}

fn dashboard_key(app: &mut App, command: Command) -> Option<Effect> {
    if let Some(n) = command.queue_number() {
        let kind = QueueKind::from_number(n)?;
        go(app, Screen::Queue(QueueState::new(kind)));
        return reload_first(app);
    }
    let Screen::Dashboard(d) = &mut app.screen else { return None };
    let len = d.data.as_ref().map_or(0, |x| x.undelivered.len());
    if is_move(command) {
        d.selected = step(d.selected, len, 5, command);
        return None;
    }
    match command {
        Command::Open => {
            let id = d.data.as_ref()?.undelivered.get(d.selected)?.id;
            let clerk = app.session.as_ref()?.clerk.clone();
            Some(Effect::OpenAppeal { id, clerk, audit: true })
        }
        Command::Back => None,
        // a number or a name typed on the home screen: search every appeal
        Command::Search => {
            go(app, Screen::Queue(QueueState::new(QueueKind::All)));
            let effect = reload_first(app);
            app.dialog = Some(Dialog::Form(forms::queue_search(app.lang(), false)));
            effect
        }
        other => global(app, other),
    }
}

fn queue_key(app: &mut App, command: Command) -> Option<Effect> {
    let visible = app.list_rows();
    let Screen::Queue(q) = &mut app.screen else { return None };
    if let Some(n) = command.queue_number() {
        return switch_queue(app, QueueKind::from_number(n)?);
    }
    let len = q.rows.len();
    // Enter on rows of a query no longer in force waits for the new rows; any other key
    // takes that back
    q.open_on_load = command == Command::Open && (q.stale || !q.loaded);
    if q.open_on_load {
        return None;
    }
    match command {
        Command::NextQueue | Command::PrevQueue => {
            let i = QueueKind::ALL.iter().position(|k| *k == q.kind).unwrap_or(0);
            let n = QueueKind::ALL.len();
            let next = if command == Command::NextQueue { (i + 1) % n } else { (i + n - 1) % n };
            switch_queue(app, QueueKind::ALL[next])
        }
        Command::Down if q.selected + 1 >= len && q.more => page(app, PageNav::Next, Keep::Top),
        Command::PageDown if q.selected + visible >= len && q.more => page(app, PageNav::Next, Keep::Top),
        Command::Up if q.selected == 0 && !q.earlier.is_empty() => page(app, PageNav::Prev, Keep::Bottom),
        Command::PageUp if q.selected < visible && !q.earlier.is_empty() => page(app, PageNav::Prev, Keep::Bottom),
        Command::First if !q.earlier.is_empty() => page(app, PageNav::First, Keep::Top),
        c if is_move(c) => {
            q.selected = step(q.selected, len, visible, c);
            q.offset = in_view(q.selected, q.offset, visible);
            None
        }
        Command::Open => open_selected(app),
        Command::Search => {
            let questions = q.kind == QueueKind::Questions;
            app.dialog = Some(Dialog::Form(forms::queue_search(app.lang(), questions)));
            None
        }
        Command::Sort => {
            if q.kind == QueueKind::Questions {
                app.info(t(app, "tui-sort-questions"));
                return None;
            }
            q.sort = match q.sort {
                SortKey::Filed => SortKey::Due,
                SortKey::Due => SortKey::Number,
                SortKey::Number => SortKey::Applicant,
                SortKey::Applicant => SortKey::Filed,
            };
            reset(q);
            reload_first(app)
        }
        Command::Reverse => {
            if q.kind == QueueKind::Questions {
                app.info(t(app, "tui-sort-questions"));
                return None;
            }
            q.descending = !q.descending;
            reset(q);
            reload_first(app)
        }
        Command::Mine => {
            if q.kind == QueueKind::Questions {
                app.info(t(app, "tui-mine-questions"));
                return None;
            }
            q.mine = !q.mine;
            reset(q);
            reload_first(app)
        }
        Command::Stage => {
            if q.kind != QueueKind::InProgress {
                app.info(t(app, "tui-stage-only-in-progress"));
                return None;
            }
            let stages = stage_codes(app);
            let Screen::Queue(q) = &mut app.screen else { return None };
            let i = q.stage.as_ref().and_then(|s| stages.iter().position(|x| x == s));
            q.stage = match i {
                None => stages.first().cloned(),
                Some(i) => stages.get(i + 1).cloned(),
            };
            reset(q);
            reload_first(app)
        }
        other => global(app, other),
    }
}

/// The stage codes of the catalogue's document services, each once, in catalogue order.
fn stage_codes(app: &App) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(s) = &app.session {
        for service in s.catalogue.services() {
            for stage in &service.stages {
                if !out.iter().any(|c| c == stage.code.as_str()) {
                    out.push(stage.code.to_string());
                }
            }
        }
    }
    out
}

fn reset(q: &mut QueueState) {
    q.stale = true;
    q.start = None;
    q.earlier.clear();
    q.selected = 0;
    q.offset = 0;
}

fn switch_queue(app: &mut App, kind: QueueKind) -> Option<Effect> {
    let mine = match &app.screen {
        Screen::Queue(q) => q.mine && kind != QueueKind::Questions,
        _ => false,
    };
    let mut state = QueueState::new(kind);
    state.mine = mine;
    app.screen = Screen::Queue(state);
    reload_first(app)
}

fn queue_request(app: &App, start: Option<super::action::PageCursor>, keep: Keep, nav: PageNav) -> Option<Effect> {
    let session = app.session.as_ref()?;
    let Screen::Queue(q) = &app.screen else { return None };
    Some(Effect::Queue(QueueRequest {
        kind: q.kind,
        district: session.district.code.clone(),
        sort: q.sort,
        descending: q.descending,
        search: q.search.clone(),
        mine: q.mine.then_some(session.clerk.id),
        stage: q.stage.clone(),
        start,
        today: app.today(),
        keep,
        nav,
    }))
}

/// Loads the first page of the queue on screen.
pub fn reload_first(app: &App) -> Option<Effect> {
    queue_request(app, None, Keep::Top, PageNav::First)
}

fn page(app: &mut App, nav: PageNav, keep: Keep) -> Option<Effect> {
    let Screen::Queue(q) = &app.screen else { return None };
    let start = match nav {
        PageNav::Next => Some(q.rows.cursor(q.rows.len().checked_sub(1)?)?),
        PageNav::Prev => q.earlier.last().cloned().flatten(),
        PageNav::First => None,
        PageNav::Same => q.start.clone(),
    };
    queue_request(app, start, keep, nav)
}

/// Re-reads the page on screen, keeping the selected row by id.
fn reload_queue(app: &App) -> Option<Effect> {
    let Screen::Queue(q) = &app.screen else { return None };
    let keep = match q.rows.id(q.selected) {
        Some(id) => Keep::Id(id, q.selected),
        None => Keep::Top,
    };
    queue_request(app, q.start.clone(), keep, PageNav::Same)
}

fn appeal_key(app: &mut App, command: Command) -> Option<Effect> {
    if let Some(d) = Decision::from_command(command) {
        return forms::decision(app, d);
    }
    let visible = app.body_rows();
    let Screen::Appeal(a) = &mut app.screen else { return None };
    if is_move(command) {
        a.scroll = scroll(a.scroll, visible, command);
        return None;
    }
    global(app, command)
}

fn question_key(app: &mut App, command: Command) -> Option<Effect> {
    let visible = app.body_rows();
    let Screen::Question(q) = &mut app.screen else { return None };
    if is_move(command) {
        q.scroll = scroll(q.scroll, visible, command);
        return None;
    }
    if command == Command::Answer {
        if q.data.question.status != QuestionStatus::Open {
            app.error(t(app, "tui-not-available"));
            return None;
        }
        let target = AnswerTarget::Question(q.data.question.id);
        let asker = q.data.question.lang;
        app.dialog = Some(Dialog::Form(forms::answer(app, target, asker)));
        return None;
    }
    global(app, command)
}

fn pin_desk_key(app: &mut App, command: Command) -> Option<Effect> {
    let visible = app.list_rows();
    let Screen::PinDesk(p) = &mut app.screen else { return None };
    match command {
        Command::Search | Command::PinDesk => {
            app.dialog = Some(Dialog::Form(forms::resident_search(app.lang())));
            None
        }
        c if is_move(c) => {
            p.selected = step(p.selected, p.results.len(), visible, c);
            p.offset = in_view(p.selected, p.offset, visible);
            None
        }
        Command::Open => {
            let id = p.results.get(p.selected)?.resident.id;
            let clerk = app.session.as_ref()?.clerk.clone();
            Some(Effect::OpenResident { id, clerk, audit: true })
        }
        other => global(app, other),
    }
}

fn resident_key(app: &mut App, command: Command) -> Option<Effect> {
    let lang = app.lang();
    let Screen::Resident(r) = &app.screen else { return None };
    let resident = r.data.resident.id;
    match command {
        Command::IssuePin => {
            if r.data.resident.left {
                app.error(tr(lang, "pin-error-resident-left"));
                return None;
            }
            match &r.data.account {
                Some(account) => {
                    let form = forms::issue_pin(lang, resident, true, account.email.as_deref(), account.lang);
                    let mut lines = vec![tr(lang, "tui-summary-old-pin-stops")];
                    if let (Some(email), true) = (&account.email, account.email_confirmed) {
                        lines.push(tr_args(lang, "tui-summary-old-pin-mailed", &[("email", email.as_str().into())]));
                    }
                    app.dialog = Some(Dialog::Confirm(Box::new(super::app::Confirm {
                        title: tr_args(
                            lang,
                            "tui-confirm-reissue",
                            &[("number", super::widgets::unbroken(&account.number.to_string()).into())],
                        ),
                        lines,
                        on_yes: OnYes::Open(form),
                        back: None,
                        from_typing: false,
                    })));
                }
                None => app.dialog = Some(Dialog::Form(forms::issue_pin(lang, resident, false, None, Lang::Ru))),
            }
            None
        }
        Command::RevokePin => {
            match &r.data.account {
                Some(account) => app.dialog = Some(Dialog::Form(forms::revoke(lang, resident, account.number.clone()))),
                None => app.error(tr(lang, "tui-no-active-pin")),
            }
            None
        }
        other => global(app, other),
    }
}

fn slip_key(app: &mut App, command: Command) -> Option<Effect> {
    let visible = app.body_rows();
    let Screen::Slip(s) = &mut app.screen else { return None };
    if is_move(command) {
        s.scroll = scroll(s.scroll, visible, command);
        return None;
    }
    match command {
        Command::Print => {
            if !app.settings.can_print {
                app.error(t(app, "tui-print-not-configured"));
                return None;
            }
            Some(Effect::Print(Secret::new(s.issued.slip.expose().to_owned())))
        }
        other => global(app, other),
    }
}

fn supervisor_key(app: &mut App, command: Command) -> Option<Effect> {
    let visible = app.list_rows().saturating_sub(1).max(1);
    let Screen::Supervisor(s) = &mut app.screen else { return None };
    // the overdue questions are listed after the appeals
    let rows = s.report.appeals.len() + s.report.questions.len();
    if is_move(command) {
        s.selected = step(s.selected, rows, visible, command);
        s.offset = in_view(s.selected, s.offset, visible);
        return None;
    }
    let question = s.selected.checked_sub(s.report.appeals.len()).and_then(|i| s.report.questions.get(i)).map(|q| q.id);
    match command {
        Command::Open => {
            let clerk = app.session.as_ref()?.clerk.clone();
            if let Some(id) = question {
                return Some(Effect::OpenQuestion { id, clerk });
            }
            let id = s.report.appeals.get(s.selected)?.id;
            Some(Effect::OpenAppeal { id, clerk, audit: true })
        }
        Command::Assign if question.is_some() => {
            app.info(tr(app.lang(), "tui-supervisor-questions-not-assigned"));
            None
        }
        Command::Assign => {
            let row = s.report.appeals.get(s.selected)?;
            let (id, number, applicant) = (row.id, row.number.clone(), row.applicant.clone());
            let current = row.clerk.as_ref().map(|c| c.id);
            app.dialog = forms::assign(app, id, &number, &applicant, current).map(Dialog::Form);
            None
        }
        other => global(app, other),
    }
}

// ---------------------------------------------------------------------------------------
// Navigation

/// Shows `screen`, keeping the current one to go back to — except the sign-in screen and a
/// PIN slip, which are never kept (the slip's PIN is wiped as it is dropped).
fn go(app: &mut App, screen: Screen) {
    let old = std::mem::replace(&mut app.screen, screen);
    match old {
        Screen::SignIn(_) | Screen::Slip(_) => drop(old),
        other => {
            app.back.push(other);
            if app.back.len() > 16 {
                app.back.remove(0);
            }
        }
    }
}

fn go_home(app: &mut App) -> Option<Effect> {
    app.session.as_ref()?;
    app.back.clear();
    app.screen = Screen::Dashboard(DashboardState::default());
    dashboard(app)
}

fn go_back(app: &mut App) -> Option<Effect> {
    app.session.as_ref()?;
    match app.back.pop() {
        Some(screen) => {
            app.screen = screen;
            refresh(app, false)
        }
        None => go_home(app),
    }
}

fn open_pin_desk(app: &mut App) -> Option<Effect> {
    app.session.as_ref()?;
    if !matches!(app.screen, Screen::PinDesk(_)) {
        go(app, Screen::PinDesk(PinDeskState::default()));
    }
    app.dialog = Some(Dialog::Form(forms::resident_search(app.lang())));
    None
}

fn open_supervisor(app: &mut App) -> Option<Effect> {
    let session = app.session.as_ref()?;
    if !session.clerk.role.supervises() {
        app.error(t(app, "tui-supervisors-only"));
        return None;
    }
    supervisor(app)
}

fn supervisor(app: &App) -> Option<Effect> {
    let session = app.session.as_ref()?;
    session
        .clerk
        .role
        .supervises()
        .then(|| Effect::Supervisor { district: session.district.code.clone(), today: app.today() })
}

fn dashboard(app: &App) -> Option<Effect> {
    let session = app.session.as_ref()?;
    Some(Effect::Dashboard { district: session.district.code.clone(), today: app.today() })
}

/// Re-reads what is on screen. `explicit`: the clerk asked (an appeal or a resident is
/// reloaded too; the view is not audited again, it is the same view).
fn refresh(app: &App, explicit: bool) -> Option<Effect> {
    let clerk = app.session.as_ref()?.clerk.clone();
    match &app.screen {
        Screen::Dashboard(_) => dashboard(app),
        Screen::Queue(_) => reload_queue(app),
        Screen::Supervisor(_) => supervisor(app),
        Screen::Appeal(a) => Some(Effect::OpenAppeal { id: a.data.appeal.id, clerk, audit: false }),
        Screen::Resident(r) => Some(Effect::OpenResident { id: r.data.resident.id, clerk, audit: false }),
        Screen::Question(q) if explicit => Some(Effect::OpenQuestion { id: q.data.question.id, clerk }),
        _ => None,
    }
}

fn tick(app: &mut App) -> Option<Effect> {
    app.ticks += 1;
    if let Some(minutes) = idle_too_long(app) {
        return lock(app, Some(minutes));
    }
    if app.dialog.is_some() || app.session.is_none() {
        return None;
    }
    match &app.screen {
        Screen::Dashboard(_) if app.ticks.is_multiple_of(super::app::DASHBOARD_TICKS) => dashboard(app),
        Screen::Queue(_) => reload_queue(app),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Results

fn sign_in_failure(lang: Lang, failure: &SignInFailure, now: chrono::DateTime<chrono::Utc>) -> String {
    match failure {
        SignInFailure::Failed { attempts_left: Some(n) } => {
            tr_args(lang, "tui-sign-in-failed-left", &[("n", Arg::from(*n))])
        }
        SignInFailure::Failed { attempts_left: None } => tr(lang, "tui-sign-in-failed"),
        SignInFailure::Locked { until } => {
            let local = until.with_timezone(&MOSCOW_OFFSET);
            let time = local.format("%H:%M").to_string();
            if moscow_date(*until) == moscow_date(now) {
                tr_args(lang, "account-locked-until", &[("time", time.into())])
            } else {
                let date = super::dates::date(local.date_naive(), lang);
                tr_args(lang, "account-locked-until-date", &[("date", date.into()), ("time", time.into())])
            }
        }
        SignInFailure::Disabled => tr(lang, "tui-sign-in-disabled"),
        SignInFailure::NoDistrict => tr(lang, "tui-sign-in-no-district"),
    }
}

/// After an appeal changed (or a decision on it was refused as stale): reload what shows it.
fn reload_changed(app: &mut App, appeal: AppealId) -> Option<Effect> {
    app.stash = None;
    let clerk = app.session.as_ref()?.clerk.clone();
    match &app.screen {
        Screen::Appeal(a) if a.data.appeal.id == appeal => Some(Effect::OpenAppeal { id: appeal, clerk, audit: false }),
        Screen::Supervisor(_) => supervisor(app),
        _ => None,
    }
}

fn on_done(app: &mut App, done: Done) -> Option<Effect> {
    let lang = app.lang();
    match done {
        Done::SignedIn(session) => {
            // «Здравствуйте, Анна Игоревна!»: the name and patronymic, without the surname
            let full = session.clerk.full_name.trim();
            let name = full.split_once(' ').map_or(full, |(_, rest)| rest.trim()).to_owned();
            app.session = Some(*session);
            app.back.clear();
            app.screen = Screen::Dashboard(DashboardState::default());
            app.info(tr_args(lang, "tui-welcome", &[("name", name.into())]));
            dashboard(app)
        }
        Done::SessionEnded { message } => {
            let login = app.session.take().map(|s| s.clerk.login).unwrap_or_default();
            app.back.clear();
            app.dialog = None;
            app.stash = None;
            app.screen = Screen::SignIn(SignInState {
                login: LineInput::new(&login),
                password: LineInput::masked(),
                focus: 1,
                message: Some(StatusLine { text: message, error: true }),
            });
            None
        }
        // the lock's results, should one arrive after the lock went (they do not: `locked`
        // takes them while the lock stands)
        Done::ScreenLocked | Done::SignedOut | Done::Unlocked | Done::UnlockFailed(_) => None,
        Done::SignInFailed(failure) => {
            let text = sign_in_failure(lang, &failure, app.now);
            if let Screen::SignIn(s) = &mut app.screen {
                s.message = Some(StatusLine { text, error: true });
                s.focus = 1;
            }
            None
        }
        Done::Dashboard(data) => {
            if let Screen::Dashboard(d) = &mut app.screen {
                d.selected = d.selected.min(data.undelivered.len().saturating_sub(1));
                d.data = Some(*data);
            }
            None
        }
        Done::Queue(page) => on_page(app, *page),
        Done::Appeal(data) => {
            let session = app.session.as_ref()?;
            let allowed = decisions::available(&data.appeal, &data.service, &session.clerk, app.today());
            match &mut app.screen {
                Screen::Appeal(a) if a.data.appeal.id == data.appeal.id => {
                    a.data = data;
                    a.allowed = allowed;
                }
                _ => go(app, Screen::Appeal(AppealState { data, allowed, scroll: 0 })),
            }
            None
        }
        Done::Question(data) => {
            match &mut app.screen {
                Screen::Question(q) if q.data.question.id == data.question.id => q.data = data,
                _ => go(app, Screen::Question(QuestionState { data, scroll: 0 })),
            }
            None
        }
        Done::Changed { appeal, message } => {
            app.info(message);
            reload_changed(app, appeal)
        }
        Done::Stale { appeal, message } => {
            app.error(message);
            reload_changed(app, appeal)
        }
        Done::QuestionAnswered { message } => {
            app.stash = None;
            app.info(message);
            refresh(app, true)
        }
        Done::FileReady(file) => {
            let mut lines = vec![
                file.name.clone(),
                tr_args(
                    lang,
                    "tui-file-summary",
                    &[("type", file.media_type.as_str().into()), ("size", file.content.len().into())],
                ),
                format!("SHA-256 {}", file.sha256),
            ];
            if let Screen::Appeal(a) = &app.screen {
                lines.extend(forms::mismatch_warning(&a.data.appeal, lang));
            }
            let clerk = app.session.as_ref()?.clerk.clone();
            let number = match &app.screen {
                Screen::Appeal(a) => a.data.appeal.number.to_string(),
                _ => String::new(),
            };
            let back = app.stash.take();
            app.dialog = Some(forms::confirm(
                tr_args(lang, "tui-confirm-issue-document", &[("number", number.into())]),
                lines,
                Effect::IssueDocument { file, clerk },
                back,
            ));
            None
        }
        Done::Residents { found: results, more } => {
            if results.is_empty() {
                app.info(tr(lang, "tui-residents-none"));
            }
            if let Screen::PinDesk(p) = &mut app.screen {
                p.results = results;
                p.more = more;
                p.selected = 0;
                p.offset = 0;
                p.searched = true;
            }
            None
        }
        Done::Resident(data) => {
            match &mut app.screen {
                Screen::Resident(r) if r.data.resident.id == data.resident.id => r.data = data,
                _ => go(app, Screen::Resident(ResidentState { data })),
            }
            None
        }
        Done::PinIssued(issued) => {
            app.stash = None;
            let print = app.settings.can_print;
            let copy = print.then(|| Secret::new(issued.slip.expose().to_owned()));
            app.info(tr_args(
                lang,
                "tui-pin-issued",
                &[("number", super::widgets::unbroken(&issued.account.to_string()).into())],
            ));
            go(app, Screen::Slip(SlipState { issued, scroll: 0, printed: false, kept: false }));
            copy.map(Effect::Print)
        }
        Done::PinActive { resident, account } => {
            app.stash = None;
            let form = forms::issue_pin(lang, resident, true, None, Lang::Ru);
            app.dialog = Some(Dialog::Confirm(Box::new(super::app::Confirm {
                title: tr_args(
                    lang,
                    "tui-confirm-reissue",
                    &[("number", super::widgets::unbroken(&account.to_string()).into())],
                ),
                lines: vec![tr(lang, "tui-summary-old-pin-stops")],
                on_yes: OnYes::Open(form),
                back: None,
                from_typing: false,
            })));
            None
        }
        Done::Revoked { resident, message } => {
            app.stash = None;
            app.info(message);
            let clerk = app.session.as_ref()?.clerk.clone();
            Some(Effect::OpenResident { id: resident, clerk, audit: false })
        }
        Done::Printed { message } => {
            if let Screen::Slip(s) = &mut app.screen {
                s.printed = true;
            }
            app.info(message);
            None
        }
        Done::Supervisor(report) => {
            let visible = app.list_rows().saturating_sub(1).max(1);
            match &mut app.screen {
                Screen::Supervisor(s) => {
                    // stay on the same appeal, wherever reassignment moved it
                    let id = s.report.appeals.get(s.selected).map(|a| a.id);
                    s.selected = id
                        .and_then(|id| report.appeals.iter().position(|a| a.id == id))
                        .unwrap_or(s.selected)
                        .min((report.appeals.len() + report.questions.len()).saturating_sub(1));
                    s.report = *report;
                    s.offset = in_view(s.selected, s.offset, visible);
                }
                _ => go(app, Screen::Supervisor(SupervisorState { report: *report, selected: 0, offset: 0 })),
            }
            None
        }
    }
}

fn on_page(app: &mut App, page: super::action::QueuePage) -> Option<Effect> {
    let visible = app.list_rows();
    let session = app.session.as_ref()?;
    let Screen::Queue(q) = &mut app.screen else { return None };
    let r = &page.request;
    let same = r.kind == q.kind
        && r.sort == q.sort
        && r.descending == q.descending
        && r.search == q.search
        && r.mine == q.mine.then_some(session.clerk.id)
        && r.stage == q.stage;
    if !same {
        return None;
    }
    if page.rows.is_empty() && matches!(r.nav, PageNav::Next) {
        q.more = false;
        return None;
    }
    match r.nav {
        PageNav::Next => q.earlier.push(q.start.take()),
        PageNav::Prev => {
            q.earlier.pop();
        }
        PageNav::First => q.earlier.clear(),
        PageNav::Same => {}
    }
    q.start = r.start.clone();
    let len = page.rows.len();
    q.selected = match r.keep {
        Keep::Top => 0,
        Keep::Bottom => len.saturating_sub(1),
        Keep::Id(id, index) => {
            let found = (0..len).find(|i| page.rows.id(*i) == Some(id));
            found.unwrap_or_else(|| index.min(len.saturating_sub(1)))
        }
    };
    q.rows = page.rows;
    q.more = page.more;
    q.loaded = true;
    q.stale = false;
    q.offset = in_view(q.selected, q.offset.min(q.selected), visible);
    if std::mem::take(&mut q.open_on_load) { open_selected(app) } else { None }
}

/// Opens the queue's selected row.
fn open_selected(app: &App) -> Option<Effect> {
    let clerk = app.session.as_ref()?.clerk.clone();
    let Screen::Queue(q) = &app.screen else { return None };
    match &q.rows {
        Rows::Appeals(rows) => rows.get(q.selected).map(|r| Effect::OpenAppeal { id: r.id, clerk, audit: true }),
        Rows::Questions(rows) => rows.get(q.selected).map(|r| Effect::OpenQuestion { id: r.id, clerk }),
    }
}
