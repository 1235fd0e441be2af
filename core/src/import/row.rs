//! One row of the registry file: cleaning its values and parsing them into a record.
//!
//! Pure code: it sees the fields of a record as bytes and knows nothing of files or encodings.

use std::fmt;

use ::csv::ByteRecord;
use chrono::NaiveDate;

use super::RegistryRecord;
use super::columns::{FIELD_COUNT, Field};
use crate::domain::ids::{DistrictCode, RegistryId};
use crate::domain::person::{Address, FullName, RegistrationKind};
use crate::i18n::{Arg, Lang, tr_args};

/// A problem with one field of one row (or with the row as a whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The physical line of the file on which the row starts (the header is line 1).
    pub line: u64,
    /// The canonical field at fault; none when the row as a whole is wrong.
    pub field: Option<Field>,
    pub reason: RowErrorReason,
}

/// What is wrong with a field or a row.
///
/// Values quoted in reasons are cut to [`SHOWN_VALUE_CHARS`] characters with control
/// characters replaced, so an error never carries a whole malformed field into a terminal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowErrorReason {
    /// The row does not have as many fields as the header.
    WrongFieldCount { expected: usize, found: usize },
    /// A quote opened in the row is never closed, so the parser read the `more` lines after it
    /// into one of its fields (and the field count is wrong).
    UnclosedQuote { more: usize },
    /// A required field is empty.
    Missing,
    /// The value is longer than the field allows (counted in characters).
    TooLong { max: usize, found: usize },
    /// The value contains control or invisible characters (other than whitespace).
    ControlCharacters,
    /// The bytes are not valid UTF-8 or hold U+FFFD, the mark of an earlier failed decoding.
    Encoding,
    /// Not a date in `YYYY-MM-DD` or `DD.MM.YYYY`.
    BadDate { value: String },
    /// Shaped like a date, but there is no such day (31.02.1980).
    NonexistentDate { value: String },
    /// A birth date after the import's `today`.
    FutureDate { value: String },
    /// A birth date before 1900-01-01.
    DateTooEarly { value: String },
    /// Not a four-digit district code.
    BadDistrict { value: String },
    /// Not a registration kind the registry knows.
    BadRegistrationKind { value: String },
}

/// How many characters of a bad value an error quotes.
pub const SHOWN_VALUE_CHARS: usize = 40;

/// The earliest birth date accepted (the forms refuse earlier dates with the same bound).
pub use crate::domain::person::EARLIEST_BIRTH_DATE;

impl RowError {
    /// The error as an administrator reads it: «строка 15, поле birth_date: дата «31.02.1980» не
    /// существует».
    pub fn message(&self, lang: Lang) -> String {
        let reason = self.reason.message(lang);
        match self.field {
            Some(field) => tr_args(
                lang,
                "import-row-field-error",
                &[("line", line_arg(self.line)), ("field", field.as_str().into()), ("reason", reason.into())],
            ),
            None => tr_args(lang, "import-row-error", &[("line", line_arg(self.line)), ("reason", reason.into())]),
        }
    }
}

/// Lines are formatted as strings: a line number is not a quantity, and Fluent would group
/// its digits («1 000 000»).
fn line_arg(line: u64) -> Arg<'static> {
    Arg::from(line.to_string())
}

impl RowErrorReason {
    /// The reason alone, as an administrator reads it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RowErrorReason::WrongFieldCount { expected, found } => tr_args(
                lang,
                "import-reason-wrong-field-count",
                &[("expected", Arg::from(*expected)), ("found", Arg::from(*found))],
            ),
            RowErrorReason::UnclosedQuote { more } => {
                tr_args(lang, "import-reason-unclosed-quote", &[("more", Arg::from(*more))])
            }
            RowErrorReason::Missing => tr_args(lang, "import-reason-missing", &[]),
            RowErrorReason::TooLong { max, found } => {
                tr_args(lang, "import-reason-too-long", &[("max", Arg::from(*max)), ("found", Arg::from(*found))])
            }
            RowErrorReason::ControlCharacters => tr_args(lang, "import-reason-control-characters", &[]),
            RowErrorReason::Encoding => tr_args(lang, "import-reason-encoding", &[]),
            RowErrorReason::BadDate { value } => tr_args(lang, "import-reason-bad-date", &[("value", value.into())]),
            RowErrorReason::NonexistentDate { value } => {
                tr_args(lang, "import-reason-nonexistent-date", &[("value", value.into())])
            }
            RowErrorReason::FutureDate { value } => {
                tr_args(lang, "import-reason-future-date", &[("value", value.into())])
            }
            RowErrorReason::DateTooEarly { value } => {
                tr_args(lang, "import-reason-date-too-early", &[("value", value.into())])
            }
            RowErrorReason::BadDistrict { value } => {
                tr_args(lang, "import-reason-bad-district", &[("value", value.into())])
            }
            RowErrorReason::BadRegistrationKind { value } => {
                tr_args(lang, "import-reason-bad-registration-kind", &[("value", value.into())])
            }
        }
    }

    /// English, without the offending value (it may be personal data): for logs.
    fn describe(&self) -> String {
        match self {
            RowErrorReason::WrongFieldCount { expected, found } => {
                format!("{found} fields where the header has {expected}")
            }
            RowErrorReason::UnclosedQuote { more } => format!("a quote left open over {more} more line(s)"),
            RowErrorReason::Missing => "required but empty".into(),
            RowErrorReason::TooLong { max, found } => {
                format!("{found} characters, at most {max} allowed")
            }
            RowErrorReason::ControlCharacters => "contains control characters".into(),
            RowErrorReason::Encoding => "not valid text in the file's encoding".into(),
            RowErrorReason::BadDate { .. } => "not a date (YYYY-MM-DD or DD.MM.YYYY)".into(),
            RowErrorReason::NonexistentDate { .. } => "no such date".into(),
            RowErrorReason::FutureDate { .. } => "date in the future".into(),
            RowErrorReason::DateTooEarly { .. } => "date before 1900".into(),
            RowErrorReason::BadDistrict { .. } => "not a four-digit district code".into(),
            RowErrorReason::BadRegistrationKind { .. } => "unknown registration kind".into(),
        }
    }
}

/// English, without the offending value: safe for logs.
impl fmt::Display for RowErrorReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// English, without the offending value: safe for logs.
impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "line {}, field {}: {}", self.line, field, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

impl std::error::Error for RowError {}

/// A bad value cut short and made safe to print.
pub(crate) fn shown(value: &str) -> String {
    let mut out: String = value
        .chars()
        .take(SHOWN_VALUE_CHARS)
        .map(|c| if is_forbidden(c) || c.is_whitespace() && c != ' ' { '\u{fffd}' } else { c })
        .collect();
    if value.chars().nth(SHOWN_VALUE_CHARS).is_some() {
        out.push('…');
    }
    out
}

/// Characters no registry value may hold: control characters that are not whitespace, and
/// invisible format characters (zero-width spaces, bidirectional overrides, BOM) that would
/// make two equal-looking names differ.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(c,
            '\u{00ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{fffe}' | '\u{ffff}')
}

/// Cleans one raw value into `out`: valid UTF-8, trimmed, runs of whitespace collapsed to one
/// space, no forbidden characters, at most `max` characters. `out` is empty for an empty value.
fn clean_into(raw: &[u8], max: usize, out: &mut String) -> Result<(), RowErrorReason> {
    out.clear();
    let text = std::str::from_utf8(raw).map_err(|_| RowErrorReason::Encoding)?;
    let text = text.trim_matches(char::is_whitespace);
    out.reserve(text.len());
    let mut count = 0usize;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if is_forbidden(c) {
            return Err(RowErrorReason::ControlCharacters);
        }
        if c == '\u{fffd}' {
            return Err(RowErrorReason::Encoding);
        }
        if space {
            out.push(' ');
            count += 1;
            space = false;
        }
        out.push(c);
        count += 1;
    }
    if count > max {
        return Err(RowErrorReason::TooLong { max, found: count });
    }
    Ok(())
}

/// Why a date did not parse.
#[derive(Debug, PartialEq, Eq)]
enum DateProblem {
    Format,
    Nonexistent,
}

/// Parses `YYYY-MM-DD` or `DD.MM.YYYY` (day and month may have one digit).
fn parse_date(s: &str) -> Result<NaiveDate, DateProblem> {
    fn number(digits: &str, min_len: usize, max_len: usize) -> Option<u32> {
        if digits.len() < min_len || digits.len() > max_len || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.bytes().try_fold(0u32, |n, b| n.checked_mul(10)?.checked_add(u32::from(b - b'0')))
    }
    let b = s.as_bytes();
    let (year, month, day) = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        (number(&s[0..4], 4, 4), number(&s[5..7], 2, 2), number(&s[8..10], 2, 2))
    } else {
        let mut parts = s.split('.');
        let (Some(d), Some(m), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(DateProblem::Format);
        };
        (number(y, 4, 4), number(m, 1, 2), number(d, 1, 2))
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(DateProblem::Format);
    };
    let year = i32::try_from(year).map_err(|_| DateProblem::Format)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateProblem::Nonexistent)
}

/// Parses registration kinds, canonical spellings first (no allocation), then the Russian words
/// [`RegistrationKind::parse`] knows.
fn parse_kind(s: &str) -> Option<RegistrationKind> {
    RegistrationKind::ALL
        .into_iter()
        .find(|k| k.as_str().eq_ignore_ascii_case(s))
        .or_else(|| RegistrationKind::parse(s))
}

/// Turns records into registry records, given where each field sits.
#[derive(Debug)]
pub(crate) struct RowParser {
    /// The column of each canonical field (`None`: the optional column is absent).
    columns: [Option<usize>; FIELD_COUNT],
    /// How many columns the header has.
    header_len: usize,
    today: NaiveDate,
    /// Reused for values that are parsed further rather than kept.
    scratch: String,
}

impl RowParser {
    pub(crate) fn new(columns: [Option<usize>; FIELD_COUNT], header_len: usize, today: NaiveDate) -> Self {
        Self { columns, header_len, today, scratch: String::new() }
    }

    /// Whether the record holds nothing but whitespace (a blank line, `;;;;` or `\r`).
    pub(crate) fn is_blank(record: &ByteRecord) -> bool {
        record.as_slice().iter().all(u8::is_ascii_whitespace)
    }

    fn raw<'r>(&self, record: &'r ByteRecord, field: Field) -> &'r [u8] {
        self.columns[field.index()].and_then(|i| record.get(i)).unwrap_or_default()
    }

    /// A text value kept as is (after cleaning); `None` when empty or wrong, with the error
    /// recorded (an empty required field is an error).
    fn text(&self, line: u64, record: &ByteRecord, field: Field, errors: &mut Vec<RowError>) -> Option<String> {
        let mut out = String::new();
        match clean_into(self.raw(record, field), field.max_chars(), &mut out) {
            Ok(()) if out.is_empty() => {
                if field.is_required() {
                    errors.push(RowError { line, field: Some(field), reason: RowErrorReason::Missing });
                }
                None
            }
            Ok(()) => Some(out),
            Err(reason) => {
                errors.push(RowError { line, field: Some(field), reason });
                None
            }
        }
    }

    /// A required value that is parsed further: cleaned into the scratch buffer (generous
    /// length, so an overlong value is reported as the parse failure it is). `None` when
    /// empty or wrong, with the error recorded.
    fn coded(&mut self, line: u64, record: &ByteRecord, field: Field, errors: &mut Vec<RowError>) -> Option<&str> {
        const GENEROUS: usize = 200;
        let raw = self.columns[field.index()].and_then(|i| record.get(i)).unwrap_or_default();
        let reason = match clean_into(raw, GENEROUS, &mut self.scratch) {
            Ok(()) if self.scratch.is_empty() => RowErrorReason::Missing,
            Ok(()) => return Some(self.scratch.as_str()),
            Err(RowErrorReason::TooLong { .. }) => {
                let value = shown(&String::from_utf8_lossy(raw));
                match field {
                    Field::BirthDate => RowErrorReason::BadDate { value },
                    Field::District => RowErrorReason::BadDistrict { value },
                    _ => RowErrorReason::BadRegistrationKind { value },
                }
            }
            Err(reason) => reason,
        };
        errors.push(RowError { line, field: Some(field), reason });
        None
    }

    /// Parses one non-blank record that starts on `line`, collecting every problem in it.
    pub(crate) fn parse(&mut self, line: u64, record: &ByteRecord) -> Result<RegistryRecord, Vec<RowError>> {
        let found = record.len();
        let extra_is_blank = || record.iter().skip(self.header_len).all(|f| f.iter().all(u8::is_ascii_whitespace));
        if found < self.header_len || (found > self.header_len && !extra_is_blank()) {
            // a line break inside a field comes only from a quote, and with the count wrong the
            // quote is the mistake: it swallowed the lines after it
            // (a quote open to the end of the file holds its last line break too)
            let more = record.as_slice().trim_ascii_end().iter().filter(|&&b| b == b'\n').count();
            let reason = if more > 0 {
                RowErrorReason::UnclosedQuote { more }
            } else {
                RowErrorReason::WrongFieldCount { expected: self.header_len, found }
            };
            return Err(vec![RowError { line, field: None, reason }]);
        }

        let mut errors = Vec::new();
        let id = self.text(line, record, Field::Id, &mut errors);
        let surname = self.text(line, record, Field::Surname, &mut errors);
        let name = self.text(line, record, Field::Name, &mut errors);
        let patronymic = self.text(line, record, Field::Patronymic, &mut errors);

        let today = self.today;
        let birth_date = self.coded(line, record, Field::BirthDate, &mut errors).and_then(|s| {
            let value = || shown(s);
            let reason = match parse_date(s) {
                Ok(d) if d > today => RowErrorReason::FutureDate { value: value() },
                Ok(d) if d < EARLIEST_BIRTH_DATE => RowErrorReason::DateTooEarly { value: value() },
                Ok(d) => return Some(d),
                Err(DateProblem::Format) => RowErrorReason::BadDate { value: value() },
                Err(DateProblem::Nonexistent) => RowErrorReason::NonexistentDate { value: value() },
            };
            errors.push(RowError { line, field: Some(Field::BirthDate), reason });
            None
        });

        let district = self.coded(line, record, Field::District, &mut errors).and_then(|s| {
            DistrictCode::parse(s).or_else(|| {
                let reason = RowErrorReason::BadDistrict { value: shown(s) };
                errors.push(RowError { line, field: Some(Field::District), reason });
                None
            })
        });

        let street = self.text(line, record, Field::Street, &mut errors);
        let house = self.text(line, record, Field::House, &mut errors);
        let building = self.text(line, record, Field::Building, &mut errors);
        let structure = self.text(line, record, Field::Structure, &mut errors);
        let flat = self.text(line, record, Field::Flat, &mut errors);

        let kind = self.coded(line, record, Field::RegistrationKind, &mut errors).and_then(|s| {
            parse_kind(s).or_else(|| {
                let reason = RowErrorReason::BadRegistrationKind { value: shown(s) };
                errors.push(RowError { line, field: Some(Field::RegistrationKind), reason });
                None
            })
        });

        match (id, surname, name, birth_date, district, street, house, kind) {
            (
                Some(id),
                Some(surname),
                Some(name),
                Some(birth_date),
                Some(district),
                Some(street),
                Some(house),
                Some(registration_kind),
            ) if errors.is_empty() => Ok(RegistryRecord {
                line,
                registry_id: RegistryId::new(id),
                name: FullName { surname, name, patronymic },
                birth_date,
                address: Address { district, street, house, building, structure, flat },
                registration_kind,
            }),
            _ => Err(collapse_encoding(errors)),
        }
    }
}

/// A row read in the wrong encoding spoils every Cyrillic field in it: one error for the row,
/// naming the fields, rather than the same line once per field.
fn collapse_encoding(mut errors: Vec<RowError>) -> Vec<RowError> {
    let spoilt = errors.iter().filter(|e| e.reason == RowErrorReason::Encoding).count();
    if spoilt < 2 {
        return errors;
    }
    let mut seen = false;
    errors.retain_mut(|e| {
        if e.reason != RowErrorReason::Encoding {
            return true;
        }
        if seen {
            return false;
        }
        seen = true;
        e.field = None;
        true
    });
    errors
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    fn clean(raw: &str, max: usize) -> Result<String, RowErrorReason> {
        let mut out = String::new();
        clean_into(raw.as_bytes(), max, &mut out).map(|()| out)
    }

    #[test]
    fn values_are_trimmed_and_collapsed() {
        assert_eq!(
            clean("  Римского-Корсакова \t Анна\u{a0}Мария \r\n", 100).unwrap(),
            "Римского-Корсакова Анна Мария"
        );
        assert_eq!(clean(" \t ", 100).unwrap(), "");
        assert_eq!(clean("ёлка", 4).unwrap(), "ёлка");
        assert_eq!(clean("ёлкаа", 4), Err(RowErrorReason::TooLong { max: 4, found: 5 }));
        // Collapsed whitespace counts as one character.
        assert_eq!(clean("а    б", 3).unwrap(), "а б");
    }

    #[test]
    fn control_and_invisible_characters_are_refused() {
        for bad in [
            "Ив\u{0}анов",
            "Ив\u{7}анов",
            "\u{1b}[31mИванов",
            "Ива\u{200b}нов",
            "Иванов\u{202e}",
            "Ив\u{feff}анов",
            "Ив\u{7f}",
        ] {
            assert_eq!(clean(bad, 100), Err(RowErrorReason::ControlCharacters), "{bad:?}");
        }
        assert_eq!(clean("Ив\u{fffd}нов", 100), Err(RowErrorReason::Encoding));
        let mut out = String::new();
        assert_eq!(clean_into(b"\xd0\x98\xff", 100, &mut out), Err(RowErrorReason::Encoding));
    }

    #[test]
    fn dates_in_both_spellings() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(parse_date("1980-02-29"), Ok(d(1980, 2, 29)));
        assert_eq!(parse_date("29.02.1980"), Ok(d(1980, 2, 29)));
        assert_eq!(parse_date("1.2.1980"), Ok(d(1980, 2, 1)));
        assert_eq!(parse_date("31.02.1980"), Err(DateProblem::Nonexistent));
        assert_eq!(parse_date("1981-02-29"), Err(DateProblem::Nonexistent));
        assert_eq!(parse_date("1980-13-01"), Err(DateProblem::Nonexistent));
        assert_eq!(parse_date("00.01.1980"), Err(DateProblem::Nonexistent));
        for bad in [
            "",
            "1980",
            "1980-2-29",
            "29/02/1980",
            "29.02.80",
            "29.02.1980.",
            "+1.02.1980",
            "1980-02-2x",
            "29.02.19٨0",
            "01.001.1980",
            "２９.02.1980",
        ] {
            assert_eq!(parse_date(bad), Err(DateProblem::Format), "{bad:?}");
        }
    }

    #[test]
    fn registration_kinds_in_both_languages() {
        assert_eq!(parse_kind("Permanent"), Some(RegistrationKind::Permanent));
        assert_eq!(parse_kind("CONTRACT"), Some(RegistrationKind::Contract));
        assert_eq!(parse_kind("Временная"), Some(RegistrationKind::Temporary));
        assert_eq!(parse_kind("по договору"), Some(RegistrationKind::Contract));
        // the legal terms real exports use
        assert_eq!(parse_kind("по месту жительства"), Some(RegistrationKind::Permanent));
        assert_eq!(parse_kind("Регистрация по месту  пребывания"), Some(RegistrationKind::Temporary));
        assert_eq!(parse_kind("Постоянная регистрация"), Some(RegistrationKind::Permanent));
        assert_eq!(parse_kind("по месту"), None);
        assert_eq!(parse_kind("навсегда"), None);
    }

    #[test]
    fn shown_values_are_short_and_printable() {
        assert_eq!(shown("31.02.1980"), "31.02.1980");
        assert_eq!(shown("a\u{1b}[0m\nb"), "a\u{fffd}[0m\u{fffd}b");
        let long = "я".repeat(100);
        assert_eq!(shown(&long), format!("{}…", "я".repeat(SHOWN_VALUE_CHARS)));
    }

    #[test]
    fn row_errors_read_like_the_blueprint() {
        let e = RowError {
            line: 15,
            field: Some(Field::BirthDate),
            reason: RowErrorReason::NonexistentDate { value: "31.02.1980".into() },
        };
        assert_eq!(e.message(Lang::Ru), "строка 15, поле birth_date: дата «31.02.1980» не существует");
        assert_eq!(e.message(Lang::En), "line 15, field birth_date: date “31.02.1980” does not exist");
        // The log form leaves the value out.
        assert_eq!(e.to_string(), "line 15, field birth_date: no such date");
        let big = RowError {
            line: 1_000_000,
            field: None,
            reason: RowErrorReason::WrongFieldCount { expected: 12, found: 11 },
        };
        assert_eq!(big.message(Lang::Ru), "строка 1000000: в строке 11 полей, а в заголовке 12");
        let one = RowError { line: 3, field: None, reason: RowErrorReason::WrongFieldCount { expected: 12, found: 1 } };
        assert_eq!(one.message(Lang::Ru), "строка 3: в строке 1 поле, а в заголовке 12");
        assert_eq!(one.message(Lang::En), "line 3: the row has 1 field, the header has 12");
    }

    #[test]
    fn every_reason_has_a_message_in_both_languages() {
        let v = || "x".to_owned();
        let reasons = [
            RowErrorReason::WrongFieldCount { expected: 12, found: 3 },
            RowErrorReason::UnclosedQuote { more: 2 },
            RowErrorReason::Missing,
            RowErrorReason::TooLong { max: 100, found: 101 },
            RowErrorReason::ControlCharacters,
            RowErrorReason::Encoding,
            RowErrorReason::BadDate { value: v() },
            RowErrorReason::NonexistentDate { value: v() },
            RowErrorReason::FutureDate { value: v() },
            RowErrorReason::DateTooEarly { value: v() },
            RowErrorReason::BadDistrict { value: v() },
            RowErrorReason::BadRegistrationKind { value: v() },
        ];
        for lang in Lang::ALL {
            for r in &reasons {
                let m = r.message(lang);
                assert!(!m.is_empty() && !m.starts_with("import-"), "{lang}: {m}");
            }
        }
        assert_eq!(
            RowErrorReason::TooLong { max: 100, found: 101 }.message(Lang::Ru),
            "слишком длинное значение: 101 символ, допустимо не больше 100"
        );
        assert_eq!(
            RowErrorReason::TooLong { max: 50, found: 52 }.message(Lang::Ru),
            "слишком длинное значение: 52 символа, допустимо не больше 50"
        );
    }
}
