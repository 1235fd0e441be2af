//! Writing registry files in the canonical form (for the demo generator, benchmarks, tests and
//! exports): UTF-8 without a byte-order mark, `;` between fields, `\n` after each row, ISO dates,
//! canonical registration kinds, fields quoted only where needed.

use std::io::{self, Write};

use ::csv::{QuoteStyle, Terminator, Writer, WriterBuilder};
use chrono::{Datelike, NaiveDate};

use super::RegistryRecord;
use super::columns::Field;
use crate::domain::ids::RegistryId;
use crate::domain::person::{Address, FullName, RegistrationKind};

/// Writes a canonical registry file: the header on creation, then one row per call.
pub struct CanonicalWriter<W: Write> {
    csv: Writer<W>,
}

impl<W: Write> std::fmt::Debug for CanonicalWriter<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CanonicalWriter").finish_non_exhaustive()
    }
}

impl<W: Write> CanonicalWriter<W> {
    /// Starts a file on `out` by writing the canonical header. `out` is buffered internally.
    pub fn new(out: W) -> io::Result<Self> {
        let mut csv = WriterBuilder::new()
            .delimiter(b';')
            .terminator(Terminator::Any(b'\n'))
            .quote_style(QuoteStyle::Necessary)
            .buffer_capacity(64 * 1024)
            .from_writer(out);
        csv.write_record(Field::ALL.iter().map(|f| f.as_str()))?;
        Ok(Self { csv })
    }

    /// Writes one record (its `line` is not written).
    pub fn write_record(&mut self, record: &RegistryRecord) -> io::Result<()> {
        self.write_resident(
            &record.registry_id,
            &record.name,
            record.birth_date,
            &record.address,
            record.registration_kind,
        )
    }

    /// Writes one row from its parts, e.g. from a stored resident.
    pub fn write_resident(
        &mut self,
        registry_id: &RegistryId,
        name: &FullName,
        birth_date: NaiveDate,
        address: &Address,
        registration_kind: RegistrationKind,
    ) -> io::Result<()> {
        let mut date = [0u8; 16];
        let date = iso_date(birth_date, &mut date);
        fn opt(s: &Option<String>) -> &[u8] {
            s.as_deref().unwrap_or_default().as_bytes()
        }
        self.csv.write_record([
            registry_id.as_str().as_bytes(),
            name.surname.as_bytes(),
            name.name.as_bytes(),
            opt(&name.patronymic),
            date,
            address.district.as_str().as_bytes(),
            address.street.as_bytes(),
            address.house.as_bytes(),
            opt(&address.building),
            opt(&address.structure),
            opt(&address.flat),
            registration_kind.as_str().as_bytes(),
        ])?;
        Ok(())
    }

    /// Flushes and returns the output.
    pub fn finish(self) -> io::Result<W> {
        self.csv.into_inner().map_err(|e| io::Error::other(e.error().to_string()))
    }
}

/// `YYYY-MM-DD` without allocating (years outside 0–9999 are written as chrono writes them).
fn iso_date(date: NaiveDate, buf: &mut [u8; 16]) -> &[u8] {
    let mut cursor = io::Cursor::new(&mut buf[..]);
    let written = write!(cursor, "{:04}-{:02}-{:02}", date.year(), date.month(), date.day());
    let len = if written.is_ok() { usize::try_from(cursor.position()).unwrap_or(0) } else { 0 };
    &buf[..len]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests may unwrap")]
mod tests {
    use super::*;
    use crate::domain::ids::DistrictCode;
    use crate::import::CANONICAL_HEADER;

    #[test]
    fn writes_the_canonical_form() {
        let record = RegistryRecord {
            line: 0,
            registry_id: RegistryId::new("R-1"),
            name: FullName {
                surname: "Салтыков-Щедрин".into(), name: "Пётр".into(), patronymic: None
            },
            birth_date: NaiveDate::from_ymd_opt(1985, 3, 7).unwrap(),
            address: Address {
                district: DistrictCode::new("0412"),
                street: "ул. Новый Арбат; дублёр".into(),
                house: "12/2".into(),
                building: Some("2".into()),
                structure: None,
                flat: Some("12А".into()),
            },
            registration_kind: RegistrationKind::Contract,
        };
        let mut w = CanonicalWriter::new(Vec::new()).unwrap();
        w.write_record(&record).unwrap();
        let text = String::from_utf8(w.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            format!(
                "{CANONICAL_HEADER}\nR-1;Салтыков-Щедрин;Пётр;;1985-03-07;0412;\"ул. Новый Арбат; дублёр\";12/2;2;;12А;contract\n"
            )
        );
    }

    #[test]
    fn iso_dates() {
        let mut buf = [0u8; 16];
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap(), &mut buf), b"1900-01-01");
        assert_eq!(iso_date(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(), &mut buf), b"2026-12-31");
    }
}
