//! Small texts the pages share: dates, times, sizes, status names and tones, visit notes.

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::clock::MOSCOW_OFFSET;
use ereception_core::domain::catalogue::{Service, ServiceKind};
use ereception_core::domain::status::StatusKind;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::mail::render::format_date;

/// «21 декабря 2026 г.»
pub fn date(d: NaiveDate, lang: Lang) -> String {
    format_date(d, lang)
}

/// «21 декабря 2026 г., 14:05» in Moscow time.
pub fn datetime(t: DateTime<Utc>, lang: Lang) -> String {
    let local = t.with_timezone(&MOSCOW_OFFSET);
    tr_args(
        lang,
        "web-datetime",
        &[
            ("date", Arg::from(format_date(local.date_naive(), lang))),
            ("time", Arg::from(local.format("%H:%M").to_string())),
        ],
    )
}

/// «12,5 КБ»
pub fn size(bytes: i64, lang: Lang) -> String {
    if bytes < 1024 {
        return tr_args(lang, "web-size-bytes", &[("n", Arg::Num(bytes))]);
    }
    let (value, id) = if bytes < 1024 * 1024 {
        (bytes as f64 / 1024.0, "web-size-kb")
    } else {
        (bytes as f64 / (1024.0 * 1024.0), "web-size-mb")
    };
    let mut n = format!("{value:.1}");
    if lang == Lang::Ru {
        n = n.replace('.', ",");
    }
    tr_args(lang, id, &[("n", Arg::from(n))])
}

/// The name of a status: «Зарегистрировано».
pub fn status(kind: StatusKind, lang: Lang) -> String {
    tr(lang, kind.message_id())
}

/// How a status is coloured: `neutral`, `progress`, `action`, `done`, `refused`.
pub fn tone(kind: StatusKind) -> &'static str {
    match kind {
        StatusKind::Submitted | StatusKind::Registered | StatusKind::InProgress => "progress",
        StatusKind::OriginalsRequired | StatusKind::Ready => "action",
        StatusKind::Issued | StatusKind::IssuedElectronically | StatusKind::Answered => "done",
        StatusKind::RefusedToRegister | StatusKind::Refused | StatusKind::Suspended => "refused",
        StatusKind::Closed | StatusKind::Withdrawn => "neutral",
    }
}

/// Whether the service needs a visit: consultations and no-visit documents run without one;
/// other documents end with one visit to collect the document.
pub fn visit_note(service: &Service, lang: Lang) -> String {
    match (service.kind, service.no_visit) {
        (ServiceKind::Consultation, _) => tr(lang, "web-visit-consultation"),
        (ServiceKind::Document, true) => tr(lang, "web-visit-none"),
        (ServiceKind::Document, false) => tr(lang, "web-visit-once"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn times_are_moscow_times() {
        let t = Utc.with_ymd_and_hms(2026, 12, 4, 22, 30, 0).single().expect("valid");
        assert_eq!(datetime(t, Lang::Ru), "5 декабря 2026 г., 01:30");
        assert_eq!(size(512, Lang::Ru), "512 байт");
        assert_eq!(size(12_800, Lang::Ru), "12,5 КБ");
        assert_eq!(size(12_800, Lang::En), "12.5 KB");
    }
}
