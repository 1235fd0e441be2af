//! Feeds arbitrary bytes through the registry CSV reader.
//!
//! The first byte chooses the options (delimiter, encoding, column map), the rest is the file.
//! Beyond "no panic, no hang, bounded memory", it checks that rows come in file order and
//! that every bad row carries at least one error.

#![no_main]

use chrono::NaiveDate;
use ereception_core::i18n::Lang;
use ereception_core::import::{ColumnMap, Encoding, ImportOptions, ReadError, RegistryReader};
use libfuzzer_sys::fuzz_target;

fn options_for(selector: u8) -> ImportOptions {
    let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap_or_default();
    let mut options = ImportOptions::new(today);
    options.delimiter = match selector & 3 {
        0 => None,
        1 => Some(b';'),
        2 => Some(b','),
        _ => Some(b'\t'),
    };
    options.encoding = match (selector >> 2) & 3 {
        0 | 3 => None,
        1 => Some(Encoding::Utf8),
        _ => Some(Encoding::Windows1251),
    };
    if selector & 16 != 0
        && let Ok(map) = ColumnMap::from_pairs("surname=Фамилия,name=Имя,birth_date=Дата рождения")
    {
        options.column_map = map;
    }
    options
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, file)) = data.split_first() else {
        return;
    };
    let options = options_for(selector);
    let reader = match RegistryReader::new(file, &options) {
        Ok(reader) => reader,
        Err(e) => {
            let _ = e.message(Lang::Ru);
            return;
        }
    };
    let mut last_line = 1;
    for item in reader {
        let line = match item {
            Ok(record) => record.line,
            Err(ReadError::Row(errors)) => {
                assert!(!errors.is_empty(), "a bad row without errors");
                let _ = errors[0].message(Lang::Ru);
                errors[0].line
            }
            Err(ReadError::Fatal(_)) => break,
        };
        assert!(line > last_line, "line {line} after {last_line}");
        last_line = line;
    }
});
