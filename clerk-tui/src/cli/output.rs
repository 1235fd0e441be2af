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
}

impl Table {
    pub fn new(header: &[String]) -> Self {
        Table { header: header.to_vec(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// Aligned text: two spaces between columns, a rule under the header.
    pub fn render(&self) -> String {
        let columns = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
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
        let mut out = line(&self.header);
        out.push('\n');
        out.push_str(&widths.iter().map(|w| "─".repeat(*w)).collect::<Vec<_>>().join("  "));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }

    /// RFC 4180 CSV with a header row, UTF-8.
    pub fn write_csv<W: Write>(&self, w: W) -> csv::Result<()> {
        let mut writer = csv::Writer::from_writer(w);
        writer.write_record(&self.header)?;
        for row in &self.rows {
            writer.write_record(row)?;
        }
        writer.flush()?;
        Ok(())
    }
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
    fn moscow_days_start_at_21_utc() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 4).expect("valid");
        assert_eq!(start_of_moscow_day(d).to_rfc3339(), "2026-12-03T21:00:00+00:00");
    }
}
