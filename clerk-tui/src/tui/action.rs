//! What flows through the terminal: [`Action`]s into `update` (keys, ticks, the results of
//! effects) and [`Effect`]s out of it (work against `core`, run by the runner and fed back as
//! an [`Action`]).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::account::AccountNumber;
use ereception_core::clock::{DaysLeft, ProductionCalendar};
use ereception_core::domain::appeal::Appeal;
use ereception_core::domain::catalogue::{Catalogue, Service};
use ereception_core::domain::clerk::Clerk;
use ereception_core::domain::district::District;
use ereception_core::domain::event::Event;
use ereception_core::domain::ids::{AppealId, ClerkId, DistrictCode, QuestionId, ResidentId};
use ereception_core::domain::person::Resident;
use ereception_core::domain::question::{EmailAddress, Question};
use ereception_core::domain::status::{Command as Decide, Status};
use ereception_core::i18n::Lang;
use ereception_core::store::accounts::Account;
use ereception_core::store::appeals::{Cursor, DocumentMeta, QueueCounts, QueueRow, SortKey};
use ereception_core::store::desk::{OverdueReport, Undelivered};
use ereception_core::store::questions::{QuestionCounts, QuestionRowView};
use ereception_core::store::residents::ResidentSearch;

use super::editor::{EditKey, Secret};
use super::keymap::Command;

/// An input to `update`.
#[derive(Debug)]
pub enum Action {
    /// A key bound to a command in the current layer.
    Key(Command),
    /// Typing or moving inside the focused field.
    Edit(EditKey),
    /// Time passed: refresh what is on screen.
    Tick,
    Resize(u16, u16),
    /// An effect succeeded.
    Done(Done),
    /// An effect failed: the message for the status line, in the clerk's language.
    Failed(String),
    /// The residents' web server run beside the terminal stopped.
    ServerStopped(super::ServerExit),
}

/// The signed-in clerk and what the whole session needs.
#[derive(Clone, Debug)]
pub struct Session {
    pub clerk: Clerk,
    pub district: District,
    pub catalogue: Catalogue,
    /// The district's staff, for names and reassignment.
    pub staff: Vec<Clerk>,
    /// The production calendar core decides with, so that forms can check dates (a working
    /// day, a year with a calendar) before the confirmation rather than after it.
    pub calendar: ProductionCalendar,
}

impl Session {
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.catalogue.get(code)
    }

    pub fn staff_name(&self, id: ClerkId) -> Option<&str> {
        self.staff.iter().find(|c| c.id == id).map(|c| c.full_name.as_str())
    }
}

/// Why signing in did not work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInFailure {
    Failed {
        attempts_left: Option<u32>,
    },
    Locked {
        until: DateTime<Utc>,
    },
    Disabled,
    /// An account without a district (an administrator): the terminal works for a district.
    NoDistrict,
}

/// The queues of the terminal, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueueKind {
    New,
    InProgress,
    Originals,
    Ready,
    Consultations,
    Questions,
    Overdue,
    All,
}

impl QueueKind {
    pub const ALL: [QueueKind; 8] = [
        QueueKind::New,
        QueueKind::InProgress,
        QueueKind::Originals,
        QueueKind::Ready,
        QueueKind::Consultations,
        QueueKind::Questions,
        QueueKind::Overdue,
        QueueKind::All,
    ];

    /// 1-based, as the number keys open them.
    pub fn number(self) -> usize {
        QueueKind::ALL.iter().position(|k| *k == self).map_or(1, |i| i + 1)
    }

    pub fn from_number(n: usize) -> Option<QueueKind> {
        n.checked_sub(1).and_then(|i| QueueKind::ALL.get(i).copied())
    }

    /// The tab's short name.
    pub fn tab_id(self) -> &'static str {
        match self {
            QueueKind::New => "tui-queue-new",
            QueueKind::InProgress => "tui-queue-in-progress",
            QueueKind::Originals => "tui-queue-originals",
            QueueKind::Ready => "tui-queue-ready",
            QueueKind::Consultations => "tui-queue-consultations",
            QueueKind::Questions => "tui-queue-questions",
            QueueKind::Overdue => "tui-queue-overdue",
            QueueKind::All => "tui-queue-all",
        }
    }

    /// The dashboard's longer name.
    pub fn title_id(self) -> &'static str {
        match self {
            QueueKind::New => "tui-queue-new-title",
            QueueKind::InProgress => "tui-queue-in-progress-title",
            QueueKind::Originals => "tui-queue-originals-title",
            QueueKind::Ready => "tui-queue-ready-title",
            QueueKind::Consultations => "tui-queue-consultations-title",
            QueueKind::Questions => "tui-queue-questions-title",
            QueueKind::Overdue => "tui-queue-overdue-title",
            QueueKind::All => "tui-queue-all-title",
        }
    }
}

/// Where a page starts: after this row (none for the first page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageCursor {
    Appeal(Cursor),
    Question(DateTime<Utc>, QuestionId),
}

/// Where the selection goes when a page arrives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    Top,
    Bottom,
    /// The row with this id (appeal or question) if it is still there, else the same place.
    Id(i64, usize),
}

/// Which page a request loads, relative to the one on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageNav {
    /// The same page again (a refresh, a new filter keeps `start` empty).
    Same,
    Next,
    Prev,
    First,
}

/// A page of a queue to load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRequest {
    pub kind: QueueKind,
    pub district: DistrictCode,
    pub sort: SortKey,
    pub descending: bool,
    pub search: Option<String>,
    pub mine: Option<ClerkId>,
    pub stage: Option<String>,
    pub start: Option<PageCursor>,
    pub today: NaiveDate,
    pub keep: Keep,
    pub nav: PageNav,
}

/// The rows of a queue page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rows {
    Appeals(Vec<QueueRow>),
    Questions(Vec<QuestionRowView>),
}

impl Rows {
    pub fn len(&self) -> usize {
        match self {
            Rows::Appeals(r) => r.len(),
            Rows::Questions(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn id(&self, i: usize) -> Option<i64> {
        match self {
            Rows::Appeals(r) => r.get(i).map(|r| r.id.0),
            Rows::Questions(r) => r.get(i).map(|r| r.id.0),
        }
    }

    pub fn cursor(&self, i: usize) -> Option<PageCursor> {
        match self {
            Rows::Appeals(r) => r.get(i).map(|r| PageCursor::Appeal(r.cursor.clone())),
            Rows::Questions(r) => r.get(i).map(|r| PageCursor::Question(r.asked_at, r.id)),
        }
    }
}

/// A loaded page.
#[derive(Clone, Debug)]
pub struct QueuePage {
    pub request: QueueRequest,
    pub rows: Rows,
    /// Rows follow this page.
    pub more: bool,
}

/// The dashboard's figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DashboardData {
    pub counts: QueueCounts,
    pub questions: QuestionCounts,
    pub undelivered: Vec<Undelivered>,
}

/// An appeal and everything its screen shows.
#[derive(Clone, Debug)]
pub struct AppealData {
    pub appeal: Appeal,
    /// The applicant's record in the registry: the name and address as written there (the
    /// filing matched it; what the applicant typed may differ in case, «ё» or abbreviations).
    pub resident: Option<Resident>,
    pub service: Service,
    /// The language the resident reads this appeal's letters in now (their account's; it may
    /// have changed since filing): what a clerk writes for them is asked for in it.
    pub letter_lang: Lang,
    pub timeline: Vec<Event>,
    pub documents: Vec<DocumentMeta>,
    /// Names of the clerks on the timeline and the assignee.
    pub clerks: HashMap<ClerkId, String>,
    /// Where the service deadline stands today (in the service's unit).
    pub due_left: Option<DaysLeft>,
    /// Where the 3-day registration deadline stands, while the appeal waits for registration.
    pub register_left: Option<DaysLeft>,
    /// Today, or the next working day when today is a day off: when a ready document can be
    /// collected at the earliest (the «ready» form's default).
    pub first_working_day: NaiveDate,
}

/// A question and its deadline.
#[derive(Clone, Debug)]
pub struct QuestionData {
    pub question: Question,
    pub due: NaiveDate,
    /// The answer's e-mail could not be delivered.
    pub email_failed: bool,
}

/// A resident found at the PIN desk, and whether they hold an active PIN.
#[derive(Clone, Debug)]
pub struct FoundResident {
    pub resident: Resident,
    pub pin: bool,
}

/// A resident's record and their active account.
#[derive(Clone, Debug)]
pub struct ResidentData {
    pub resident: Resident,
    pub account: Option<Account>,
    /// Another address the resident asked for in the private section, waiting for its link
    /// (letters go to the confirmed one meanwhile).
    pub pending_email: Option<String>,
}

/// A file read from the council host to issue electronically.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingFile {
    pub appeal: AppealId,
    pub path: String,
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub content: Vec<u8>,
}

impl std::fmt::Debug for PendingFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingFile")
            .field("name", &self.name)
            .field("media_type", &self.media_type)
            .field("size", &self.content.len())
            .finish_non_exhaustive()
    }
}

/// A PIN just issued: the slip (the only place the PIN is) and what the screen says beside it.
#[derive(Debug)]
pub struct IssuedSlip {
    pub slip: Secret,
    pub account: AccountNumber,
    pub resident: String,
    pub resident_id: ResidentId,
    pub email: Option<String>,
}

/// What an effect produced.
#[derive(Debug)]
pub enum Done {
    SignedIn(Box<Session>),
    SignInFailed(SignInFailure),
    Dashboard(Box<DashboardData>),
    Queue(Box<QueuePage>),
    Appeal(Box<AppealData>),
    Question(Box<QuestionData>),
    /// An appeal changed (a decision, a message, a reassignment): say so and reload it.
    Changed {
        appeal: AppealId,
        message: String,
    },
    /// A decision was refused because someone changed the appeal meanwhile: say so as an
    /// error and reload it, so that the clerk sees what it is now.
    Stale {
        appeal: AppealId,
        message: String,
    },
    QuestionAnswered {
        message: String,
    },
    FileReady(Box<PendingFile>),
    /// `more`: the search matched more residents than are listed.
    Residents {
        found: Vec<FoundResident>,
        more: bool,
    },
    Resident(Box<ResidentData>),
    PinIssued(Box<IssuedSlip>),
    /// The resident holds an active PIN already (someone issued one meanwhile).
    PinActive {
        resident: ResidentId,
        account: AccountNumber,
    },
    Revoked {
        resident: ResidentId,
        message: String,
    },
    Printed {
        message: String,
    },
    Supervisor(Box<OverdueReport>),
    /// The administrator disabled the account or changed its role or district: back to the
    /// sign-in screen, saying why.
    SessionEnded {
        message: String,
    },
    /// The lock was recorded in the audit log.
    ScreenLocked,
    SignedOut,
    /// The password was right: the lock screen goes, everything beneath it comes back.
    Unlocked,
    /// The password was wrong (or the account is locked or disabled): the lock screen stays.
    UnlockFailed(SignInFailure),
}

/// What answers a consultation or a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerTarget {
    Appeal(AppealId),
    Question(QuestionId),
}

/// Work against `core`. The runner carries it out and answers with an [`Action`].
#[derive(Debug)]
pub enum Effect {
    SignIn {
        login: String,
        password: Secret,
    },
    /// Records that the clerk ended the session (Ctrl+L).
    SignOut {
        login: String,
    },
    /// Records that the terminal locked (`idle_minutes` after that long idle, none by key).
    LockScreen {
        login: String,
        idle_minutes: Option<u32>,
    },
    /// Checks the signed-in clerk's password to unlock the terminal: a wrong one is a failed
    /// sign-in.
    Unlock {
        login: String,
        password: Secret,
    },
    Dashboard {
        district: DistrictCode,
        today: NaiveDate,
    },
    Queue(QueueRequest),
    /// Loads an appeal; `audit` writes the personal-data view in the same transaction.
    OpenAppeal {
        id: AppealId,
        clerk: Clerk,
        audit: bool,
    },
    OpenQuestion {
        id: QuestionId,
        clerk: Clerk,
    },
    Decide {
        appeal: AppealId,
        command: Decide,
        /// The status the screen showed when the clerk confirmed: the decision is refused if
        /// the appeal has changed since (see `appeals::decide_seen`).
        seen: Option<Status>,
        clerk: Clerk,
        done: &'static str,
    },
    Message {
        appeal: AppealId,
        text: String,
        clerk: Clerk,
    },
    Extend {
        appeal: AppealId,
        days: u16,
        reason: String,
        clerk: Clerk,
    },
    Assign {
        appeal: AppealId,
        to: Option<ClerkId>,
        clerk: Clerk,
    },
    InspectFile {
        appeal: AppealId,
        path: String,
    },
    IssueDocument {
        file: Box<PendingFile>,
        clerk: Clerk,
    },
    AnswerQuestion {
        id: QuestionId,
        text: String,
        clerk: Clerk,
    },
    SearchResidents(ResidentSearch),
    OpenResident {
        id: ResidentId,
        clerk: Clerk,
        audit: bool,
    },
    IssuePin {
        resident: ResidentId,
        email: Option<EmailAddress>,
        lang: Lang,
        replace: bool,
        clerk: Clerk,
        district: District,
    },
    Revoke {
        resident: ResidentId,
        account: AccountNumber,
        reason: String,
        clerk: Clerk,
    },
    Print(Secret),
    Supervisor {
        district: DistrictCode,
        today: NaiveDate,
    },
}
