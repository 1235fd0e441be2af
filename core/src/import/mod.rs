//! Reading the ГУ ИС resident registry from CSV: the parsing half of the registry import.
//!
//! A file is read as a stream: [`RegistryReader::new`] reads the header (detecting the
//! encoding and the delimiter unless told), then the reader yields one parsed
//! [`RegistryRecord`] or the [`RowError`]s of one bad row at a time, keeping only the current
//! row in memory. That lets a caller validate a whole file, report every bad row and load the
//! good ones into staging in one pass, at any file size.
//!
//! # The file
//!
//! - The canonical header is [`CANONICAL_HEADER`]:
//!   `id;surname;name;patronymic;birth_date;district;street;house;building;structure;flat;registration_kind`
//!   (`building` is the корпус, `structure` the строение). Columns may come in any order; columns
//!   the import does not use are ignored and listed ([`RegistryReader::ignored_columns`]); the
//!   optional ones (`patronymic`, `building`, `structure`, `flat`) may be absent. A
//!   [`ColumnMap`] reads exports whose headers name the fields differently («Фамилия», …).
//! - UTF-8 (with or without a byte-order mark) or Windows-1251; detected from the first
//!   64 KiB unless [`ImportOptions::encoding`] says. UTF-16 is refused.
//! - `;` or `,` between fields, detected from the header line unless
//!   [`ImportOptions::delimiter`] says; fields may be quoted with `"` (and then span lines).
//! - Dates as `YYYY-MM-DD` or `DD.MM.YYYY`; registration kinds as `permanent`, `temporary`,
//!   `contract` or the Russian words [`RegistrationKind::parse`] knows.
//! - Blank lines (and lines of only whitespace and delimiters) are skipped.
//!
//! Values are trimmed, inner whitespace collapsed to one space, empty optional values become
//! `None`; control and invisible characters, overlong values (see [`Field::max_chars`]),
//! impossible or future birth dates, district codes that are not four digits and unknown
//! registration kinds are row errors. Duplicate registry ids are *not* detected here (that would
//! take memory in proportion to the file); the staging table's unique key is the place.

mod columns;
mod csv;
mod row;
mod write;

use std::fmt;
use std::io;
use std::str::FromStr;

use chrono::NaiveDate;

pub use self::columns::{
    CANONICAL_HEADER, ColumnMap, ColumnMapError, FIELD_COUNT, Field, MAX_HOUSE_PART_CHARS, MAX_ID_CHARS,
    MAX_NAME_CHARS, MAX_STREET_CHARS, MapOrigin,
};
pub use self::csv::{MAX_RECORD_BYTES, RegistryReader};
pub use self::row::{EARLIEST_BIRTH_DATE, RowError, RowErrorReason, SHOWN_VALUE_CHARS};
pub use self::write::CanonicalWriter;
use crate::domain::ids::RegistryId;
use crate::domain::person::{Address, FullName, RegistrationKind};
use crate::i18n::{Arg, Lang, io_error_text, tr_args};

/// How to read a registry file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The field delimiter; `None` detects `;` or `,` from the header line.
    pub delimiter: Option<u8>,
    /// The text encoding; `None` detects it: UTF-8 when the first 64 KiB are valid UTF-8 (a
    /// sequence cut at the end of that window allowed), Windows-1251 otherwise. A UTF-8
    /// byte-order mark always means UTF-8.
    pub encoding: Option<Encoding>,
    /// Where the fields are in the header.
    pub column_map: ColumnMap,
    /// The day of the import: later birth dates are errors.
    pub today: NaiveDate,
    /// Read the file even though an optional field has no column while an unused column
    /// looks like it (see [`ImportError::UnreadColumns`]): those fields are then empty.
    pub allow_unread: bool,
}

impl ImportOptions {
    /// Detect everything, canonical header.
    pub fn new(today: NaiveDate) -> Self {
        Self { delimiter: None, encoding: None, column_map: ColumnMap::canonical(), today, allow_unread: false }
    }
}

/// The text encodings a registry file may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Windows1251,
}

impl Encoding {
    /// The usual name: `UTF-8`, `Windows-1251`.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1251 => "Windows-1251",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Encoding {
    type Err = UnknownEncoding;

    /// Accepts `utf-8`, `utf8`, `windows-1251`, `cp1251`, `1251` (any case).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "windows-1251" | "windows1251" | "cp1251" | "cp-1251" | "1251" => Ok(Encoding::Windows1251),
            _ => Err(UnknownEncoding(s.trim().to_owned())),
        }
    }
}

/// The text did not name an encoding registry files come in.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown encoding {0:?}: expected UTF-8 or Windows-1251")]
pub struct UnknownEncoding(pub String);

impl UnknownEncoding {
    /// The error as an administrator reads it.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(lang, "import-unknown-encoding", &[("value", Arg::from(&self.0))])
    }
}

/// One resident as a registry row gives them, fully parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistryRecord {
    /// The physical line of the file on which the row starts (the header is line 1).
    pub line: u64,
    pub registry_id: RegistryId,
    pub name: FullName,
    pub birth_date: NaiveDate,
    pub address: Address,
    pub registration_kind: RegistrationKind,
}

/// A required column the header lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingColumn {
    pub field: Field,
    /// The name it was looked for under (the canonical name or the column map's).
    pub header: String,
}

impl fmt::Display for MissingColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.header == self.field.as_str() {
            f.write_str(&self.header)
        } else {
            write!(f, "«{}» ({})", self.header, self.field)
        }
    }
}

/// The file as a whole cannot be read: nothing of it may be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Reading failed.
    #[error("cannot read the registry file: {0}")]
    Io(#[from] io::Error),
    /// There is not even a header line.
    #[error("the registry file is empty: there is no header line")]
    Empty,
    /// The file starts with a UTF-16 byte-order mark.
    #[error("the registry file is in UTF-16; save it as UTF-8 or Windows-1251")]
    Utf16,
    /// The file is a spreadsheet workbook (`.xlsx`, `.ods`, the old `.xls`), not CSV: the
    /// likeliest mistake with a registry exported to Excel.
    #[error("the registry file is a spreadsheet workbook, not CSV; save the sheet as CSV")]
    Spreadsheet,
    /// The file holds zero bytes, as no text file does (a database, an archive, an image).
    #[error("the registry file is not a text file")]
    NotText,
    /// UTF-8 was asked for (or detected) but the header is not UTF-8.
    #[error("the header line is not valid UTF-8")]
    HeaderNotUtf8,
    /// The delimiter option cannot be a delimiter.
    #[error("{0:?} cannot separate fields")]
    BadDelimiter(u8),
    /// The header lacks required columns.
    #[error("the header lacks required columns: {}; it has: {}", join(missing), found.join(", "))]
    MissingColumns {
        missing: Vec<MissingColumn>,
        found: Vec<String>,
        /// A `--map` under which the file would read, guessed from its column names.
        map: Option<String>,
        /// Where some required field could not be guessed: the `--map` with `field=…` in its
        /// place, to fill in.
        draft: Option<String>,
    },
    /// A column the import needs appears twice in the header.
    #[error("column {0:?} appears more than once in the header")]
    DuplicateColumn(String),
    /// Optional fields have no column while columns that look like them go unused (a column
    /// map that leaves out «Отчество» or «Квартира»): importing would empty those fields of
    /// every resident in the file. [`ImportOptions::allow_unread`] reads the file anyway.
    #[error("optional fields have no column while similar columns go unused: {}", unread_pairs(.0))]
    UnreadColumns(Vec<UnreadColumn>),
    /// The column map is wrong.
    #[error(transparent)]
    ColumnMap(#[from] ColumnMapError),
    /// A record grew past [`MAX_RECORD_BYTES`]: an unclosed quote or not a registry file.
    #[error("the record starting near line {line} is longer than {limit} bytes (an unclosed quote?)")]
    RecordTooLong { line: u64, limit: usize },
}

/// An optional field with no column, and the unused column of the file that looks like it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadColumn {
    pub field: Field,
    /// The column as the file spells it.
    pub column: String,
}

fn unread_pairs(list: &[UnreadColumn]) -> String {
    list.iter().map(|u| format!("{}={}", u.field, u.column)).collect::<Vec<_>>().join(",")
}

fn join<T: fmt::Display>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

impl ImportError {
    /// The error as an administrator reads it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ImportError::Io(e) => tr_args(lang, "import-error-io", &[("detail", io_error_text(lang, e).into())]),
            ImportError::Empty => tr_args(lang, "import-error-empty", &[]),
            ImportError::Utf16 => tr_args(lang, "import-error-utf16", &[]),
            ImportError::Spreadsheet => tr_args(lang, "import-error-spreadsheet", &[]),
            ImportError::NotText => tr_args(lang, "import-error-not-text", &[]),
            ImportError::HeaderNotUtf8 => tr_args(lang, "import-error-header-not-utf8", &[]),
            ImportError::BadDelimiter(b) => {
                tr_args(lang, "import-error-bad-delimiter", &[("value", format!("{:?}", char::from(*b)).into())])
            }
            ImportError::MissingColumns { missing, found, map, draft } => {
                let text = tr_args(
                    lang,
                    "import-error-missing-columns",
                    &[
                        ("n", Arg::from(missing.len())),
                        ("columns", join(missing).into()),
                        ("found", found.join(", ").into()),
                    ],
                );
                match map {
                    Some(map) => {
                        format!("{text}. {}", tr_args(lang, "import-error-missing-columns-map", &[("map", map.into())]))
                    }
                    None if let Some(draft) = draft => format!(
                        "{text}. {}",
                        tr_args(lang, "import-error-missing-columns-draft", &[("map", draft.into())])
                    ),
                    // the way to say it, where no column can be guessed (a file of one column
                    // is no registry under other names)
                    None if found.len() > 1 => {
                        let example: Vec<String> = missing.iter().map(|m| format!("{}=…", m.field)).collect();
                        let hint = tr_args(
                            lang,
                            "import-error-missing-columns-no-map",
                            &[("example", example.join(",").into())],
                        );
                        format!("{text}. {hint}")
                    }
                    // one column: the fields are split by another character, if any shows (a
                    // tab is shown as the replacement character)
                    None => {
                        match found.first().and_then(|c| c.chars().find(|ch| [';', ',', '|', '\u{fffd}'].contains(ch)))
                        {
                            Some(ch) => {
                                let flag = if ch == '\u{fffd}' { "$'\\t'".to_owned() } else { format!("'{ch}'") };
                                let hint = tr_args(lang, "import-error-one-column", &[("flag", flag.into())]);
                                format!("{text}. {hint}")
                            }
                            None => text,
                        }
                    }
                }
            }
            ImportError::DuplicateColumn(name) => {
                tr_args(lang, "import-error-duplicate-column", &[("column", name.into())])
            }
            ImportError::UnreadColumns(list) => tr_args(
                lang,
                "import-error-unread-columns",
                &[
                    ("n", Arg::from(list.len())),
                    (
                        "pairs",
                        list.iter()
                            .map(|u| format!("{} — «{}»", u.field, u.column))
                            .collect::<Vec<_>>()
                            .join(", ")
                            .into(),
                    ),
                    ("map", unread_pairs(list).into()),
                ],
            ),
            ImportError::ColumnMap(e) => e.message(lang),
            ImportError::RecordTooLong { line, limit } => tr_args(
                lang,
                "import-error-record-too-long",
                &[("line", line.to_string().into()), ("limit", Arg::from(*limit))],
            ),
        }
    }
}

/// What the reader yields instead of a record.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The row is bad; here is every problem found in it (never empty, all on one line).
    /// Reading goes on with the next row.
    #[error("{}", join(.0))]
    Row(Vec<RowError>),
    /// The rest of the file cannot be read; the reader yields nothing more.
    #[error(transparent)]
    Fatal(ImportError),
}

impl ReadError {
    /// The error as an administrator reads it; a row's problems one per line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReadError::Row(errors) => errors.iter().map(|e| e.message(lang)).collect::<Vec<_>>().join("\n"),
            ReadError::Fatal(e) => e.message(lang),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests;
