//! Dates and times as a clerk reads them. The timeline itself is `ereception_core::timeline`,
//! the same words as the resident's page and the e-mails.

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::clock::MOSCOW_OFFSET;
use ereception_core::i18n::Lang;

/// A date as a clerk reads it: «07.12.2026», “2026-12-07”.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A Moscow date and time: «04.12.2026 10:15».
pub fn date_time(t: DateTime<Utc>, lang: Lang) -> String {
    let local = t.with_timezone(&MOSCOW_OFFSET);
    format!("{} {}", date(local.date_naive(), lang), local.format("%H:%M"))
}
