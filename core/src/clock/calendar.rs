//! The production calendar: one validated TOML file per year, and day arithmetic over it.
//!
//! # File format
//!
//! A file is named `<year>.toml` and holds:
//!
//! ```toml
//! year = 2026
//! decree = "Постановление Правительства Российской Федерации от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»"
//! sources = ["free-text notes: where the data comes from, totals, what to re-check"]
//! holidays = [ { date = 2026-01-01, name = "Новогодние каникулы" }, … ]          # ТК РФ ст. 112
//! days_off = [ { date = 2026-01-09, from = 2026-01-03, basis = "decree" }, … ]    # or "automatic"
//! working_weekends = [ { date = 2025-11-01, note = "…" } ]                          # may be empty
//! ```
//!
//! A date is a day off when it is a Saturday or Sunday not listed in `working_weekends`, a
//! holiday, or a transferred day off; every other date is a working day. Dates are TOML local
//! dates. [`CalendarYear::parse`] checks the file's internal consistency (see [`FileProblem`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};
use toml::value::Datetime;

use super::{
    ANSWER_TERM, DayUnit, DaysLeft, ExtensionError, MAX_EXTENSION_DAYS, REGISTRATION_TERM, Term, days_left, moscow_date,
};
use crate::i18n::{Arg, EMBEDDED_CALENDARS, Lang, Msg, tr, tr_args};

/// The first year a calendar file may describe: Moscow's fixed UTC+3 holds from 26 Oct 2014.
pub const FIRST_SUPPORTED_YEAR: i32 = 2015;
/// The last year a calendar file may describe (four-digit years only).
pub const LAST_SUPPORTED_YEAR: i32 = 9999;

/// A date the production calendar cannot answer for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// No calendar file covers `year`. Deadlines in that year cannot be computed until an
    /// administrator adds `<year>.toml`.
    #[error(
        "no production calendar for {year}: add {year}.toml, citing the government decree on moving days off in {year}, to the calendars directory"
    )]
    YearNotCovered { year: i32 },
}

impl CalendarError {
    /// The same as [`message`](Self::message), to be rendered in the reader's language later
    /// (errors that carry a [`Msg`]).
    pub fn msg(&self) -> Msg {
        match self {
            Self::YearNotCovered { year } => Msg::new("clock-error-year-not-covered").arg("year", year.to_string()),
        }
    }

    /// The error for a clerk or an administrator, naming the missing file.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::YearNotCovered { year } => {
                tr_args(lang, "clock-error-year-not-covered", &[("year", Arg::from(year.to_string()))])
            }
        }
    }

    /// Like [`message`](Self::message), naming the directory the file goes into.
    pub fn message_with_dir(&self, lang: Lang, calendars_dir: &str) -> String {
        match self {
            Self::YearNotCovered { year } => tr_args(
                lang,
                "clock-error-year-not-covered-dir",
                &[("year", Arg::from(year.to_string())), ("dir", Arg::from(calendars_dir))],
            ),
        }
    }
}

fn not_covered_after(date: NaiveDate) -> CalendarError {
    CalendarError::YearNotCovered { year: date.year().saturating_add(1) }
}

/// A calendar file that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("calendar file {file}: {problem}")]
pub struct CalendarFileError {
    /// The file name as given (embedded files: `2026.toml`).
    pub file: String,
    pub problem: FileProblem,
}

impl CalendarFileError {
    /// The error for the administrator who supplied the file.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "clock-error-file",
            &[("file", Arg::from(&self.file)), ("problem", Arg::from(self.problem.message(lang)))],
        )
    }
}

/// What is wrong with a calendar file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileProblem {
    #[error("not a valid calendar TOML: {detail}")]
    Syntax { detail: String },
    #[error("year {year} is outside {FIRST_SUPPORTED_YEAR}..={LAST_SUPPORTED_YEAR}")]
    YearOutOfRange { year: i64 },
    #[error("the file describes {year}, so it must be named {year}.toml")]
    NameMismatch { year: i32 },
    #[error("`decree` must cite the government decree the calendar follows")]
    NoDecree,
    #[error("`holidays` lists no public holidays")]
    NoHolidays,
    #[error("{value} is not a date without time (write it like 2027-01-01)")]
    NotADate { value: String },
    #[error("{date} is not in {year}")]
    OutsideYear { date: NaiveDate, year: i32 },
    #[error("{date} is listed twice")]
    DuplicateDate { date: NaiveDate },
    #[error("the holiday on {date} has no name")]
    EmptyHolidayName { date: NaiveDate },
    #[error("{date} is listed both as a day off and as a working weekend")]
    DayOffAndWorkingWeekend { date: NaiveDate },
    #[error("working weekend {date} is not a Saturday or a Sunday")]
    WorkingWeekendNotWeekend { date: NaiveDate },
    #[error("working weekend {date} is a public holiday")]
    WorkingWeekendIsHoliday { date: NaiveDate },
    #[error("working weekend {date} is not the `from` of any transferred day off")]
    WorkingWeekendNotTransferred { date: NaiveDate },
    #[error("transferred day off {date} falls on a Saturday or a Sunday")]
    DayOffOnWeekend { date: NaiveDate },
    #[error("transferred day off {date} is already a public holiday")]
    DayOffOnHoliday { date: NaiveDate },
    #[error("day off {date} is moved from {from}, which is not a Saturday or a Sunday")]
    TransferFromWeekday { date: NaiveDate, from: NaiveDate },
    #[error("day off {date} is moved from {from}, which is neither a holiday nor listed in `working_weekends`")]
    TransferFromPlainWeekend { date: NaiveDate, from: NaiveDate },
    #[error("the day off of {from} is moved twice")]
    TransferredTwice { from: NaiveDate },
    #[error("holiday {date} falls on a weekend but no day off is moved from it (Labour Code art. 112 part 2)")]
    HolidayNotTransferred { date: NaiveDate },
    #[error("{year} is also described by {other}")]
    DuplicateYear { year: i32, other: String },
}

/// A date as people read it in `lang`: `04.01.2025` in Russian, `2025-01-04` in English.
fn show_date(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::Ru => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

impl FileProblem {
    /// The problem, for the administrator.
    pub fn message(&self, lang: Lang) -> String {
        let d = |date: &NaiveDate| Arg::from(show_date(lang, *date));
        match self {
            Self::Syntax { detail } => tr_args(lang, "clock-file-syntax", &[("detail", Arg::from(detail))]),
            Self::YearOutOfRange { year } => tr_args(
                lang,
                "clock-file-year-out-of-range",
                &[
                    ("year", Arg::from(year.to_string())),
                    ("first", Arg::from(FIRST_SUPPORTED_YEAR.to_string())),
                    ("last", Arg::from(LAST_SUPPORTED_YEAR.to_string())),
                ],
            ),
            Self::NameMismatch { year } => {
                tr_args(lang, "clock-file-name-mismatch", &[("year", Arg::from(year.to_string()))])
            }
            Self::NoDecree => tr(lang, "clock-file-no-decree"),
            Self::NoHolidays => tr(lang, "clock-file-no-holidays"),
            Self::NotADate { value } => tr_args(lang, "clock-file-not-a-date", &[("value", Arg::from(value))]),
            Self::OutsideYear { date, year } => {
                tr_args(lang, "clock-file-outside-year", &[("date", d(date)), ("year", Arg::from(year.to_string()))])
            }
            Self::DuplicateDate { date } => tr_args(lang, "clock-file-duplicate-date", &[("date", d(date))]),
            Self::EmptyHolidayName { date } => tr_args(lang, "clock-file-empty-holiday-name", &[("date", d(date))]),
            Self::DayOffAndWorkingWeekend { date } => {
                tr_args(lang, "clock-file-day-off-and-working", &[("date", d(date))])
            }
            Self::WorkingWeekendNotWeekend { date } => {
                tr_args(lang, "clock-file-working-weekend-not-weekend", &[("date", d(date))])
            }
            Self::WorkingWeekendIsHoliday { date } => {
                tr_args(lang, "clock-file-working-weekend-holiday", &[("date", d(date))])
            }
            Self::WorkingWeekendNotTransferred { date } => {
                tr_args(lang, "clock-file-working-weekend-unused", &[("date", d(date))])
            }
            Self::DayOffOnWeekend { date } => tr_args(lang, "clock-file-day-off-on-weekend", &[("date", d(date))]),
            Self::DayOffOnHoliday { date } => tr_args(lang, "clock-file-day-off-on-holiday", &[("date", d(date))]),
            Self::TransferFromWeekday { date, from } => {
                tr_args(lang, "clock-file-transfer-from-weekday", &[("date", d(date)), ("from", d(from))])
            }
            Self::TransferFromPlainWeekend { date, from } => {
                tr_args(lang, "clock-file-transfer-from-plain-weekend", &[("date", d(date)), ("from", d(from))])
            }
            Self::TransferredTwice { from } => tr_args(lang, "clock-file-transferred-twice", &[("from", d(from))]),
            Self::HolidayNotTransferred { date } => {
                tr_args(lang, "clock-file-holiday-not-transferred", &[("date", d(date))])
            }
            Self::DuplicateYear { year, other } => tr_args(
                lang,
                "clock-file-duplicate-year",
                &[("year", Arg::from(year.to_string())), ("other", Arg::from(other))],
            ),
        }
    }
}

/// A non-working public holiday (Labour Code art. 112 part 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    /// «День России».
    pub name: String,
}

/// On what grounds a day off was moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TransferBasis {
    /// By the year's government decree (the file's `decree`).
    Decree,
    /// By law: a holiday on a weekend moves the day off to the next working day (Labour Code
    /// art. 112 part 2).
    Automatic,
}

/// A weekday made a day off in place of `from` (a Saturday, Sunday or a holiday on one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TransferredDayOff {
    pub date: NaiveDate,
    pub from: NaiveDate,
    pub basis: TransferBasis,
    pub note: Option<String>,
}

/// A Saturday or Sunday that is a working day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WorkingWeekend {
    pub date: NaiveDate,
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    year: i64,
    decree: String,
    #[serde(default)]
    sources: Vec<String>,
    holidays: Vec<RawHoliday>,
    #[serde(default)]
    days_off: Vec<RawDayOff>,
    #[serde(default)]
    working_weekends: Vec<RawWorkingWeekend>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    date: Datetime,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDayOff {
    date: Datetime,
    from: Datetime,
    basis: TransferBasis,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWorkingWeekend {
    date: Datetime,
    #[serde(default)]
    note: Option<String>,
}

/// One year of the production calendar, parsed and validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarYear {
    year: i32,
    file: String,
    decree: String,
    sources: Vec<String>,
    holidays: Vec<Holiday>,
    days_off: Vec<TransferredDayOff>,
    working_weekends: Vec<WorkingWeekend>,
    /// Indexed by `ordinal0`: true for a day off.
    day_off: Vec<bool>,
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn toml_date(value: &Datetime) -> Result<NaiveDate, FileProblem> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
        _ => None,
    }
    .ok_or_else(|| FileProblem::NotADate { value: value.to_string() })
}

impl CalendarYear {
    /// Parses and validates one calendar file. `file` is its name (or path); its stem must be
    /// the year the file describes.
    pub fn parse(file: &str, contents: &str) -> Result<Self, CalendarFileError> {
        let fail = |problem| CalendarFileError { file: file.to_owned(), problem };
        let raw: RawFile = toml::from_str(contents)
            .map_err(|e| fail(FileProblem::Syntax { detail: e.to_string().trim().to_owned() }))?;
        Self::validate(file, raw).map_err(fail)
    }

    fn validate(file: &str, raw: RawFile) -> Result<Self, FileProblem> {
        let year = i32::try_from(raw.year)
            .ok()
            .filter(|y| (FIRST_SUPPORTED_YEAR..=LAST_SUPPORTED_YEAR).contains(y))
            .ok_or(FileProblem::YearOutOfRange { year: raw.year })?;
        let stem = Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != year.to_string() {
            return Err(FileProblem::NameMismatch { year });
        }
        let decree = raw.decree.trim();
        if decree.is_empty() {
            return Err(FileProblem::NoDecree);
        }
        if raw.holidays.is_empty() {
            return Err(FileProblem::NoHolidays);
        }
        let in_year = |value: &Datetime| {
            let date = toml_date(value)?;
            if date.year() == year { Ok(date) } else { Err(FileProblem::OutsideYear { date, year }) }
        };

        let mut holidays = Vec::with_capacity(raw.holidays.len());
        let mut holiday_dates = BTreeSet::new();
        for h in raw.holidays {
            let date = in_year(&h.date)?;
            if !holiday_dates.insert(date) {
                return Err(FileProblem::DuplicateDate { date });
            }
            let name = h.name.trim();
            if name.is_empty() {
                return Err(FileProblem::EmptyHolidayName { date });
            }
            holidays.push(Holiday { date, name: name.to_owned() });
        }

        let mut working_weekends = Vec::with_capacity(raw.working_weekends.len());
        let mut working_dates = BTreeSet::new();
        for w in raw.working_weekends {
            let date = in_year(&w.date)?;
            if !working_dates.insert(date) {
                return Err(FileProblem::DuplicateDate { date });
            }
            if holiday_dates.contains(&date) {
                return Err(FileProblem::WorkingWeekendIsHoliday { date });
            }
            if !is_weekend(date) {
                return Err(FileProblem::WorkingWeekendNotWeekend { date });
            }
            working_weekends.push(WorkingWeekend { date, note: w.note });
        }

        let mut days_off = Vec::with_capacity(raw.days_off.len());
        let mut off_dates = BTreeSet::new();
        let mut from_dates = BTreeSet::new();
        for o in raw.days_off {
            let date = in_year(&o.date)?;
            let from = toml_date(&o.from)?;
            if !off_dates.insert(date) {
                return Err(FileProblem::DuplicateDate { date });
            }
            if working_dates.contains(&date) {
                return Err(FileProblem::DayOffAndWorkingWeekend { date });
            }
            if holiday_dates.contains(&date) {
                return Err(FileProblem::DayOffOnHoliday { date });
            }
            if is_weekend(date) {
                return Err(FileProblem::DayOffOnWeekend { date });
            }
            if !is_weekend(from) {
                return Err(FileProblem::TransferFromWeekday { date, from });
            }
            if !from_dates.insert(from) {
                return Err(FileProblem::TransferredTwice { from });
            }
            // A plain Saturday or Sunday given away must itself become a working day; days
            // moved from another year's weekends are checked against that year's file only.
            if from.year() == year && !holiday_dates.contains(&from) && !working_dates.contains(&from) {
                return Err(FileProblem::TransferFromPlainWeekend { date, from });
            }
            days_off.push(TransferredDayOff { date, from, basis: o.basis, note: o.note });
        }
        if let Some(w) = working_weekends.iter().find(|w| !from_dates.contains(&w.date)) {
            return Err(FileProblem::WorkingWeekendNotTransferred { date: w.date });
        }
        // Art. 112 part 2: a holiday on a weekend moves its day off, except the January
        // holidays, two of whose days the yearly decree moves as it sees fit.
        if let Some(h) =
            holidays.iter().find(|h| h.date.month() != 1 && is_weekend(h.date) && !from_dates.contains(&h.date))
        {
            return Err(FileProblem::HolidayNotTransferred { date: h.date });
        }

        let mut day_off = Vec::with_capacity(366);
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(FileProblem::YearOutOfRange { year: raw.year })?;
        while day.year() == year {
            let off = (is_weekend(day) && !working_dates.contains(&day))
                || holiday_dates.contains(&day)
                || off_dates.contains(&day);
            day_off.push(off);
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }

        holidays.sort_by_key(|h| h.date);
        days_off.sort_by_key(|o| o.date);
        working_weekends.sort_by_key(|w| w.date);
        Ok(Self {
            year,
            file: file.to_owned(),
            decree: decree.to_owned(),
            sources: raw.sources,
            holidays,
            days_off,
            working_weekends,
            day_off,
        })
    }

    /// The year described.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The file it came from, as named when loaded.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The citation of the decree on moving days off in this year.
    pub fn decree(&self) -> &str {
        &self.decree
    }

    /// Free-text notes on the sources of the data.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// Public holidays, by date.
    pub fn holidays(&self) -> &[Holiday] {
        &self.holidays
    }

    /// Transferred days off, by date.
    pub fn days_off(&self) -> &[TransferredDayOff] {
        &self.days_off
    }

    /// Saturdays and Sundays that are working days, by date.
    pub fn working_weekends(&self) -> &[WorkingWeekend] {
        &self.working_weekends
    }

    /// Whether `date` is a working day; `None` when `date` is in another year.
    pub fn is_working_day(&self, date: NaiveDate) -> Option<bool> {
        if date.year() != self.year {
            return None;
        }
        let index = usize::try_from(date.ordinal0()).ok()?;
        self.day_off.get(index).map(|off| !off)
    }

    /// How many working days the year has (the figure the official calendar publishes).
    pub fn working_days(&self) -> usize {
        self.day_off.iter().filter(|off| !**off).count()
    }
}

static EMBEDDED: LazyLock<Result<ProductionCalendar, CalendarFileError>> =
    LazyLock::new(|| ProductionCalendar::from_files(EMBEDDED_CALENDARS.iter().copied()));

/// The production calendar over every year it has a file for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProductionCalendar {
    years: BTreeMap<i32, CalendarYear>,
}

impl ProductionCalendar {
    /// The calendar compiled into the program from `core/calendars/*.toml`, parsed once.
    ///
    /// Tests check that every shipped file validates, so the error is a build defect; it is
    /// returned rather than panicked on.
    pub fn embedded() -> Result<&'static Self, CalendarFileError> {
        EMBEDDED.as_ref().map_err(Clone::clone)
    }

    /// A calendar of exactly these files, given as `(file name, contents)`. Two files for one
    /// year are refused.
    pub fn from_files<I, N, C>(files: I) -> Result<Self, CalendarFileError>
    where
        I: IntoIterator<Item = (N, C)>,
        N: AsRef<str>,
        C: AsRef<str>,
    {
        let mut years: BTreeMap<i32, CalendarYear> = BTreeMap::new();
        for (name, contents) in files {
            let parsed = CalendarYear::parse(name.as_ref(), contents.as_ref())?;
            if let Some(other) = years.get(&parsed.year) {
                return Err(CalendarFileError {
                    file: parsed.file,
                    problem: FileProblem::DuplicateYear { year: parsed.year, other: other.file.clone() },
                });
            }
            years.insert(parsed.year, parsed);
        }
        Ok(Self { years })
    }

    /// The embedded calendar plus files an administrator supplied (read by the binary from
    /// its configuration directory), given as `(file name, contents)`. A supplied file
    /// replaces the embedded file of its year, or adds a year.
    pub fn with_extra_files<I, N, C>(files: I) -> Result<Self, CalendarFileError>
    where
        I: IntoIterator<Item = (N, C)>,
        N: AsRef<str>,
        C: AsRef<str>,
    {
        let extra = Self::from_files(files)?;
        let mut calendar = Self::embedded()?.clone();
        calendar.years.extend(extra.years);
        Ok(calendar)
    }

    /// The years with a calendar file, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// The last day the calendars cover (31 December of the last year), if any.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.years.keys().next_back().and_then(|y| NaiveDate::from_ymd_opt(*y, 12, 31))
    }

    /// The last covered day when it is less than `days` away from `today`: deadlines of
    /// appeals filed from about then on reach an uncovered year and filing stops, so the next
    /// year's file is due.
    pub fn ends_within(&self, today: NaiveDate, days: i64) -> Option<NaiveDate> {
        self.last_day().filter(|last| (*last - today).num_days() < days)
    }

    /// One year's calendar, if covered.
    pub fn year(&self, year: i32) -> Option<&CalendarYear> {
        self.years.get(&year)
    }

    /// Every covered year's calendar, ascending.
    pub fn years(&self) -> impl Iterator<Item = &CalendarYear> {
        self.years.values()
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        self.years
            .get(&date.year())
            .and_then(|y| y.is_working_day(date))
            .ok_or(CalendarError::YearNotCovered { year: date.year() })
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let next = date.succ_opt().ok_or_else(|| not_covered_after(date))?;
        self.working_day_on_or_after(next)
    }

    /// `date` itself when it is a working day, else the next working day.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        // Ends: every covered year has working days, and an uncovered year is an error.
        while !self.is_working_day(day)? {
            day = day.succ_opt().ok_or_else(|| not_covered_after(day))?;
        }
        Ok(day)
    }

    /// `from + n` calendar days, moved forward to the next working day when it is a day off.
    /// With `n = 0`, `from` itself, moved forward likewise.
    pub fn add_calendar_days(&self, from: NaiveDate, n: u16) -> Result<NaiveDate, CalendarError> {
        let end = from.checked_add_days(Days::new(u64::from(n))).ok_or_else(|| not_covered_after(from))?;
        self.working_day_on_or_after(end)
    }

    /// The `n`-th working day after `from` (`from` itself does not count). With `n = 0`,
    /// `from` when it is a working day, else the next one.
    pub fn add_working_days(&self, from: NaiveDate, n: u16) -> Result<NaiveDate, CalendarError> {
        let mut day = from;
        for _ in 0..n {
            day = self.next_working_day(day)?;
        }
        if n == 0 { self.working_day_on_or_after(from) } else { Ok(day) }
    }

    /// How many working days lie in `(after, through]`; zero when `through <= after`.
    pub fn working_days_between(&self, after: NaiveDate, through: NaiveDate) -> Result<u32, CalendarError> {
        let mut count = 0;
        let mut day = after;
        while day < through {
            day = day.succ_opt().ok_or_else(|| not_covered_after(day))?;
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }

    /// The due date of `term` counted from the Moscow date `start` (the filing day; counting
    /// begins the day after).
    pub fn due_date_from(&self, start: NaiveDate, term: Term) -> Result<NaiveDate, CalendarError> {
        match term.unit() {
            DayUnit::Calendar => self.add_calendar_days(start, term.days()),
            DayUnit::Working => self.add_working_days(start, term.days()),
        }
    }

    /// The due date of `term` for something filed at `filed_at`: counted from the day after
    /// the Moscow date of filing.
    pub fn due_date(&self, filed_at: DateTime<Utc>, term: Term) -> Result<NaiveDate, CalendarError> {
        self.due_date_from(moscow_date(filed_at), term)
    }

    /// 59-ФЗ: the last day to register an appeal received at `filed_at` (3 calendar days).
    pub fn registration_due(&self, filed_at: DateTime<Utc>) -> Result<NaiveDate, CalendarError> {
        self.due_date(filed_at, REGISTRATION_TERM)
    }

    /// 59-ФЗ: the last day to answer an appeal (30 calendar days). The law counts from the
    /// appeal's *registration* (art. 12 part 1), so pass the registration instant; passing
    /// the filing instant gives an earlier, stricter date.
    pub fn answer_due(&self, registered_at: DateTime<Utc>) -> Result<NaiveDate, CalendarError> {
        self.due_date(registered_at, ANSWER_TERM)
    }

    /// 59-ФЗ art. 12 part 2: `current_due` extended by `days` calendar days (1..=30), moved
    /// forward to a working day. That an appeal is extended only once is for its owner to
    /// enforce ([`AnswerDeadline`](super::AnswerDeadline) does, with
    /// [`ExtensionError::AlreadyExtended`]).
    pub fn extend(&self, current_due: NaiveDate, days: u16) -> Result<NaiveDate, ExtensionError> {
        if days == 0 {
            return Err(ExtensionError::ZeroDays);
        }
        if days > MAX_EXTENSION_DAYS {
            return Err(ExtensionError::TooManyDays { days, max: MAX_EXTENSION_DAYS });
        }
        Ok(self.add_calendar_days(current_due, days)?)
    }

    /// Working days left from `today` to `due`: working days in `(today, due]`, or minus the
    /// working days in `(due, today]` when overdue.
    pub fn working_days_left(&self, today: NaiveDate, due: NaiveDate) -> Result<i64, CalendarError> {
        if due >= today {
            Ok(i64::from(self.working_days_between(today, due)?))
        } else {
            Ok(-i64::from(self.working_days_between(due, today)?))
        }
    }

    /// Where a deadline of `unit` stands on `today`: days remaining in that unit, the last
    /// day, or calendar days overdue.
    ///
    /// A working-day deadline with no working day left before a later `due` (a due date on a
    /// day off, from an older calendar) reports calendar days instead of "0 working days".
    pub fn remaining(&self, today: NaiveDate, due: NaiveDate, unit: DayUnit) -> Result<DaysLeft, CalendarError> {
        let calendar_days = days_left(today, due);
        let clamp = |n: i64| u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX);
        Ok(match calendar_days {
            0 => DaysLeft::LastDay,
            n if n < 0 => DaysLeft::Overdue { days: clamp(n) },
            n => match unit {
                DayUnit::Calendar => DaysLeft::Remaining { days: clamp(n), unit: DayUnit::Calendar },
                DayUnit::Working => match self.working_days_between(today, due)? {
                    0 => DaysLeft::Remaining { days: clamp(n), unit: DayUnit::Calendar },
                    w => DaysLeft::Remaining { days: w, unit: DayUnit::Working },
                },
            },
        })
    }
}

impl fmt::Display for ProductionCalendar {
    /// `production calendar for 2025, 2026, 2027`, for logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let years: Vec<String> = self.years.keys().map(i32::to_string).collect();
        write!(f, "production calendar for {}", years.join(", "))
    }
}
