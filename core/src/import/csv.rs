//! The streaming reader: bytes → decoded text → CSV records → [`RegistryRecord`]s.
//!
//! Memory is bounded whatever the file's size: a 64 KiB prefix kept for detection, the decoder's
//! and the CSV parser's buffers, and one record (at most [`MAX_RECORD_BYTES`], or the reader
//! stops with [`ImportError::RecordTooLong`]).

use std::io::{self, Chain, Cursor, Read};

use ::csv::{ByteRecord, Reader, ReaderBuilder, Terminator};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

use super::columns::{FIELD_COUNT, Field, normalize_header};
use super::row::{RowParser, shown};
use super::{Encoding, ImportError, ImportOptions, MissingColumn, ReadError, RegistryRecord, UnreadColumn};
use crate::i18n::{Lang, tr_args};

/// How much of the file the encoding and the delimiter are detected from.
const DETECT_BYTES: usize = 64 * 1024;

/// The largest record (all its fields, after decoding) the reader accepts before giving up on
/// the file. Real rows are a few hundred bytes; this only stops an unclosed quote from
/// swallowing the file into memory.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;

const CSV_BUFFER: usize = 64 * 1024;
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

type Decoded<R> = DecodeReaderBytes<Chain<Cursor<Vec<u8>>, R>, Vec<u8>>;

/// Reads a registry file row by row. See the [module documentation](super).
///
/// It is an iterator of `Result<RegistryRecord, ReadError>`: a [`ReadError::Row`] is one bad
/// row (reading goes on), a [`ReadError::Fatal`] ends the stream.
pub struct RegistryReader<R: Read> {
    csv: Reader<Guard<Decoded<R>>>,
    record: ByteRecord,
    rows: RowParser,
    encoding: Encoding,
    delimiter: u8,
    ignored: Vec<String>,
    done: bool,
}

impl<R: Read> std::fmt::Debug for RegistryReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistryReader")
            .field("encoding", &self.encoding)
            .field("delimiter", &char::from(self.delimiter))
            .field("ignored", &self.ignored)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: Read> RegistryReader<R> {
    /// Reads the header of `reader` and prepares to stream its rows.
    ///
    /// Fails on an unreadable or empty file, a UTF-16 file, a header that is not valid in the
    /// chosen encoding, a bad column map, and a header that lacks required columns or repeats
    /// one the import needs. `reader` need not be buffered.
    pub fn new(mut reader: R, options: &ImportOptions) -> Result<Self, ImportError> {
        options.column_map.validate()?;
        if let Some(d) = options.delimiter
            && (!d.is_ascii() || matches!(d, b'"' | b'\n' | b'\r') || d.is_ascii_alphanumeric())
        {
            return Err(ImportError::BadDelimiter(d));
        }

        let (prefix, complete) = read_prefix(&mut reader)?;
        if prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF") {
            return Err(ImportError::Utf16);
        }
        // a workbook given for the CSV saved from it: a zip (.xlsx, .ods) or an OLE file (.xls)
        if prefix.starts_with(b"PK\x03\x04") || prefix.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            return Err(ImportError::Spreadsheet);
        }
        // no header in UTF-8 or Windows-1251 holds a zero byte (in a row it is that row's
        // problem); it would be shown as unreadable bytes, with advice about delimiters
        let first_line = prefix.split(|&b| b == b'\n').next().unwrap_or_default();
        if first_line.contains(&0) {
            return Err(ImportError::NotText);
        }
        let has_bom = prefix.starts_with(UTF8_BOM);
        let body = prefix.get(if has_bom { UTF8_BOM.len() } else { 0 }..).unwrap_or_default();
        let encoding =
            if has_bom { Encoding::Utf8 } else { options.encoding.unwrap_or_else(|| detect_encoding(body, complete)) };
        let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(body));

        let decoder = match encoding {
            // Passed through untouched: each field's UTF-8 is checked, so a bad byte is an
            // error on its row rather than a silent U+FFFD.
            Encoding::Utf8 => DecodeReaderBytesBuilder::new()
                .utf8_passthru(true)
                .strip_bom(true)
                .build(Cursor::new(prefix).chain(reader)),
            Encoding::Windows1251 => DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::WINDOWS_1251))
                .strip_bom(true)
                .build(Cursor::new(prefix).chain(reader)),
        };
        let csv = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            // Every line ends at `\n`, so a record's start line can be worked out from where it
            // ends; a `\r` before it is trailing whitespace of the last field.
            .terminator(Terminator::Any(b'\n'))
            .buffer_capacity(CSV_BUFFER)
            .from_reader(Guard::new(decoder));

        let mut this = Self {
            csv,
            record: ByteRecord::new(),
            rows: RowParser::new([None; FIELD_COUNT], 0, options.today),
            encoding,
            delimiter,
            ignored: Vec::new(),
            done: false,
        };
        if !this.read_record().map_err(|e| this.fatal(e))? {
            return Err(ImportError::Empty);
        }
        let header = this
            .record
            .iter()
            .map(|h| std::str::from_utf8(h).map(str::to_owned))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| ImportError::HeaderNotUtf8)?;
        if header.iter().all(|h| normalize_header(h).is_empty()) {
            return Err(ImportError::Empty);
        }
        let (columns, ignored) = resolve_header(&header, options)?;
        this.rows = RowParser::new(columns, header.len(), options.today);
        this.ignored = ignored;
        Ok(this)
    }

    /// The encoding the file is read in (as given or detected).
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The field delimiter (as given or detected).
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Header columns that no field reads, in file order, as the file spells them (trimmed, cut
    /// to [`SHOWN_VALUE_CHARS`](super::SHOWN_VALUE_CHARS) characters, control characters
    /// replaced).
    pub fn ignored_columns(&self) -> &[String] {
        &self.ignored
    }

    /// A warning naming the ignored columns, when there are any.
    pub fn ignored_columns_message(&self, lang: Lang) -> Option<String> {
        (!self.ignored.is_empty()).then(|| {
            tr_args(
                lang,
                "import-warning-ignored-columns",
                &[("n", self.ignored.len().into()), ("columns", self.ignored.join(", ").into())],
            )
        })
    }

    /// Reads the next record into `self.record`; false at the end of the file.
    fn read_record(&mut self) -> Result<bool, ::csv::Error> {
        let more = self.csv.read_byte_record(&mut self.record)?;
        let end = self.csv.position().byte();
        self.csv.get_mut().boundary = end;
        Ok(more)
    }

    /// The physical line on which the record just read starts.
    ///
    /// The parser's line count after a record includes the record's own newlines (inside
    /// quotes, kept in its fields) and its terminating `\n` unless it ended at the end of the
    /// file; blank lines skipped before it are in the count too, so counting back from its end
    /// is exact where counting forward from the previous record is not.
    fn record_line(&self) -> u64 {
        let after = self.csv.position();
        let guard = self.csv.get_ref();
        let ended_by_eof = guard.eof && after.byte() == guard.delivered;
        let inner = self.record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        after.line().saturating_sub(inner + u64::from(!ended_by_eof)).max(1)
    }

    /// Maps a parser error to the file-level error, ending the stream.
    fn fatal(&mut self, e: ::csv::Error) -> ImportError {
        self.done = true;
        if self.csv.get_ref().tripped {
            let line = self.record.position().map_or(1, |p| p.line().max(1));
            return ImportError::RecordTooLong { line, limit: MAX_RECORD_BYTES };
        }
        match e.into_kind() {
            ::csv::ErrorKind::Io(e) => ImportError::Io(e),
            other => ImportError::Io(io::Error::other(format!("{other:?}"))),
        }
    }
}

impl<R: Read> Iterator for RegistryReader<R> {
    type Item = Result<RegistryRecord, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            match self.read_record() {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                // Empty lines never get here (the parser skips them); lines of only
                // whitespace or delimiters do.
                Ok(true) if RowParser::is_blank(&self.record) => {}
                Ok(true) => {
                    let line = self.record_line();
                    return Some(self.rows.parse(line, &self.record).map_err(ReadError::Row));
                }
                Err(e) => return Some(Err(ReadError::Fatal(self.fatal(e)))),
            }
        }
    }
}

/// Reads up to [`DETECT_BYTES`]; true when that is the whole file.
fn read_prefix<R: Read>(reader: &mut R) -> io::Result<(Vec<u8>, bool)> {
    let mut prefix = Vec::with_capacity(DETECT_BYTES);
    let n = reader.by_ref().take(DETECT_BYTES as u64).read_to_end(&mut prefix)?;
    Ok((prefix, n < DETECT_BYTES))
}

/// UTF-8 when the bytes are valid UTF-8, allowing a sequence cut at the end of an incomplete
/// window; Windows-1251 otherwise.
fn detect_encoding(bytes: &[u8], complete: bool) -> Encoding {
    match std::str::from_utf8(bytes) {
        Ok(_) => Encoding::Utf8,
        Err(e) if !complete && e.error_len().is_none() => Encoding::Utf8,
        Err(_) => Encoding::Windows1251,
    }
}

/// `;` or `,`, whichever separates more fields of the first line (outside quotes); `;` on a tie.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let (mut semicolons, mut commas, mut quoted) = (0usize, 0usize, false);
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    if commas > semicolons { b',' } else { b';' }
}

/// Finds each field's column. Returns the columns and the ignored header names.
fn resolve_header(
    header: &[String],
    options: &ImportOptions,
) -> Result<([Option<usize>; FIELD_COUNT], Vec<String>), ImportError> {
    let names: Vec<String> = header.iter().map(|h| normalize_header(h)).collect();
    let map = &options.column_map;
    let mut columns = [None; FIELD_COUNT];
    let mut missing = Vec::new();
    for field in Field::ALL {
        let wanted = normalize_header(map.header_for(field));
        let mut hits = names.iter().enumerate().filter(|(_, n)| **n == wanted).map(|(i, _)| i);
        match (hits.next(), hits.next()) {
            (Some(i), None) => columns[field.index()] = Some(i),
            (Some(i), Some(_)) => {
                return Err(ImportError::DuplicateColumn(display_name(&header[i])));
            }
            (None, _) if field.is_required() => {
                missing.push(MissingColumn { field, header: map.header_for(field).to_owned() });
            }
            (None, _) => {}
        }
    }
    if !missing.is_empty() {
        let mut found: Vec<String> = header.iter().take(SHOWN_COLUMNS).map(|h| display_name(h)).collect();
        if header.len() > SHOWN_COLUMNS {
            found.push("…".to_owned());
        }
        let (map, draft) = suggest_map(header, &names, &columns);
        return Err(ImportError::MissingColumns { missing, found, map, draft });
    }
    let unused: Vec<usize> = (0..header.len()).filter(|i| !columns.contains(&Some(*i))).collect();
    if !options.allow_unread {
        let unread: Vec<UnreadColumn> = Field::ALL
            .into_iter()
            .filter(|f| !f.is_required() && columns[f.index()].is_none())
            .filter_map(|field| {
                let i = unused.iter().copied().find(|&i| looks_like(field, &names[i]))?;
                Some(UnreadColumn { field, column: display_name(&header[i]) })
            })
            .collect();
        if !unread.is_empty() {
            return Err(ImportError::UnreadColumns(unread));
        }
    }
    Ok((columns, unused.into_iter().map(|i| display_name(&header[i])).collect()))
}

/// Whether a column name (normalised) looks like one an export would give `field`: «Отчество»,
/// «Корп.», «Строение», «Номер квартиры», «Кв.», `flat_no`, «Дата рождения», «Код района».
fn looks_like(field: Field, name: &str) -> bool {
    let words: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // a word starting with one of the stems, a word equal to one of the words, or the whole name
    let (stems, words_exact, whole): (&[&str], &[&str], &[&str]) = match field {
        // «Код» alone: «Код района» is the district's
        Field::Id => (&["идентификатор"], &["id"], &["код", "ид", "код жителя", "номер записи", "registry id"]),
        Field::Surname => (&["фамили", "surname", "lastname"], &[], &["last name", "family name"]),
        Field::Name => (&[], &["имя", "firstname"], &["name", "first name", "given name"]),
        Field::Patronymic => (&["отчеств", "patronym", "middle"], &[], &[]),
        Field::BirthDate => (&["рожден", "birth"], &["др", "dob"], &[]),
        Field::District => (&["район", "district"], &[], &[]),
        Field::Street => (&["улиц", "street"], &["ул"], &[]),
        Field::House => (&["дом", "house"], &["д"], &[]),
        Field::Building => (&["корпус", "building"], &["корп", "к"], &[]),
        Field::Structure => (&["строени", "structure"], &["стр"], &[]),
        Field::Flat => (&["квартир", "flat", "apartment"], &["кв", "apt"], &[]),
        Field::RegistrationKind => (&["регистрац", "registration"], &[], &[]),
    };
    whole.contains(&name) || words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)) || words_exact.contains(w))
}

/// The `--map` under which a file whose header lacks required columns would read: every field
/// the file names otherwise, as found or guessed from the column's name (a column that looks
/// like one field only, the only such column); quoted for the shell when needed. When a
/// required field has no such column, the map is `None` and the draft has `field=…` in its
/// place (if anything else was found) for the person to fill in; both are `None` when a name
/// cannot be written in a `--map`.
fn suggest_map(
    header: &[String],
    names: &[String],
    columns: &[Option<usize>; FIELD_COUNT],
) -> (Option<String>, Option<String>) {
    let mut taken: Vec<usize> = columns.iter().flatten().copied().collect();
    let mut pairs = Vec::new();
    let mut complete = true;
    let mut named = 0;
    for field in Field::ALL {
        let column = match columns[field.index()] {
            Some(i) => Some(i),
            None => {
                let hits: Vec<usize> = (0..header.len())
                    .filter(|i| !taken.contains(i) && looks_like(field, &names[*i]))
                    .filter(|i| Field::ALL.iter().all(|&other| other == field || !looks_like(other, &names[*i])))
                    .collect();
                match hits[..] {
                    [i] => {
                        taken.push(i);
                        Some(i)
                    }
                    _ if field.is_required() => {
                        complete = false;
                        pairs.push(format!("{field}=…"));
                        None
                    }
                    _ => None,
                }
            }
        };
        if let Some(i) = column.filter(|&i| names[i] != field.as_str()) {
            let name = display_name(&header[i]);
            if name.contains([',', '=', '\'', '…']) {
                return (None, None);
            }
            pairs.push(format!("{field}={name}"));
            named += 1;
        }
    }
    let map = pairs.join(",");
    let plain = map.chars().all(|c| c.is_alphanumeric() || "_.,=-".contains(c));
    let map = if plain { map } else { format!("'{map}'") };
    match (complete, named) {
        (true, _) => (Some(map), None),
        (false, 0) => (None, None),
        (false, _) => (None, Some(map)),
    }
}

/// How many of the file's column names an error lists.
const SHOWN_COLUMNS: usize = 40;

/// A header name as messages show it: trimmed, cut short, control characters replaced (a
/// header is read before anything is known about the file).
fn display_name(name: &str) -> String {
    shown(name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}'))
}

/// Sits between the decoder and the CSV parser: refuses to feed a record past
/// [`MAX_RECORD_BYTES`], and notes the end of the input.
struct Guard<R> {
    inner: R,
    /// Bytes handed to the parser so far.
    delivered: u64,
    /// Where the last complete record ended (the parser's byte position).
    boundary: u64,
    /// The input returned end-of-file.
    eof: bool,
    /// A record grew too long.
    tripped: bool,
}

impl<R> Guard<R> {
    fn new(inner: R) -> Self {
        Self { inner, delivered: 0, boundary: 0, eof: false, tripped: false }
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.delivered.saturating_sub(self.boundary) > MAX_RECORD_BYTES as u64 {
            self.tripped = true;
            return Err(io::Error::other("registry record too long"));
        }
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.eof = true;
        }
        self.delivered += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;

    #[test]
    fn encoding_detection() {
        assert_eq!(detect_encoding("Иванов".as_bytes(), true), Encoding::Utf8);
        assert_eq!(detect_encoding(b"plain ascii", true), Encoding::Utf8);
        let cp1251 = encoding_rs::WINDOWS_1251.encode("Иванов").0;
        assert_eq!(detect_encoding(&cp1251, true), Encoding::Windows1251);
        // A sequence cut by the window's end is UTF-8 only when more of the file follows.
        let cut = &"Иванов".as_bytes()[..3];
        assert_eq!(detect_encoding(cut, false), Encoding::Utf8);
        assert_eq!(detect_encoding(cut, true), Encoding::Windows1251);
        // …and a bad byte in the middle is not a cut.
        assert_eq!(detect_encoding(b"ab\xD0xx\xD0", false), Encoding::Windows1251);
    }

    #[test]
    fn delimiter_detection() {
        assert_eq!(detect_delimiter(b"id;surname;name\n1,2,3,4,5,6"), b';');
        assert_eq!(detect_delimiter(b"id,surname,name\r\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b;c\",x,y\n"), b',');
        assert_eq!(detect_delimiter(b"id"), b';');
        assert_eq!(detect_delimiter(b"a;b,c"), b';');
    }
}
