//! Deadline clocks: Moscow dates, the Russian production calendar and day arithmetic.
//!
//! Every deadline in e-Reception is a *Moscow date*, counted from the day after the appeal was
//! filed (or registered), in one of two units:
//!
//! - **calendar days** — filed on Moscow date `D`, a term of `N` days ends on `D + N`; an end that
//!   falls on a day off moves to the next working day (the practice under 59-ФЗ and art. 193 of
//!   the Civil Code);
//! - **working days** — the term ends on the `N`-th working day after `D`.
//!
//! Which dates are working days is decided by the [`ProductionCalendar`], built from one TOML
//! file per year (`core/calendars/<year>.toml`, embedded at build time, plus files an
//! administrator adds without a rebuild). Each file cites the government decree that moved its
//! days off. A date in a year without a file is a [`CalendarError::YearNotCovered`] — never a
//! silent guess from weekends alone.
//!
//! Nothing here reads the system clock except [`SystemClock`], which callers pass in explicitly;
//! domain code takes a [`Clock`] or a `DateTime<Utc>`.
//!
//! The 59-ФЗ clocks: an appeal is registered within [`REGISTRATION_TERM`] (3 calendar days from
//! receipt, art. 8 part 3) and answered within [`ANSWER_TERM`] (30 calendar days from
//! registration, art. 12 part 1), which may be extended once by up to [`MAX_EXTENSION_DAYS`]
//! with a notice to the applicant (art. 12 part 2) — see [`AnswerDeadline`].

mod calendar;
#[cfg(test)]
mod tests;

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang, tr, tr_args};

pub use calendar::{
    CalendarError, CalendarFileError, CalendarYear, FIRST_SUPPORTED_YEAR, FileProblem, Holiday, LAST_SUPPORTED_YEAR,
    ProductionCalendar, TransferBasis, TransferredDayOff, WorkingWeekend,
};

/// Moscow's offset from UTC in seconds: UTC+3 all year.
///
/// Moscow has kept UTC+3 without daylight saving since 26 October 2014 (Federal Law of
/// 21.07.2014 № 248-ФЗ). A fixed offset is therefore exact for every date a production calendar
/// can cover (files before 2015 are refused), and needs no time-zone database.
pub const MOSCOW_UTC_OFFSET_SECS: i32 = 3 * 3600;

/// The fixed `+03:00` offset of Moscow time. See [`MOSCOW_UTC_OFFSET_SECS`].
pub const MOSCOW_OFFSET: FixedOffset = match FixedOffset::east_opt(MOSCOW_UTC_OFFSET_SECS) {
    Some(offset) => offset,
    // Evaluated at compile time: 3 hours is inside the ±24 h that `FixedOffset` accepts.
    None => panic!("Moscow's UTC offset is out of range"),
};

/// The Moscow date (Europe/Moscow, UTC+3) of an instant.
///
/// A filing at 23:30 UTC is 02:30 in Moscow, so it belongs to the *next* Moscow day.
pub fn moscow_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&MOSCOW_OFFSET).date_naive()
}

/// A source of the current instant. Domain code takes one instead of reading the system clock,
/// so tests can fix the time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock. Only binaries should construct it.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stopped at one instant, for tests and for replaying an action at a known time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Today's Moscow date according to `clock`.
pub fn moscow_now_date(clock: &(impl Clock + ?Sized)) -> NaiveDate {
    moscow_date(clock.now())
}

/// The unit a term is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DayUnit {
    /// Calendar days; an end on a day off moves to the next working day.
    Calendar,
    /// Working days of the production calendar.
    Working,
}

impl DayUnit {
    pub const ALL: [DayUnit; 2] = [DayUnit::Calendar, DayUnit::Working];

    /// The canonical spelling used in the database, the service catalogue and serde.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calendar => "calendar",
            Self::Working => "working",
        }
    }

    /// `"5 рабочих дней"`, `"30 календарных дней"`: `n` days of this unit, for people.
    pub fn describe(self, lang: Lang, n: i64) -> String {
        match self {
            Self::Calendar => tr_args(lang, "unit-calendar-days", &[("n", Arg::Num(n))]),
            Self::Working => tr_args(lang, "unit-working-days", &[("n", Arg::Num(n))]),
        }
    }
}

impl fmt::Display for DayUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text is not a day unit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown day unit {0:?}: expected \"calendar\" or \"working\"")]
pub struct UnknownDayUnit(pub String);

impl UnknownDayUnit {
    /// The error for an administrator editing the service catalogue.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(lang, "clock-error-unknown-unit", &[("value", Arg::from(&self.0))])
    }
}

impl FromStr for DayUnit {
    type Err = UnknownDayUnit;

    /// Accepts the canonical spelling and the Russian words («календарные», «рабочие»).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "calendar" | "календарные" | "календарных" | "календарный" | "кд" => {
                Ok(Self::Calendar)
            }
            "working" | "рабочие" | "рабочих" | "рабочий" | "рд" => Ok(Self::Working),
            _ => Err(UnknownDayUnit(s.to_owned())),
        }
    }
}

/// A deadline rule as a law or the service catalogue states it: "30 calendar days",
/// "5 working days". Always at least one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTerm", into = "RawTerm")]
pub struct Term {
    days: u16,
    unit: DayUnit,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    days: u16,
    unit: DayUnit,
}

impl TryFrom<RawTerm> for Term {
    type Error = TermError;

    fn try_from(raw: RawTerm) -> Result<Self, Self::Error> {
        Term::new(raw.days, raw.unit)
    }
}

impl From<Term> for RawTerm {
    fn from(t: Term) -> Self {
        RawTerm { days: t.days, unit: t.unit }
    }
}

/// A term that cannot be a deadline rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TermError {
    #[error("a term must be at least one day")]
    ZeroDays,
}

impl TermError {
    /// The error for an administrator editing the service catalogue.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::ZeroDays => tr(lang, "clock-error-term-zero"),
        }
    }
}

/// 59-ФЗ art. 8 part 3: a written appeal is registered within 3 days of receipt.
pub const REGISTRATION_TERM: Term = Term { days: 3, unit: DayUnit::Calendar };

/// 59-ФЗ art. 12 part 1: a written appeal is considered within 30 days of its registration.
pub const ANSWER_TERM: Term = Term { days: 30, unit: DayUnit::Calendar };

/// 59-ФЗ art. 12 part 2: the answer term may be extended once, by at most 30 days.
pub const MAX_EXTENSION_DAYS: u16 = 30;

impl Term {
    /// A term of `days` in `unit`; refuses zero days.
    pub fn new(days: u16, unit: DayUnit) -> Result<Self, TermError> {
        if days == 0 {
            return Err(TermError::ZeroDays);
        }
        Ok(Self { days, unit })
    }

    /// `days` calendar days; refuses zero.
    pub fn calendar(days: u16) -> Result<Self, TermError> {
        Self::new(days, DayUnit::Calendar)
    }

    /// `days` working days; refuses zero.
    pub fn working(days: u16) -> Result<Self, TermError> {
        Self::new(days, DayUnit::Working)
    }

    /// How many days (at least one).
    pub fn days(self) -> u16 {
        self.days
    }

    /// In which unit.
    pub fn unit(self) -> DayUnit {
        self.unit
    }

    /// «30 календарных дней», «5 working days».
    pub fn describe(self, lang: Lang) -> String {
        self.unit.describe(lang, i64::from(self.days))
    }
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} days", self.days, self.unit)
    }
}

/// Calendar days from `today` to `due`: 0 on the last day, negative when overdue.
pub fn days_left(today: NaiveDate, due: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// Where a deadline stands today, ready to be shown to a clerk or a resident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DaysLeft {
    /// The due date is later than today; `days` of `unit` remain after today, the due date
    /// included.
    Remaining { days: u32, unit: DayUnit },
    /// Today is the due date.
    LastDay,
    /// The due date has passed, `days` calendar days ago.
    Overdue { days: u32 },
}

impl DaysLeft {
    /// True once the due date has passed.
    pub fn is_overdue(self) -> bool {
        matches!(self, Self::Overdue { .. })
    }

    /// «осталось 2 рабочих дня», «сегодня последний день», «просрочено на 3 дня».
    pub fn phrase(self, lang: Lang) -> String {
        match self {
            Self::Remaining { days, unit: DayUnit::Calendar } => {
                tr_args(lang, "clock-days-left-calendar", &[("n", Arg::from(days))])
            }
            Self::Remaining { days, unit: DayUnit::Working } => {
                tr_args(lang, "clock-days-left-working", &[("n", Arg::from(days))])
            }
            Self::LastDay => tr(lang, "clock-last-day"),
            Self::Overdue { days } => tr_args(lang, "clock-overdue", &[("n", Arg::from(days))]),
        }
    }
}

/// Why an answer term cannot be extended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    /// An extension of zero days is no extension.
    #[error("an extension must be at least one day")]
    ZeroDays,
    /// 59-ФЗ allows at most [`MAX_EXTENSION_DAYS`].
    #[error("an extension of {days} days exceeds the maximum of {max} days")]
    TooManyDays { days: u16, max: u16 },
    /// 59-ФЗ allows one extension per appeal.
    #[error("the answer term has already been extended once")]
    AlreadyExtended,
    /// The extension would end on or before today: the appeal would stay overdue and the one
    /// extension be spent.
    #[error("the extended term would end on {to}, which is not after today")]
    NotInTheFuture { to: NaiveDate },
    /// The extension is 59-ФЗ's, of the term to answer an appeal of a citizen (a consultation);
    /// a service's own term (210-ФЗ) is not extended.
    #[error("only the answer term of a consultation can be extended")]
    NotAnAnswerTerm,
    /// The new due date is in a year without a production calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// How long before the last covered day the server, `clerk-tui status` and the logs start
/// saying that the next year's production calendar is due.
pub const CALENDAR_NOTICE_DAYS: i64 = 90;

/// «The production calendars end on 31.12.2027: add 2028.toml …», for administrators.
pub fn calendar_ends_message(last: NaiveDate, lang: Lang) -> String {
    tr_args(
        lang,
        "clock-calendar-ends",
        &[
            ("date", Arg::from(last.format("%d.%m.%Y").to_string())),
            ("next", Arg::from((chrono::Datelike::year(&last) + 1).to_string())),
        ],
    )
}

impl ExtensionError {
    /// The error for the clerk or supervisor who asked for the extension.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::ZeroDays => tr(lang, "clock-error-extension-zero"),
            Self::TooManyDays { days, max } => {
                tr_args(lang, "clock-error-extension-too-long", &[("days", Arg::from(*days)), ("max", Arg::from(*max))])
            }
            Self::AlreadyExtended => tr(lang, "clock-error-extension-repeated"),
            Self::NotInTheFuture { to } => {
                tr_args(lang, "clock-error-extension-past", &[("date", Arg::from(to.format("%d.%m.%Y").to_string()))])
            }
            Self::NotAnAnswerTerm => tr(lang, "clock-error-extension-not-answer"),
            Self::Calendar(e) => e.message(lang),
        }
    }
}

/// One extension of an answer term, as stored with the appeal (the reason and the notice to
/// the applicant are stored by the appeal, not here).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Extension {
    /// By how many calendar days the term was extended (1..=30).
    pub days: u16,
    /// The due date after the extension.
    pub due: NaiveDate,
}

/// The 59-ФЗ answer clock of one appeal: 30 calendar days from registration, extensible once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AnswerDeadline {
    original_due: NaiveDate,
    extension: Option<Extension>,
}

impl AnswerDeadline {
    /// Starts the clock for an appeal registered at `registered_at`.
    pub fn start(calendar: &ProductionCalendar, registered_at: DateTime<Utc>) -> Result<Self, CalendarError> {
        Ok(Self { original_due: calendar.answer_due(registered_at)?, extension: None })
    }

    /// Rebuilds the clock from what was stored with the appeal.
    pub fn restore(original_due: NaiveDate, extension: Option<Extension>) -> Self {
        Self { original_due, extension }
    }

    /// The due date now in force.
    pub fn due(&self) -> NaiveDate {
        self.extension.map_or(self.original_due, |e| e.due)
    }

    /// The due date before any extension.
    pub fn original_due(&self) -> NaiveDate {
        self.original_due
    }

    /// The extension, once granted.
    pub fn extension(&self) -> Option<Extension> {
        self.extension
    }

    /// Extends the term by `days` calendar days; refused when it was already extended.
    pub fn extend(&self, calendar: &ProductionCalendar, days: u16) -> Result<Self, ExtensionError> {
        if self.extension.is_some() {
            return Err(ExtensionError::AlreadyExtended);
        }
        let due = calendar.extend(self.original_due, days)?;
        Ok(Self { original_due: self.original_due, extension: Some(Extension { days, due }) })
    }
}
