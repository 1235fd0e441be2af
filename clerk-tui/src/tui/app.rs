//! The terminal's state: the session, the screen and the screens behind it, the open dialog,
//! the status line. Only `update` changes it; the views only read it.

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::account::AccountNumber;
use ereception_core::clock::moscow_date;
use ereception_core::domain::ids::{AppealId, ClerkId, GroundCode, OriginalCode, ResidentId};
use ereception_core::i18n::Lang;
use ereception_core::store::appeals::SortKey;
use ereception_core::store::desk::OverdueReport;

use super::action::{
    AnswerTarget, AppealData, DashboardData, Effect, FoundResident, IssuedSlip, PageCursor, QuestionData, QueueKind,
    ResidentData, Rows, Session,
};
use super::canned::Canned;
use super::decisions::Decision;
use super::editor::{CheckList, ChoiceList, LineInput, TextArea};
use super::keymap::{Command, Keymap, Scope};
use super::theme::Theme;

/// Rows of a queue page.
pub const PAGE: usize = 100;

/// Fixed parts of the screen: the top bar, the tabs or title, the status line, the footer.
pub const CHROME_ROWS: u16 = 4;

/// What the terminal was started with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    /// Canned answers of the council (`canned_answers.toml`).
    pub canned: Vec<Canned>,
    /// The desk name recorded with PINs.
    pub desk: String,
    /// Whether a print command is configured.
    pub can_print: bool,
    /// The login to offer on the sign-in screen.
    pub login: Option<String>,
    /// The terminal locks after this long without a key press while signed in; none: never.
    pub lock_after: Option<chrono::Duration>,
    /// The residents' web server runs beside the terminal (`clerk-tui start`) and stops when
    /// it quits: quitting asks first.
    pub beside_server: bool,
}

/// The status line: the last thing that happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub error: bool,
}

/// The sign-in screen.
#[derive(Debug)]
pub struct SignInState {
    pub login: LineInput,
    pub password: LineInput,
    /// 0: login, 1: password.
    pub focus: usize,
    pub message: Option<StatusLine>,
}

/// The dashboard.
#[derive(Debug, Default)]
pub struct DashboardState {
    pub data: Option<DashboardData>,
    /// The selected undelivered appeal.
    pub selected: usize,
}

/// A queue tab.
#[derive(Debug)]
pub struct QueueState {
    pub kind: QueueKind,
    pub sort: SortKey,
    pub descending: bool,
    pub search: Option<String>,
    pub mine: bool,
    pub stage: Option<String>,
    /// Where the page on screen starts (none: the first page).
    pub start: Option<PageCursor>,
    /// Where the pages before it start, for going back.
    pub earlier: Vec<Option<PageCursor>>,
    pub rows: Rows,
    pub selected: usize,
    pub offset: usize,
    pub more: bool,
    pub loaded: bool,
    /// The rows on screen are not yet those of the query: its search, sort or filter changed
    /// and the new first page is on its way.
    pub stale: bool,
    /// Enter was pressed while the rows were stale: the row selected once they come is opened
    /// (a number typed into the search and Enter at once opens that appeal, never the row the
    /// unfiltered list had at the top).
    pub open_on_load: bool,
}

impl QueueState {
    pub fn new(kind: QueueKind) -> QueueState {
        QueueState {
            kind,
            // overdue work, the most overdue first
            sort: if kind == QueueKind::Overdue { SortKey::Due } else { SortKey::Filed },
            descending: false,
            search: None,
            mine: false,
            stage: None,
            start: None,
            earlier: Vec::new(),
            rows: if kind == QueueKind::Questions { Rows::Questions(Vec::new()) } else { Rows::Appeals(Vec::new()) },
            selected: 0,
            offset: 0,
            more: false,
            loaded: false,
            stale: true,
            open_on_load: false,
        }
    }

    /// The page number on screen, from 1.
    pub fn page(&self) -> usize {
        self.earlier.len() + 1
    }
}

/// An appeal's screen.
#[derive(Debug)]
pub struct AppealState {
    pub data: Box<AppealData>,
    pub allowed: Vec<Decision>,
    pub scroll: u16,
}

/// A question's screen.
#[derive(Debug)]
pub struct QuestionState {
    pub data: Box<QuestionData>,
    pub scroll: u16,
}

/// The PIN desk: residents found in the registry.
#[derive(Debug, Default)]
pub struct PinDeskState {
    pub results: Vec<FoundResident>,
    pub selected: usize,
    pub offset: usize,
    pub searched: bool,
    /// The search matched more residents than are listed.
    pub more: bool,
    /// The last search, to edit again.
    pub last: Vec<String>,
}

/// A resident's record.
#[derive(Debug)]
pub struct ResidentState {
    pub data: Box<ResidentData>,
}

/// The slip of a PIN just issued. The only place the PIN lives; it is wiped when the screen
/// closes.
#[derive(Debug)]
pub struct SlipState {
    pub issued: Box<IssuedSlip>,
    pub scroll: u16,
    pub printed: bool,
    /// The clerk confirmed the PIN was printed or written down: the slip may close.
    pub kept: bool,
}

/// The supervisor's view of overdue work.
#[derive(Debug)]
pub struct SupervisorState {
    pub report: OverdueReport,
    pub selected: usize,
    pub offset: usize,
}

/// A screen.
#[derive(Debug)]
pub enum Screen {
    SignIn(SignInState),
    Dashboard(DashboardState),
    Queue(QueueState),
    Appeal(AppealState),
    Question(QuestionState),
    PinDesk(PinDeskState),
    Resident(ResidentState),
    Slip(SlipState),
    Supervisor(SupervisorState),
}

impl Screen {
    /// The key map scope of the screen.
    pub fn scope(&self) -> Scope {
        match self {
            Screen::SignIn(_) => Scope::SignIn,
            Screen::Dashboard(_) => Scope::Dashboard,
            Screen::Queue(_) => Scope::Queue,
            Screen::Appeal(_) => Scope::Appeal,
            Screen::Question(_) => Scope::Question,
            Screen::PinDesk(_) => Scope::PinDesk,
            Screen::Resident(_) => Scope::Resident,
            Screen::Slip(_) => Scope::Slip,
            Screen::Supervisor(_) => Scope::Supervisor,
        }
    }
}

/// A field of a form.
#[derive(Debug)]
pub struct Field {
    pub label: String,
    pub input: Input,
}

/// What a field holds.
#[derive(Debug)]
pub enum Input {
    Line(LineInput),
    Text(TextArea),
    Checks(CheckList),
    Choice(ChoiceList),
    /// Canned answers: Enter inserts the chosen one into the next field.
    Canned(ChoiceList),
}

impl Input {
    pub fn is_text(&self) -> bool {
        matches!(self, Input::Line(_) | Input::Text(_))
    }
}

/// What a form is for: decides what its submission does.
#[derive(Debug)]
pub enum Purpose {
    QueueSearch,
    ResidentSearch,
    /// `remedies`: how to fix each ground, in the clerk's language, shown before it goes.
    Refuse {
        appeal: AppealId,
        register: bool,
        grounds: Vec<GroundCode>,
        remedies: Vec<String>,
    },
    /// `due`: the appeal's deadline, which keeps running while the originals are awaited.
    Originals {
        appeal: AppealId,
        originals: Vec<OriginalCode>,
        due: NaiveDate,
    },
    Ready {
        appeal: AppealId,
    },
    HandOver {
        appeal: AppealId,
    },
    IssueDocument {
        appeal: AppealId,
    },
    Answer {
        target: AnswerTarget,
        canned: Vec<Canned>,
    },
    Message {
        appeal: AppealId,
    },
    Extend {
        appeal: AppealId,
    },
    Assign {
        appeal: AppealId,
        number: String,
        /// «Иванова М. П.», for the confirmation.
        applicant: String,
        staff: Vec<Option<ClerkId>>,
    },
    IssuePin {
        resident: ResidentId,
        replace: bool,
    },
    Revoke {
        resident: ResidentId,
        account: AccountNumber,
    },
}

impl Purpose {
    /// The footer's word for sending the form (`Ctrl+S`), where «Отправить» would promise a
    /// letter that does not go: a search finds, a reassignment assigns, a PIN is issued on a
    /// slip. `None`: the form sends the resident a letter, and «Отправить» is the word.
    pub fn submit_desc(&self) -> Option<&'static str> {
        match self {
            Purpose::QueueSearch | Purpose::ResidentSearch => Some("tui-key-find"),
            Purpose::Assign { .. } => Some("tui-key-assign-submit"),
            Purpose::IssuePin { .. } => Some("tui-key-issue-pin-submit"),
            Purpose::Refuse { .. }
            | Purpose::Originals { .. }
            | Purpose::Ready { .. }
            | Purpose::HandOver { .. }
            | Purpose::IssueDocument { .. }
            | Purpose::Answer { .. }
            | Purpose::Message { .. }
            | Purpose::Extend { .. }
            | Purpose::Revoke { .. } => None,
        }
    }
}

/// A form in a dialog.
#[derive(Debug)]
pub struct Form {
    pub purpose: Purpose,
    pub title: String,
    /// Read-only text above the fields: what the form is about, since it covers the screen
    /// (the question an answer answers).
    pub context: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// The values the form opened with ([`Form::values`]): closing a form that still holds
    /// them loses nothing, so it needs no confirmation.
    pub opened_with: Vec<String>,
}

impl Form {
    /// Every field's value as text (ticks and choices as their indexes), to compare. Which
    /// canned answer is highlighted is no value: only inserting it changes the text.
    pub fn values(&self) -> Vec<String> {
        self.fields
            .iter()
            .map(|f| match &f.input {
                Input::Line(l) => l.text(),
                Input::Text(t) => t.text(),
                Input::Checks(c) => format!("{:?}", c.selected()),
                Input::Choice(c) => c.selected.to_string(),
                Input::Canned(_) => String::new(),
            })
            .collect()
    }

    /// Whether the clerk typed or changed something since the form opened. The search lines
    /// lose nothing worth asking about.
    pub fn changed(&self) -> bool {
        !matches!(self.purpose, Purpose::QueueSearch | Purpose::ResidentSearch) && self.values() != self.opened_with
    }

    pub fn line(&self, i: usize) -> String {
        match self.fields.get(i).map(|f| &f.input) {
            Some(Input::Line(l)) => l.text().trim().to_owned(),
            Some(Input::Text(t)) => t.text().trim().to_owned(),
            _ => String::new(),
        }
    }
}

/// What "yes" does.
#[derive(Debug)]
pub enum OnYes {
    Run(Box<Effect>),
    /// Opens a form (re-issuing a PIN asks first, then asks for the details).
    Open(Box<Form>),
    /// Closes the form kept in `back`, dropping what was typed.
    Discard,
    /// Leaves the PIN slip with this command once the clerk says the PIN is kept.
    LeaveSlip(Command),
    /// Quits the program (and the web server run beside it).
    Quit,
}

/// A question before something that cannot be undone.
#[derive(Debug)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    pub on_yes: OnYes,
    /// The form it came from, reopened on "no".
    pub back: Option<Box<Form>>,
    /// Opened by Enter in the form's last field, where a clerk may have meant a new line and
    /// typed on: a "yes" pressed without a pause after the key before it is not taken (in the
    /// Russian layout the «y» key is «н», one of the commonest letters).
    pub from_typing: bool,
}

/// A dialog over the screen: it sees the keys first.
#[derive(Debug)]
pub enum Dialog {
    Form(Box<Form>),
    Confirm(Box<Confirm>),
    Help { scroll: u16 },
}

/// The lock screen, over everything the session had, which stays as it was underneath.
#[derive(Debug)]
pub struct LockState {
    pub password: LineInput,
    pub message: Option<StatusLine>,
    /// When it locked.
    pub at: DateTime<Utc>,
    /// Locked after this many idle minutes; none: by the clerk's key.
    pub idle_minutes: Option<u32>,
    /// The clerk asked to end the session while something unsaved is underneath: asking first.
    pub confirm_end: bool,
}

/// The whole state.
#[derive(Debug)]
pub struct App {
    pub settings: Settings,
    pub now: DateTime<Utc>,
    pub size: (u16, u16),
    pub session: Option<Session>,
    pub screen: Screen,
    /// The screens to go back to.
    pub back: Vec<Screen>,
    pub dialog: Option<Dialog>,
    /// A form whose confirmed effect is running: reopened if core refuses.
    pub stash: Option<Box<Form>>,
    pub status: Option<StatusLine>,
    pub busy: bool,
    pub quit: bool,
    /// Ticks so far (the dashboard is re-read on every [`DASHBOARD_TICKS`]-th).
    pub ticks: u64,
    /// The effect running is a tick's re-read of the screen.
    pub refreshing: bool,
    /// The status line says why the last re-read failed: the next one that succeeds clears it
    /// (a database back after an outage), where a key press clears any other message.
    pub refresh_failed: bool,
    /// The last key press: idle time, for the lock, counts from it.
    pub last_key: DateTime<Utc>,
    /// Any key press or paste, including keys that do nothing where they are pressed, and the
    /// time between the last one and the one before it (see [`Confirm::from_typing`]).
    pub last_press: DateTime<Utc>,
    pub press_gap: chrono::Duration,
    /// The lock screen, while the terminal is locked: it hides everything else, which waits
    /// untouched beneath it.
    pub lock: Option<LockState>,
    /// The residents' web server run beside the terminal stopped: said until the program ends.
    pub server_stopped: Option<super::ServerExit>,
}

/// The dashboard's counts scan the district's open appeals, so a tick re-reads them only
/// every this many ticks; queues (a page by keyset) are re-read on every tick.
pub const DASHBOARD_TICKS: u64 = 6;

/// A "yes" to a confirmation opened mid-typing needs this pause after the key before it: a
/// clerk typing on presses keys 100–300 ms apart, one who read the question does not.
pub const TYPING_PAUSE: chrono::Duration = chrono::Duration::milliseconds(500);

impl App {
    /// Notes a key press or a paste as it arrives, before it is resolved (at `now`).
    pub fn note_press(&mut self) {
        self.press_gap = self.now.signed_duration_since(self.last_press);
        self.last_press = self.now;
    }

    pub fn new(settings: Settings, now: DateTime<Utc>, size: (u16, u16)) -> App {
        let login = LineInput::new(settings.login.as_deref().unwrap_or(""));
        let focus = usize::from(settings.login.is_some());
        App {
            screen: Screen::SignIn(SignInState { login, password: LineInput::masked(), focus, message: None }),
            settings,
            now,
            size,
            session: None,
            back: Vec::new(),
            dialog: None,
            stash: None,
            status: None,
            busy: false,
            quit: false,
            ticks: 0,
            refreshing: false,
            refresh_failed: false,
            last_key: now,
            last_press: now,
            press_gap: chrono::Duration::hours(1),
            lock: None,
            server_stopped: None,
        }
    }

    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// Today's Moscow date.
    pub fn today(&self) -> NaiveDate {
        moscow_date(self.now)
    }

    /// Rows a list has on screen below its information line and header.
    pub fn list_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(self.chrome_rows() + 2)).max(1)
    }

    /// Rows of the scrolled body of a screen.
    pub fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(self.chrome_rows())).max(1)
    }

    /// The rows around the body: [`CHROME_ROWS`], and a second status row for a long message.
    pub fn chrome_rows(&self) -> u16 {
        CHROME_ROWS + super::widgets::status_rows(self) - 1
    }

    /// The key map layers for the current state, dialog first.
    pub fn layers(&self) -> Vec<Scope> {
        if let Some(lock) = &self.lock {
            return vec![if lock.confirm_end { Scope::Confirm } else { Scope::Lock }];
        }
        match &self.dialog {
            Some(Dialog::Form(_)) => vec![Scope::Form],
            Some(Dialog::Confirm(_)) => vec![Scope::Confirm],
            Some(Dialog::Help { .. }) => vec![Scope::Help],
            None => match &self.screen {
                Screen::SignIn(_) => vec![Scope::SignIn],
                Screen::Slip(_) => vec![Scope::Slip, Scope::Nav, Scope::Global],
                other => vec![other.scope(), Scope::Nav, Scope::Global],
            },
        }
    }

    /// The field keys type into, if any.
    pub fn focused_input(&self) -> Option<FocusedInput> {
        if let Some(lock) = &self.lock {
            return (!lock.confirm_end).then_some(FocusedInput::Line);
        }
        match &self.dialog {
            Some(Dialog::Form(form)) => form.fields.get(form.focus).map(|f| match &f.input {
                Input::Line(_) => FocusedInput::Line,
                Input::Text(_) => FocusedInput::Text,
                Input::Checks(_) => FocusedInput::Checks,
                Input::Choice(_) | Input::Canned(_) => FocusedInput::Choice,
            }),
            Some(_) => None,
            None => match &self.screen {
                Screen::SignIn(_) => Some(FocusedInput::Line),
                _ => None,
            },
        }
    }

    /// What ending the session now would lose: typed text in a form (or in the form behind
    /// a question), or a PIN slip not yet printed or kept. The message id of the question to
    /// ask first, if anything.
    pub fn unsaved(&self) -> Option<&'static str> {
        let form_changed = match &self.dialog {
            Some(Dialog::Form(f)) => f.changed(),
            Some(Dialog::Confirm(c)) => c.back.as_ref().is_some_and(|f| f.changed()),
            _ => false,
        };
        if form_changed {
            return Some("tui-lock-confirm-end");
        }
        match &self.screen {
            Screen::Slip(s) if !s.printed && !s.kept => Some("tui-lock-confirm-end-slip"),
            _ => None,
        }
    }

    pub fn info(&mut self, text: String) {
        self.status = Some(StatusLine { text, error: false });
    }

    pub fn error(&mut self, text: String) {
        self.status = Some(StatusLine { text, error: true });
    }
}

/// The kind of the focused field, for routing keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusedInput {
    Line,
    Text,
    Checks,
    Choice,
}
