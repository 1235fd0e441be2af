//! Tables and CSV for the command line.

use std::io::Write;

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::clock::MOSCOW_OFFSET;

/// A table of text cells, printed with aligned columns (widths counted in characters, so
/// Cyrillic lines up) or written as CSV.
#[derive(Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// A totals row, printed under a rule and written as the last CSV row.
    pub footer: Option<Vec<String>>,
}

/// Which CSV to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvDialect {
    /// RFC 4180 for programs: `,` between fields, UTF-8 without a byte order mark.
    Plain,
    /// What a spreadsheet set to a decimal comma (Russian Excel) opens as it is: `;` between
    /// fields, UTF-8 with a byte order mark (without it Excel reads Windows-1251).
    Excel,
}

/// The UTF-8 byte order mark, which tells Excel the file is UTF-8.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

impl Table {
    pub fn new(header: &[String]) -> Self {
        Table { header: header.to_vec(), rows: Vec::new(), footer: None }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned text: two spaces between columns, a rule under the header.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in self.rows.iter().chain(&self.footer) {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |cells: &[String]| {
            let mut s = String::new();
            for (i, cell) in cells.iter().enumerate().take(columns) {
                if i > 0 {
                    s.push_str("  ");
                }
                s.push_str(cell);
                if i + 1 < columns {
                    s.push_str(&" ".repeat(widths[i].saturating_sub(cell.chars().count())));
                }
            }
            s.trim_end().to_owned()
        };
        let rule = widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  ");
        let mut out = line(&self.header);
        out.push('\n');
        out.push_str(&rule);
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        if let Some(footer) = &self.footer {
            out.push_str(&rule);
            out.push('\n');
            out.push_str(&line(footer));
            out.push('\n');
        }
        out
    }

    /// RFC 4180 CSV with a header row, UTF-8.
    pub fn write_csv<W: Write>(&self, w: W) -> csv::Result<()> {
        self.write_csv_as(w, CsvDialect::Plain)
    }

    /// CSV in `dialect`, with a header row and the footer, if any, as the last row.
    pub fn write_csv_as<W: Write>(&self, mut w: W, dialect: CsvDialect) -> csv::Result<()> {
        let mut builder = csv::WriterBuilder::new();
        if dialect == CsvDialect::Excel {
            w.write_all(UTF8_BOM)?;
            builder.delimiter(b';');
        }
        let mut writer = builder.from_writer(w);
        writer.write_record(&self.header)?;
        for row in self.rows.iter().chain(&self.footer) {
            match dialect {
                CsvDialect::Plain => writer.write_record(row.iter().map(|cell| inert_cell(cell).into_owned()))?,
                CsvDialect::Excel => writer.write_record(row.iter().map(|cell| excel_cell(&inert_cell(cell))))?,
            }
        }
        writer.flush()?;
        Ok(())
    }
}

/// A cell a spreadsheet will not run as a formula (OWASP, "CSV injection"): text that begins
/// with `=`, `+`, `-`, `@`, a tab or a carriage return — a resident's name, an address, an
/// appeal's text, a login — gets an apostrophe in front, which Excel and LibreOffice show as
/// text and do not execute. Numbers we write («-3», «37,8») stay as they are. Both dialects,
/// since a CSV written for programs is opened in a spreadsheet all the same.
fn inert_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) { format!("'{cell}").into() } else { cell.into() }
}

/// `-3`, `+7`, `37.8`, `-0,5`: a number as a spreadsheet reads it, with no formula in it.
fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let mut parts = digits.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or("0");
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A cell as Excel should show it: a code of digits with a leading zero (district `0412`)
/// as the text formula `="0412"`, which Excel shows as it is; it would read the bare digits as
/// the number 412.
fn excel_cell(cell: &str) -> String {
    if cell.len() > 1 && cell.starts_with('0') && cell.bytes().all(|b| b.is_ascii_digit()) {
        format!("=\"{cell}\"")
    } else {
        cell.to_owned()
    }
}

/// A number with one decimal place: «37,8» with a decimal comma (Russian text, Excel),
/// «37.8» with a point (English text, CSV for programs).
pub fn decimal(value: f64, comma: bool) -> String {
    let text = format!("{value:.1}");
    if comma { text.replace('.', ",") } else { text }
}

/// A Moscow date typed on the command line: `YYYY-MM-DD` or `DD.MM.YYYY`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    ereception_core::domain::appeal::parse_date(text)
}

/// The UTC instant at which a Moscow date begins.
pub fn start_of_moscow_day(date: NaiveDate) -> DateTime<Utc> {
    let local = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    (local - chrono::Duration::seconds(i64::from(MOSCOW_OFFSET.local_minus_utc()))).and_utc()
}

/// «04.12.2026 12:30» in Moscow time.
pub fn moscow_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&MOSCOW_OFFSET).format("%d.%m.%Y %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_cyrillic() {
        let mut t = Table::new(&["Логин".to_owned(), "ФИО".to_owned()]);
        t.push(vec!["a".to_owned(), "Орлова А. И.".to_owned()]);
        t.push(vec!["supervisor".to_owned(), "Смирнов О.".to_owned()]);
        let text = t.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Логин       ФИО");
        assert_eq!(lines[2], "a           Орлова А. И.");
        let mut csv = Vec::new();
        t.write_csv(&mut csv).expect("csv");
        assert_eq!(String::from_utf8(csv).expect("utf-8").lines().next(), Some("Логин,ФИО"));
    }

    #[test]
    fn excel_csv_has_a_bom_and_semicolons_and_plain_csv_has_neither() {
        let mut t = Table::new(&["Услуга".to_owned(), "Медиана, ч".to_owned()]);
        t.push(vec!["Выписка; копия".to_owned(), decimal(37.84, true)]);
        t.footer = Some(vec!["Итого".to_owned(), decimal(0.7, true)]);
        let mut excel = Vec::new();
        t.write_csv_as(&mut excel, CsvDialect::Excel).expect("csv");
        assert!(excel.starts_with(UTF8_BOM));
        let text = String::from_utf8(excel[UTF8_BOM.len()..].to_vec()).expect("utf-8");
        assert_eq!(text, "Услуга;Медиана, ч\n\"Выписка; копия\";37,8\nИтого;0,7\n");
        t.footer = None;
        let mut plain = Vec::new();
        t.write_csv(&mut plain).expect("csv");
        assert_eq!(String::from_utf8(plain).expect("utf-8"), "Услуга,\"Медиана, ч\"\nВыписка; копия,\"37,8\"\n");
        assert_eq!(decimal(37.84, false), "37.8");
    }

    /// QA: Excel opened the appeals report with district 0412 as the number 412.
    #[test]
    fn excel_keeps_the_leading_zero_of_a_code_and_programs_get_it_bare() {
        let mut t = Table::new(&["Район".to_owned(), "Количество".to_owned()]);
        t.push(vec!["0412".to_owned(), "10".to_owned()]);
        t.push(vec!["0".to_owned(), "0,5".to_owned()]);
        let mut excel = Vec::new();
        t.write_csv_as(&mut excel, CsvDialect::Excel).expect("csv");
        let text = String::from_utf8(excel[UTF8_BOM.len()..].to_vec()).expect("utf-8");
        assert_eq!(text, "Район;Количество\n\"=\"\"0412\"\"\";10\n0;0,5\n");
        let mut plain = Vec::new();
        t.write_csv(&mut plain).expect("csv");
        assert_eq!(String::from_utf8(plain).expect("utf-8"), "Район,Количество\n0412,10\n0,\"0,5\"\n");
    }

    /// QA: a resident registered as `=HYPERLINK(…)` (or an appeal's text, a login beginning
    /// with `-` or `@`) was written into the CSV as it is, and Excel ran it as a formula.
    #[test]
    fn text_a_spreadsheet_would_run_as_a_formula_is_written_inert() {
        let mut t = Table::new(&["ФИО".to_owned(), "Дней".to_owned()]);
        let risky = [
            "=HYPERLINK(\"http://evil.example\";\"Иванов\")",
            "+7 495 690-00-00",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "\t=1+1",
            "\r=1+1",
        ];
        for cell in risky {
            t.push(vec![cell.to_owned(), "-3".to_owned()]);
        }
        t.push(vec!["Иванова Мария".to_owned(), "37,8".to_owned()]);
        t.push(vec!["0412".to_owned(), "+1.5".to_owned()]);
        for dialect in [CsvDialect::Plain, CsvDialect::Excel] {
            let mut out = Vec::new();
            t.write_csv_as(&mut out, dialect).expect("csv");
            let text = String::from_utf8(out).expect("utf-8");
            let text = text.trim_start_matches('\u{feff}');
            let delimiter = if dialect == CsvDialect::Excel { b';' } else { b',' };
            let rows: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .from_reader(text.as_bytes())
                .records()
                .collect::<Result<_, _>>()
                .expect("reads back");
            for (row, cell) in rows.iter().zip(risky) {
                assert_eq!(&row[0], format!("'{cell}"), "{dialect:?}");
                assert_eq!(&row[1], "-3", "a number stays a number");
            }
            assert_eq!(&rows[6][0], "Иванова Мария");
            assert_eq!(&rows[6][1], "37,8");
            assert_eq!(&rows[7][1], "+1.5");
            let code = if dialect == CsvDialect::Excel { "=\"0412\"" } else { "0412" };
            assert_eq!(&rows[7][0], code, "our own text formula for a code is kept");
        }
    }

    #[test]
    fn the_footer_is_printed_under_a_rule() {
        let mut t = Table::new(&["Район".to_owned(), "Количество".to_owned()]);
        t.push(vec!["0412".to_owned(), "7".to_owned()]);
        t.footer = Some(vec!["Итого".to_owned(), "7".to_owned()]);
        let lines: Vec<String> = t.render().lines().map(str::to_owned).collect();
        assert_eq!(lines[3], lines[1], "a rule above the totals");
        assert_eq!(lines[4], "Итого  7");
    }

    #[test]
    fn moscow_days_start_at_21_utc() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid");
        assert_eq!(start_of_moscow_day(d).to_rfc3339(), "2026-12-03T21:00:00+00:00");
    }
}
