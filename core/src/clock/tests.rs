//! Tests of the clock module: shipped calendars, day arithmetic, phrases and file validation.

// Tests may unwrap (COMMON.md): a panic is the failure report.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc, Weekday};
use proptest::prelude::*;

use super::*;
use crate::i18n::EMBEDDED_CALENDARS;

fn cal() -> &'static ProductionCalendar {
    ProductionCalendar::embedded().unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn cd(n: u16) -> Term {
    Term::calendar(n).unwrap()
}

fn wd(n: u16) -> Term {
    Term::working(n).unwrap()
}

fn not_covered(year: i32) -> CalendarError {
    CalendarError::YearNotCovered { year }
}

// ---------------------------------------------------------------- shipped calendar files

#[test]
fn every_shipped_file_parses_and_validates() {
    assert!(!EMBEDDED_CALENDARS.is_empty());
    for (name, contents) in EMBEDDED_CALENDARS {
        let year = CalendarYear::parse(name, contents).unwrap_or_else(|e| panic!("{e}"));
        assert!(!year.decree().trim().is_empty(), "{name} cites no decree");
        assert!(!year.sources().is_empty(), "{name} has no source notes");
    }
    assert_eq!(cal().covered_years(), vec![2025, 2026, 2027]);
}

#[test]
fn shipped_files_cite_their_decrees() {
    let decree = |y| cal().year(y).unwrap().decree().to_owned();
    assert!(decree(2025).contains("от 04.10.2024 № 1335"), "{}", decree(2025));
    assert!(decree(2025).contains("в 2025 году"));
    assert!(decree(2026).contains("от 24.09.2025 № 1466"), "{}", decree(2026));
    assert!(decree(2026).contains("в 2026 году"));
    assert!(decree(2027).contains("от 17.09.2026 № 1187"), "{}", decree(2027));
    assert!(decree(2027).contains("в 2027 году"));
    // The 2027 citation is from secondary sources: the file must say so.
    assert!(cal().year(2027).unwrap().sources().iter().any(|s| s.contains("pravo.gov.ru") && s.contains("сверить")));
}

#[test]
fn shipped_files_list_every_statutory_holiday() {
    for year in cal().years() {
        let y = year.year();
        let mut expected: Vec<(NaiveDate, &str)> =
            (1..=6).chain([8]).map(|day| (d(y, 1, day), "Новогодние каникулы")).collect();
        expected.extend([
            (d(y, 1, 7), "Рождество Христово"),
            (d(y, 2, 23), "День защитника Отечества"),
            (d(y, 3, 8), "Международный женский день"),
            (d(y, 5, 1), "Праздник Весны и Труда"),
            (d(y, 5, 9), "День Победы"),
            (d(y, 6, 12), "День России"),
            (d(y, 11, 4), "День народного единства"),
        ]);
        expected.sort();
        let listed: Vec<(NaiveDate, &str)> = year.holidays().iter().map(|h| (h.date, h.name.as_str())).collect();
        assert_eq!(listed, expected, "{}", year.file());
    }
}

/// Asserts that the year's days off are exactly the given rest periods plus the remaining
/// Saturdays and Sundays, minus the working weekends.
fn assert_rest_periods(year: i32, periods: &[(NaiveDate, NaiveDate)], working_weekends: &[NaiveDate]) {
    let mut day = d(year, 1, 1);
    while day.year() == year {
        let in_period = periods.iter().any(|(a, b)| (*a..=*b).contains(&day));
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected_off = in_period || (weekend && !working_weekends.contains(&day));
        assert_eq!(cal().is_working_day(day).unwrap(), !expected_off, "{day} ({})", day.weekday());
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn calendar_2025_follows_decree_1335() {
    assert_rest_periods(
        2025,
        &[
            (d(2025, 1, 1), d(2025, 1, 8)),
            (d(2025, 2, 22), d(2025, 2, 23)),
            (d(2025, 3, 8), d(2025, 3, 9)),
            (d(2025, 5, 1), d(2025, 5, 4)),
            (d(2025, 5, 8), d(2025, 5, 11)),
            (d(2025, 6, 12), d(2025, 6, 15)),
            (d(2025, 11, 2), d(2025, 11, 4)),
            (d(2025, 12, 31), d(2025, 12, 31)),
        ],
        &[d(2025, 11, 1)],
    );
    assert_eq!(cal().year(2025).unwrap().working_days(), 247);
    let c = cal();
    assert!(c.is_working_day(d(2025, 11, 1)).unwrap(), "Saturday 1 Nov is a working day");
    assert!(!c.is_working_day(d(2025, 11, 3)).unwrap(), "moved from 1 Nov");
    assert!(!c.is_working_day(d(2025, 5, 2)).unwrap(), "moved from 4 Jan");
    assert!(!c.is_working_day(d(2025, 5, 8)).unwrap(), "moved from 23 Feb");
    assert!(!c.is_working_day(d(2025, 6, 13)).unwrap(), "moved from 8 Mar");
    assert!(!c.is_working_day(d(2025, 12, 31)).unwrap(), "moved from 5 Jan");
    assert!(c.is_working_day(d(2025, 2, 24)).unwrap(), "23 Feb was moved to May, not to the Monday");
    assert!(c.is_working_day(d(2025, 3, 10)).unwrap());
}

#[test]
fn calendar_2026_follows_decree_1466() {
    assert_rest_periods(
        2026,
        &[
            (d(2026, 1, 1), d(2026, 1, 11)),
            (d(2026, 2, 21), d(2026, 2, 23)),
            (d(2026, 3, 7), d(2026, 3, 9)),
            (d(2026, 5, 1), d(2026, 5, 3)),
            (d(2026, 5, 9), d(2026, 5, 11)),
            (d(2026, 6, 12), d(2026, 6, 14)),
            (d(2026, 11, 4), d(2026, 11, 4)),
            (d(2026, 12, 31), d(2026, 12, 31)),
        ],
        &[],
    );
    assert_eq!(cal().year(2026).unwrap().working_days(), 247);
    let c = cal();
    assert!(!c.is_working_day(d(2026, 1, 9)).unwrap(), "moved from 3 Jan");
    assert!(c.is_working_day(d(2026, 1, 12)).unwrap());
    assert!(!c.is_working_day(d(2026, 3, 9)).unwrap(), "8 Mar is a Sunday: art. 112 part 2");
    assert!(!c.is_working_day(d(2026, 5, 11)).unwrap(), "9 May is a Saturday: art. 112 part 2");
    assert!(c.is_working_day(d(2026, 11, 5)).unwrap());
    assert!(!c.is_working_day(d(2026, 12, 31)).unwrap(), "moved from 4 Jan");
    assert!(cal().year(2026).unwrap().working_weekends().is_empty());
}

#[test]
fn calendar_2027_follows_decree_1187() {
    assert_rest_periods(
        2027,
        &[
            (d(2027, 1, 1), d(2027, 1, 10)),
            (d(2027, 2, 21), d(2027, 2, 23)),
            (d(2027, 3, 6), d(2027, 3, 8)),
            (d(2027, 5, 1), d(2027, 5, 3)),
            (d(2027, 5, 8), d(2027, 5, 10)),
            (d(2027, 6, 12), d(2027, 6, 14)),
            (d(2027, 11, 4), d(2027, 11, 7)),
            (d(2027, 12, 31), d(2027, 12, 31)),
        ],
        &[d(2027, 2, 20)],
    );
    // By hand: 2027 starts and ends on a Friday, so it has 52 Saturdays, 52 Sundays and 261
    // weekdays. Weekdays off in the rest periods: 1, 4–8 Jan (6), 22–23 Feb (2), 8 Mar (1),
    // 3 May (1), 10 May (1), 14 Jun (1), 4–5 Nov (2), 31 Dec (1) = 15; plus Saturday 20 Feb
    // worked: 261 − 15 + 1 = 247 working days.
    assert_eq!(cal().year(2027).unwrap().working_days(), 247);
    let c = cal();
    assert!(c.is_working_day(d(2027, 2, 20)).unwrap(), "Saturday 20 Feb is a working day");
    assert!(!c.is_working_day(d(2027, 2, 22)).unwrap(), "moved from 20 Feb");
    assert!(!c.is_working_day(d(2027, 11, 5)).unwrap(), "moved from 2 Jan");
    assert!(!c.is_working_day(d(2027, 12, 31)).unwrap(), "moved from 3 Jan");
    assert!(!c.is_working_day(d(2027, 6, 14)).unwrap(), "12 Jun is a Saturday: art. 112 part 2");
    assert!(c.is_working_day(d(2027, 1, 11)).unwrap());
}

// ---------------------------------------------------------------- Moscow dates

#[test]
fn moscow_date_is_utc_plus_three() {
    assert_eq!(moscow_date(utc("2026-03-05T20:59:59Z")), d(2026, 3, 5));
    assert_eq!(moscow_date(utc("2026-03-05T21:00:00Z")), d(2026, 3, 6));
    assert_eq!(moscow_date(utc("2026-03-05T23:30:00Z")), d(2026, 3, 6), "02:30 MSK");
    assert_eq!(moscow_date(utc("2026-07-01T00:00:00Z")), d(2026, 7, 1), "no summer time");
    assert_eq!(moscow_date(utc("2026-12-31T21:00:00Z")), d(2027, 1, 1));
    assert_eq!(moscow_now_date(&FixedClock(utc("2025-12-31T22:15:00Z"))), d(2026, 1, 1));
    let dyn_clock: &dyn Clock = &FixedClock(utc("2025-06-01T10:00:00Z"));
    assert_eq!(moscow_now_date(dyn_clock), d(2025, 6, 1));
}

#[test]
fn filing_at_2330_utc_counts_from_the_next_moscow_day() {
    let c = cal();
    // Thursday 5 March 2026, 23:30 UTC is Friday 6 March, 02:30 in Moscow. One calendar day
    // later is Saturday 7 March; 8 March (holiday) and 9 March (its day off) follow.
    assert_eq!(c.due_date(utc("2026-03-05T23:30:00Z"), cd(1)).unwrap(), d(2026, 3, 10));
    // The same Thursday at 23:30 Moscow time is still Thursday.
    assert_eq!(c.due_date(utc("2026-03-05T20:30:00Z"), cd(1)).unwrap(), d(2026, 3, 6));
    // Thursday 19 February 2026, 23:30 UTC is Friday 20 February in Moscow; 21–23 Feb are off.
    assert_eq!(c.due_date(utc("2026-02-19T23:30:00Z"), wd(1)).unwrap(), d(2026, 2, 24));
    assert_eq!(c.due_date(utc("2026-02-19T12:00:00Z"), wd(1)).unwrap(), d(2026, 2, 20));
}

// ---------------------------------------------------------------- day arithmetic

#[test]
fn calendar_days_end_on_the_next_working_day() {
    let c = cal();
    // Filed Wednesday 30 April 2025: +3 = Saturday 3 May, within 1–4 May → Monday 5 May.
    assert_eq!(c.registration_due(utc("2025-04-30T07:00:00Z")).unwrap(), d(2025, 5, 5));
    // +3 from Tuesday 10 June 2025 = Friday 13 June, moved from 8 March → Monday 16 June.
    assert_eq!(c.add_calendar_days(d(2025, 6, 10), 3).unwrap(), d(2025, 6, 16));
    // An end on the working Saturday 1 November 2025 stays there.
    assert_eq!(c.add_calendar_days(d(2025, 10, 25), 7).unwrap(), d(2025, 11, 1));
    // An end on a working day is not moved.
    assert_eq!(c.add_calendar_days(d(2025, 3, 3), 30).unwrap(), d(2025, 4, 2));
    // 30 days from Tuesday 2 December 2025 = 1 January 2026 → Monday 12 January 2026.
    assert_eq!(c.answer_due(utc("2025-12-02T09:00:00Z")).unwrap(), d(2026, 1, 12));
    // n = 0: the day itself, moved forward.
    assert_eq!(c.add_calendar_days(d(2026, 3, 7), 0).unwrap(), d(2026, 3, 10));
    assert_eq!(c.add_calendar_days(d(2026, 3, 6), 0).unwrap(), d(2026, 3, 6));
}

#[test]
fn working_days_skip_holidays_and_transfers_and_count_working_weekends() {
    let c = cal();
    // From Wednesday 30 April 2025: 1–4 May off, then 5, 6, 7 May, then 8–11 May off.
    assert_eq!(c.add_working_days(d(2025, 4, 30), 1).unwrap(), d(2025, 5, 5));
    assert_eq!(c.add_working_days(d(2025, 4, 30), 3).unwrap(), d(2025, 5, 7));
    assert_eq!(c.add_working_days(d(2025, 4, 30), 4).unwrap(), d(2025, 5, 12));
    // Friday 31 October 2025: Saturday 1 November works; 2–4 November are off.
    assert_eq!(c.add_working_days(d(2025, 10, 31), 1).unwrap(), d(2025, 11, 1));
    assert_eq!(c.add_working_days(d(2025, 10, 31), 2).unwrap(), d(2025, 11, 5));
    // Filed on Sunday 8 March 2026 (a holiday): Monday 9 March is its day off.
    assert_eq!(c.add_working_days(d(2026, 3, 8), 1).unwrap(), d(2026, 3, 10));
    // Ten working days across the January holidays of 2026: 29, 30 Dec; 12–16, 19, 20, 21 Jan.
    assert_eq!(c.add_working_days(d(2025, 12, 26), 10).unwrap(), d(2026, 1, 21));
    // n = 0: the day itself if it works, else the next working day.
    assert_eq!(c.add_working_days(d(2026, 3, 6), 0).unwrap(), d(2026, 3, 6));
    assert_eq!(c.add_working_days(d(2026, 3, 7), 0).unwrap(), d(2026, 3, 10));
    assert_eq!(c.next_working_day(d(2026, 3, 6)).unwrap(), d(2026, 3, 10));
    assert_eq!(c.next_working_day(d(2026, 3, 10)).unwrap(), d(2026, 3, 11));
    assert_eq!(c.working_day_on_or_after(d(2026, 3, 10)).unwrap(), d(2026, 3, 10));
}

#[test]
fn service_terms_in_either_unit() {
    let c = cal();
    let filed = utc("2026-06-08T10:00:00Z"); // Monday 8 June 2026
    // 5 working days: 9, 10, 11 June, then 12–14 June off, 15, 16 June.
    assert_eq!(c.due_date(filed, wd(5)).unwrap(), d(2026, 6, 16));
    // 5 calendar days: Saturday 13 June → Monday 15 June.
    assert_eq!(c.due_date(filed, cd(5)).unwrap(), d(2026, 6, 15));
    assert_eq!(c.due_date_from(d(2026, 6, 8), wd(5)).unwrap(), d(2026, 6, 16));
}

#[test]
fn deadlines_cross_into_2027() {
    let c = cal();
    let filed = utc("2026-12-28T07:00:00Z"); // Monday 28 December 2026, 10:00 MSK
    // +30 = Wednesday 27 January 2027, a working day.
    assert_eq!(c.due_date(filed, cd(30)).unwrap(), d(2027, 1, 27));
    assert_eq!(c.answer_due(filed).unwrap(), d(2027, 1, 27));
    // 29, 30 December; 31 December 2026 and 1–10 January 2027 off; 11, 12, 13 January.
    assert_eq!(c.due_date(filed, wd(5)).unwrap(), d(2027, 1, 13));
    // +3 = Thursday 31 December 2026 (off) → Monday 11 January 2027.
    assert_eq!(c.registration_due(filed).unwrap(), d(2027, 1, 11));
}

#[test]
fn a_date_beyond_the_shipped_years_is_a_loud_error() {
    let c = cal();
    assert_eq!(c.due_date(utc("2027-12-20T07:00:00Z"), cd(30)), Err(not_covered(2028)));
    assert_eq!(c.is_working_day(d(2028, 6, 1)), Err(not_covered(2028)));
    assert_eq!(c.is_working_day(d(2024, 12, 31)), Err(not_covered(2024)));
    // 31 December 2027 is a day off: the end would move into 2028, which is unknown.
    assert_eq!(c.add_calendar_days(d(2027, 12, 30), 1), Err(not_covered(2028)));
    assert_eq!(c.add_working_days(d(2027, 12, 29), 1), Ok(d(2027, 12, 30)));
    assert_eq!(c.add_working_days(d(2027, 12, 29), 2), Err(not_covered(2028)));
    assert_eq!(c.working_days_between(d(2027, 12, 1), d(2028, 1, 15)), Err(not_covered(2028)));
    assert_eq!(c.add_calendar_days(NaiveDate::MAX, 1), Err(not_covered(NaiveDate::MAX.year() + 1)));
}

#[test]
fn year_not_covered_tells_which_file_is_missing() {
    let e = not_covered(2028);
    let ru = e.message(Lang::Ru);
    assert!(ru.contains("нет производственного календаря на 2028 год"), "{ru}");
    assert!(ru.contains("2028.toml"), "{ru}");
    assert!(ru.contains("в 2028 году"), "{ru}");
    let en = e.message(Lang::En);
    assert!(en.contains("no production calendar for 2028") && en.contains("2028.toml"), "{en}");
    let with_dir = e.message_with_dir(Lang::Ru, "/etc/ereception/calendars");
    assert!(with_dir.contains("в папку /etc/ereception/calendars"), "{with_dir}");
    assert!(e.to_string().contains("2028.toml"));
    // what a clerk reads when a decision needs that year: Russian, not the English error text
    let decided = crate::store::appeals::DecideError::Calendar(e).message().render(Lang::Ru);
    assert!(decided.starts_with("Срок не рассчитан: нет производственного календаря на 2028 год"), "{decided}");
}

// ---------------------------------------------------------------- 59-ФЗ extension

#[test]
fn extension_is_one_to_thirty_calendar_days() {
    let c = cal();
    assert_eq!(c.extend(d(2026, 2, 2), 0), Err(ExtensionError::ZeroDays));
    assert_eq!(c.extend(d(2026, 2, 2), 31), Err(ExtensionError::TooManyDays { days: 31, max: 30 }));
    assert_eq!(c.extend(d(2026, 2, 2), 30), Ok(d(2026, 3, 4)));
    // Friday 6 February 2026 + 30 = Sunday 8 March → Tuesday 10 March.
    assert_eq!(c.extend(d(2026, 2, 6), 30), Ok(d(2026, 3, 10)));
    assert_eq!(c.extend(d(2027, 12, 20), 30), Err(ExtensionError::Calendar(not_covered(2028))));
}

#[test]
fn answer_deadline_extends_only_once() {
    let c = cal();
    let clock = AnswerDeadline::start(c, utc("2026-02-02T08:00:00Z")).unwrap();
    assert_eq!(clock.due(), d(2026, 3, 4));
    assert_eq!(clock.extension(), None);
    let extended = clock.extend(c, 10).unwrap();
    assert_eq!(extended.original_due(), d(2026, 3, 4));
    // 4 March + 10 = Saturday 14 March → Monday 16 March.
    assert_eq!(extended.due(), d(2026, 3, 16));
    assert_eq!(extended.extension(), Some(Extension { days: 10, due: d(2026, 3, 16) }));
    assert_eq!(extended.extend(c, 5), Err(ExtensionError::AlreadyExtended));
    assert_eq!(clock.extend(c, 45), Err(ExtensionError::TooManyDays { days: 45, max: 30 }));
    let restored = AnswerDeadline::restore(d(2026, 3, 4), extended.extension());
    assert_eq!(restored, extended);
    assert_eq!(restored.extend(c, 1), Err(ExtensionError::AlreadyExtended));
}

#[test]
fn extension_errors_speak_to_the_clerk() {
    assert_eq!(
        ExtensionError::TooManyDays { days: 45, max: 30 }.message(Lang::Ru),
        "Срок рассмотрения можно продлить не более чем на 30 дней, а указано 45."
    );
    assert!(ExtensionError::AlreadyExtended.message(Lang::Ru).contains("только один раз"));
    assert!(ExtensionError::AlreadyExtended.message(Lang::En).contains("only once"));
    assert!(ExtensionError::Calendar(not_covered(2028)).message(Lang::Ru).contains("2028.toml"));
    assert!(!ExtensionError::ZeroDays.message(Lang::Ru).starts_with("clock-"));
}

// ---------------------------------------------------------------- days left

#[test]
fn days_left_counts_calendar_and_working_days() {
    let c = cal();
    assert_eq!(days_left(d(2026, 2, 20), d(2026, 2, 24)), 4);
    assert_eq!(days_left(d(2026, 2, 24), d(2026, 2, 24)), 0);
    assert_eq!(days_left(d(2026, 2, 27), d(2026, 2, 24)), -3);
    // Friday 20 → Tuesday 24 February 2026: only the 24th is a working day.
    assert_eq!(c.working_days_left(d(2026, 2, 20), d(2026, 2, 24)), Ok(1));
    assert_eq!(c.working_days_left(d(2026, 2, 24), d(2026, 2, 24)), Ok(0));
    // Overdue since Friday 20 February; on Wednesday 25th: 24 and 25 were working days.
    assert_eq!(c.working_days_left(d(2026, 2, 25), d(2026, 2, 20)), Ok(-2));

    assert_eq!(
        c.remaining(d(2026, 2, 20), d(2026, 2, 24), DayUnit::Working),
        Ok(DaysLeft::Remaining { days: 1, unit: DayUnit::Working })
    );
    assert_eq!(
        c.remaining(d(2026, 2, 20), d(2026, 2, 24), DayUnit::Calendar),
        Ok(DaysLeft::Remaining { days: 4, unit: DayUnit::Calendar })
    );
    assert_eq!(c.remaining(d(2026, 2, 24), d(2026, 2, 24), DayUnit::Working), Ok(DaysLeft::LastDay));
    let overdue = c.remaining(d(2026, 2, 27), d(2026, 2, 24), DayUnit::Working).unwrap();
    assert_eq!(overdue, DaysLeft::Overdue { days: 3 });
    assert!(overdue.is_overdue());
    // A working-day due date that is itself a day off, with none left before it.
    assert_eq!(
        c.remaining(d(2026, 2, 20), d(2026, 2, 22), DayUnit::Working),
        Ok(DaysLeft::Remaining { days: 2, unit: DayUnit::Calendar })
    );
    assert_eq!(c.remaining(d(2027, 12, 1), d(2028, 1, 15), DayUnit::Working), Err(not_covered(2028)));
}

#[test]
fn russian_phrases_for_days_left_decline_right() {
    let phrase = |l: DaysLeft| l.phrase(Lang::Ru);
    let cal_left = |days| phrase(DaysLeft::Remaining { days, unit: DayUnit::Calendar });
    let work_left = |days| phrase(DaysLeft::Remaining { days, unit: DayUnit::Working });
    let overdue = |days| phrase(DaysLeft::Overdue { days });

    assert_eq!(cal_left(1), "остался 1 день");
    assert_eq!(cal_left(2), "осталось 2 дня");
    assert_eq!(cal_left(5), "осталось 5 дней");
    assert_eq!(cal_left(11), "осталось 11 дней");
    assert_eq!(cal_left(21), "остался 21 день");

    assert_eq!(work_left(1), "остался 1 рабочий день");
    assert_eq!(work_left(2), "осталось 2 рабочих дня");
    assert_eq!(work_left(5), "осталось 5 рабочих дней");
    assert_eq!(work_left(11), "осталось 11 рабочих дней");
    assert_eq!(work_left(21), "остался 21 рабочий день");

    assert_eq!(overdue(1), "просрочено на 1 день");
    assert_eq!(overdue(2), "просрочено на 2 дня");
    assert_eq!(overdue(3), "просрочено на 3 дня");
    assert_eq!(overdue(5), "просрочено на 5 дней");
    assert_eq!(overdue(11), "просрочено на 11 дней");
    assert_eq!(overdue(21), "просрочено на 21 день");

    assert_eq!(phrase(DaysLeft::LastDay), "сегодня последний день");
}

#[test]
fn english_phrases_for_days_left() {
    let phrase = |l: DaysLeft| l.phrase(Lang::En);
    assert_eq!(phrase(DaysLeft::Remaining { days: 1, unit: DayUnit::Working }), "1 working day left");
    assert_eq!(phrase(DaysLeft::Remaining { days: 2, unit: DayUnit::Working }), "2 working days left");
    assert_eq!(phrase(DaysLeft::Remaining { days: 21, unit: DayUnit::Calendar }), "21 days left");
    assert_eq!(phrase(DaysLeft::Remaining { days: 1, unit: DayUnit::Calendar }), "1 day left");
    assert_eq!(phrase(DaysLeft::LastDay), "today is the last day");
    assert_eq!(phrase(DaysLeft::Overdue { days: 1 }), "overdue by 1 day");
    assert_eq!(phrase(DaysLeft::Overdue { days: 3 }), "overdue by 3 days");
}

// ---------------------------------------------------------------- units and terms

#[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
struct Rule {
    term: Term,
}

#[test]
fn day_units_spell_and_parse() {
    for unit in DayUnit::ALL {
        assert_eq!(unit.as_str().parse::<DayUnit>(), Ok(unit));
        assert_eq!(unit.to_string(), unit.as_str());
    }
    assert_eq!(" Рабочие ".parse::<DayUnit>(), Ok(DayUnit::Working));
    assert_eq!("календарных".parse::<DayUnit>(), Ok(DayUnit::Calendar));
    let err = "weeks".parse::<DayUnit>().unwrap_err();
    assert_eq!(err, UnknownDayUnit("weeks".into()));
    assert!(err.message(Lang::Ru).contains("«weeks»"));
}

#[test]
fn terms_serialize_as_lowercase_units_and_refuse_zero() {
    let rule: Rule = toml::from_str("term = { days = 5, unit = \"working\" }").unwrap();
    assert_eq!(rule.term, wd(5));
    assert_eq!(rule.term.days(), 5);
    assert_eq!(rule.term.unit(), DayUnit::Working);
    let text = toml::to_string(&Rule { term: cd(30) }).unwrap();
    assert!(text.contains("unit = \"calendar\""), "{text}");
    assert_eq!(toml::from_str::<Rule>(&text).unwrap().term, cd(30));
    assert!(toml::from_str::<Rule>("term = { days = 0, unit = \"calendar\" }").is_err());
    assert!(toml::from_str::<Rule>("term = { days = 3, unit = \"Calendar\" }").is_err());
    assert_eq!(Term::new(0, DayUnit::Working), Err(TermError::ZeroDays));
    assert_eq!(REGISTRATION_TERM, cd(3));
    assert_eq!(ANSWER_TERM, cd(30));
    assert_eq!(ANSWER_TERM.describe(Lang::Ru), "30 календарных дней");
    assert_eq!(wd(21).describe(Lang::Ru), "21 рабочий день");
    assert_eq!(wd(2).describe(Lang::En), "2 working days");
    assert_eq!(wd(5).to_string(), "5 working days");
}

// ---------------------------------------------------------------- calendar file validation

/// A valid file: 1 January 2030 is a Tuesday.
const BASE_2030: &str = r#"
year = 2030
decree = "Постановление Правительства РФ № 1 (тестовое)"
holidays = [ { date = 2030-01-01, name = "Новогодние каникулы" } ]
"#;

fn problem(name: &str, contents: &str) -> FileProblem {
    let err = CalendarYear::parse(name, contents).unwrap_err();
    assert_eq!(err.file, name);
    err.problem
}

fn with_2030(extra: &str) -> String {
    format!("{BASE_2030}\n{extra}")
}

#[test]
fn a_minimal_file_is_valid() {
    let y = CalendarYear::parse("/etc/ereception/calendars/2030.toml", BASE_2030).unwrap();
    assert_eq!(y.year(), 2030);
    assert_eq!(y.is_working_day(d(2030, 1, 1)), Some(false));
    assert_eq!(y.is_working_day(d(2030, 1, 2)), Some(true));
    assert_eq!(y.is_working_day(d(2030, 1, 5)), Some(false));
    assert_eq!(y.is_working_day(d(2031, 1, 2)), None);
    assert_eq!(y.working_days(), 261 - 1);
}

#[test]
fn bad_calendar_files_are_refused_with_the_reason() {
    let ok = "2030.toml";
    assert!(matches!(problem(ok, "year = "), FileProblem::Syntax { .. }));
    assert!(matches!(problem(ok, &with_2030("holiday = []")), FileProblem::Syntax { .. }));
    assert!(matches!(
        problem(ok, &with_2030("days_off = [ { date = 2030-01-02, from = 2030-01-05, basis = \"whim\" } ]")),
        FileProblem::Syntax { .. }
    ));
    assert_eq!(problem("2031.toml", BASE_2030), FileProblem::NameMismatch { year: 2030 });
    assert_eq!(problem("calendar.toml", BASE_2030), FileProblem::NameMismatch { year: 2030 });
    assert_eq!(problem("2010.toml", &BASE_2030.replace("2030", "2010")), FileProblem::YearOutOfRange { year: 2010 });
    assert_eq!(
        problem(ok, &BASE_2030.replace("Постановление Правительства РФ № 1 (тестовое)", "  ")),
        FileProblem::NoDecree
    );
    assert_eq!(problem(ok, "year = 2030\ndecree = \"x\"\nholidays = []"), FileProblem::NoHolidays);
    assert_eq!(
        problem(ok, &BASE_2030.replace("date = 2030-01-01", "date = 2031-01-01")),
        FileProblem::OutsideYear { date: d(2031, 1, 1), year: 2030 }
    );
    assert_eq!(
        problem(ok, &BASE_2030.replace("date = 2030-01-01", "date = 2030-01-01T10:00:00")),
        FileProblem::NotADate { value: "2030-01-01T10:00:00".into() }
    );
    assert_eq!(
        problem(ok, &BASE_2030.replace("name = \"Новогодние каникулы\"", "name = \" \"")),
        FileProblem::EmptyHolidayName { date: d(2030, 1, 1) }
    );
    assert_eq!(
        problem(
            ok,
            &BASE_2030.replace(
                "{ date = 2030-01-01, name = \"Новогодние каникулы\" }",
                "{ date = 2030-01-01, name = \"a\" }, { date = 2030-01-01, name = \"b\" }"
            )
        ),
        FileProblem::DuplicateDate { date: d(2030, 1, 1) }
    );
}

#[test]
fn transfers_and_working_weekends_must_be_consistent() {
    let ok = "2030.toml";
    // Saturday 5 January 2030 both worked and a day off.
    assert_eq!(
        problem(
            ok,
            &with_2030(
                "working_weekends = [ { date = 2030-01-05 } ]\n\
                 days_off = [ { date = 2030-01-05, from = 2030-01-06, basis = \"decree\" } ]"
            )
        ),
        FileProblem::DayOffAndWorkingWeekend { date: d(2030, 1, 5) }
    );
    assert_eq!(
        problem(ok, &with_2030("working_weekends = [ { date = 2030-01-02 } ]")),
        FileProblem::WorkingWeekendNotWeekend { date: d(2030, 1, 2) }
    );
    assert_eq!(
        problem(ok, &with_2030("working_weekends = [ { date = 2030-01-05 } ]")),
        FileProblem::WorkingWeekendNotTransferred { date: d(2030, 1, 5) }
    );
    assert_eq!(
        problem(
            ok,
            &(BASE_2030.replace(
                "{ date = 2030-01-01, name = \"Новогодние каникулы\" }",
                "{ date = 2030-01-01, name = \"a\" }, { date = 2030-01-05, name = \"b\" }"
            ) + "working_weekends = [ { date = 2030-01-05 } ]")
        ),
        FileProblem::WorkingWeekendIsHoliday { date: d(2030, 1, 5) }
    );
    assert_eq!(
        problem(
            ok,
            &with_2030(
                "working_weekends = [ { date = 2030-01-05 } ]\n\
                 days_off = [ { date = 2030-01-06, from = 2030-01-05, basis = \"decree\" } ]"
            )
        ),
        FileProblem::DayOffOnWeekend { date: d(2030, 1, 6) }
    );
    assert_eq!(
        problem(ok, &with_2030("days_off = [ { date = 2030-01-01, from = 2030-01-05, basis = \"decree\" } ]")),
        FileProblem::DayOffOnHoliday { date: d(2030, 1, 1) }
    );
    assert_eq!(
        problem(ok, &with_2030("days_off = [ { date = 2030-01-02, from = 2030-01-03, basis = \"decree\" } ]")),
        FileProblem::TransferFromWeekday { date: d(2030, 1, 2), from: d(2030, 1, 3) }
    );
    assert_eq!(
        problem(ok, &with_2030("days_off = [ { date = 2030-01-07, from = 2030-01-05, basis = \"decree\" } ]")),
        FileProblem::TransferFromPlainWeekend { date: d(2030, 1, 7), from: d(2030, 1, 5) }
    );
    assert_eq!(
        problem(
            ok,
            &with_2030(
                "working_weekends = [ { date = 2030-01-05 } ]\n\
                 days_off = [ { date = 2030-01-07, from = 2030-01-05, basis = \"decree\" },\n\
                              { date = 2030-01-08, from = 2030-01-05, basis = \"decree\" } ]"
            )
        ),
        FileProblem::TransferredTwice { from: d(2030, 1, 5) }
    );
    // The same shape, once, is valid: Saturday 5 January worked, Monday 7 January off.
    let y = CalendarYear::parse(
        ok,
        &with_2030(
            "working_weekends = [ { date = 2030-01-05, note = \"рабочая суббота\" } ]\n\
             days_off = [ { date = 2030-01-07, from = 2030-01-05, basis = \"decree\" } ]",
        ),
    )
    .unwrap();
    assert_eq!(y.is_working_day(d(2030, 1, 5)), Some(true));
    assert_eq!(y.is_working_day(d(2030, 1, 7)), Some(false));
    assert_eq!(y.days_off()[0].basis, TransferBasis::Decree);
    assert_eq!(y.working_weekends()[0].note.as_deref(), Some("рабочая суббота"));
}

#[test]
fn a_weekend_holiday_outside_january_needs_its_day_off() {
    // Saturday 9 March 2030 as a holiday, with and without its Monday.
    let holidays = "{ date = 2030-01-01, name = \"Новогодние каникулы\" }, { date = 2030-03-09, name = \"Тест\" }";
    let file = BASE_2030.replace("{ date = 2030-01-01, name = \"Новогодние каникулы\" }", holidays);
    assert_eq!(problem("2030.toml", &file), FileProblem::HolidayNotTransferred { date: d(2030, 3, 9) });
    let fixed = format!("{file}\ndays_off = [ {{ date = 2030-03-11, from = 2030-03-09, basis = \"automatic\" }} ]");
    let y = CalendarYear::parse("2030.toml", &fixed).unwrap();
    assert_eq!(y.is_working_day(d(2030, 3, 11)), Some(false));
    // A January holiday on a weekend is moved (or not) by the decree: no error.
    let january = BASE_2030.replace("2030-01-01", "2030-01-05");
    assert!(CalendarYear::parse("2030.toml", &january).is_ok());
}

#[test]
fn file_errors_speak_to_the_administrator() {
    let err = CalendarYear::parse("2031.toml", BASE_2030).unwrap_err();
    assert_eq!(
        err.message(Lang::Ru),
        "Файл производственного календаря 2031.toml: файл описывает 2030 год, поэтому должен называться 2030.toml"
    );
    assert_eq!(
        err.message(Lang::En),
        "Production calendar file 2031.toml: the file describes 2030, so it must be named 2030.toml"
    );
    assert_eq!(err.to_string(), "calendar file 2031.toml: the file describes 2030, so it must be named 2030.toml");
    let dated = FileProblem::TransferFromPlainWeekend { date: d(2030, 1, 7), from: d(2030, 1, 5) };
    assert!(dated.message(Lang::Ru).contains("07.01.2030"), "{}", dated.message(Lang::Ru));
    assert!(dated.message(Lang::En).contains("2030-01-05"));
}

#[test]
fn an_administrator_can_add_or_replace_a_year() {
    let file_2028 = "year = 2028\ndecree = \"Постановление (тестовое)\"\n\
                     holidays = [ { date = 2028-01-03, name = \"Новогодние каникулы\" } ]";
    let c = ProductionCalendar::with_extra_files([("2028.toml", file_2028)]).unwrap();
    assert_eq!(c.covered_years(), vec![2025, 2026, 2027, 2028]);
    assert_eq!(c.due_date(utc("2027-12-20T07:00:00Z"), cd(30)), Ok(d(2028, 1, 19)));
    assert_eq!(c.is_working_day(d(2028, 1, 3)), Ok(false));
    assert_eq!(c.is_working_day(d(2028, 1, 4)), Ok(true));

    // A supplied 2027 file replaces the shipped one.
    let file_2027 = "year = 2027\ndecree = \"Исправленное постановление\"\n\
                     holidays = [ { date = 2027-01-01, name = \"Новогодние каникулы\" } ]";
    let owned = vec![("calendars/2027.toml".to_owned(), file_2027.to_owned())];
    let c = ProductionCalendar::with_extra_files(owned).unwrap();
    assert_eq!(c.is_working_day(d(2027, 1, 4)), Ok(true));
    assert_eq!(c.year(2027).unwrap().decree(), "Исправленное постановление");
    assert_eq!(c.year(2027).unwrap().file(), "calendars/2027.toml");
    // The embedded calendar is untouched.
    assert_eq!(cal().is_working_day(d(2027, 1, 4)), Ok(false));

    // A bad file, or two for one year, is refused with its name.
    let err = ProductionCalendar::with_extra_files([("2029.toml", file_2028)]).unwrap_err();
    assert_eq!(err, CalendarFileError { file: "2029.toml".into(), problem: FileProblem::NameMismatch { year: 2028 } });
    let err =
        ProductionCalendar::with_extra_files([("2028.toml", file_2028), ("more/2028.toml", file_2028)]).unwrap_err();
    assert_eq!(err.file, "more/2028.toml");
    assert_eq!(err.problem, FileProblem::DuplicateYear { year: 2028, other: "2028.toml".into() });
    assert!(err.message(Lang::Ru).contains("уже задан файлом 2028.toml"));
    assert_eq!(ProductionCalendar::with_extra_files(Vec::<(&str, &str)>::new()).unwrap(), *cal());
}

// ---------------------------------------------------------------- properties

/// Dates in the shipped years from which 300 calendar or 200 working days stay covered.
fn start_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..730).prop_map(|offset| d(2025, 1, 1) + Days::new(offset))
}

proptest! {
    #[test]
    fn add_working_days_lands_on_the_nth_working_day(from in start_date(), n in 1u16..=200) {
        let c = cal();
        let due = c.add_working_days(from, n).unwrap();
        prop_assert!(c.is_working_day(due).unwrap());
        prop_assert!(due > from);
        prop_assert_eq!(c.working_days_between(from, due).unwrap(), u32::from(n));
        prop_assert_eq!(c.working_days_left(from, due).unwrap(), i64::from(n));
    }

    #[test]
    fn add_working_days_is_strictly_increasing(from in start_date(), n in 1u16..200) {
        let c = cal();
        prop_assert!(c.add_working_days(from, n + 1).unwrap() > c.add_working_days(from, n).unwrap());
    }

    #[test]
    fn add_calendar_days_is_the_first_working_day_from_d_plus_n(from in start_date(), n in 0u16..=300) {
        let c = cal();
        let due = c.add_calendar_days(from, n).unwrap();
        let plain = from + Days::new(u64::from(n));
        prop_assert!(c.is_working_day(due).unwrap());
        prop_assert!(due >= plain);
        let mut day = plain;
        while day < due {
            prop_assert!(!c.is_working_day(day).unwrap(), "{} skipped a working day {}", due, day);
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn due_date_counts_from_the_moscow_date(secs in 0i64..(730 * 86_400), days in 1u16..=60, working in any::<bool>()) {
        let c = cal();
        let at = utc("2025-01-01T00:00:00Z") + TimeDelta::seconds(secs);
        let moscow = moscow_date(at);
        prop_assert_eq!(moscow, (at + TimeDelta::hours(3)).date_naive());
        let term = Term::new(days, if working { DayUnit::Working } else { DayUnit::Calendar }).unwrap();
        let due = c.due_date(at, term).unwrap();
        prop_assert_eq!(due, c.due_date_from(moscow, term).unwrap());
        prop_assert!(due > moscow);
        if working {
            prop_assert!(c.working_days_left(moscow, due).unwrap() == i64::from(days));
        }
    }

    #[test]
    fn remaining_agrees_with_days_left(today in start_date(), offset in -60i64..=60, working in any::<bool>()) {
        let c = cal();
        let due = today + TimeDelta::days(offset);
        let unit = if working { DayUnit::Working } else { DayUnit::Calendar };
        let left = c.remaining(today, due, unit).unwrap();
        match left {
            DaysLeft::LastDay => prop_assert_eq!(offset, 0),
            DaysLeft::Overdue { days } => prop_assert_eq!(-i64::from(days), offset),
            DaysLeft::Remaining { days, unit: shown } => {
                prop_assert!(offset > 0);
                prop_assert!(i64::from(days) <= offset);
                if shown == DayUnit::Calendar {
                    prop_assert_eq!(i64::from(days), offset);
                } else {
                    prop_assert_eq!(i64::from(days), c.working_days_left(today, due).unwrap());
                }
            }
        }
    }
}

#[test]
fn the_end_of_the_calendars_is_announced_ahead() {
    let last = cal().last_day().expect("some years");
    assert_eq!(last, d(2027, 12, 31));
    assert_eq!(cal().ends_within(d(2026, 12, 5), 90), None, "a year ahead: nothing to do yet");
    assert_eq!(cal().ends_within(d(2027, 10, 10), 90), Some(last), "under 90 days: time to add 2028");
    assert_eq!(cal().ends_within(d(2028, 1, 10), 90), Some(last), "past it: filing has stopped");
}
