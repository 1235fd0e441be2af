//! The timeline of an appeal as a clerk reads it.
//!
//! A private adapter with the shape of `core::timeline` (`entries(&events, lang,
//! &Audience::Clerk{…})`, `status_line`), which is being written on another branch. When it
//! is merged, this module goes and the views call core's instead.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use ereception_core::clock::MOSCOW_OFFSET;
use ereception_core::domain::catalogue::Service;
use ereception_core::domain::event::{Actor, Event, EventKind};
use ereception_core::domain::ids::ClerkId;
use ereception_core::domain::status::{Refusal, Status};
use ereception_core::i18n::{Arg, Lang, tr, tr_args};

/// Who reads the timeline.
pub enum Audience<'a> {
    /// A clerk: every event, with who did it.
    Clerk { clerks: &'a HashMap<ClerkId, String> },
}

/// One event as a line and its details.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub title: String,
    pub details: Vec<String>,
}

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

fn refusal_details(r: &Refusal, lang: Lang, out: &mut Vec<String>) {
    for g in &r.grounds {
        out.push(format!("• {}", g.text.get(lang)));
    }
    out.push(tr_args(lang, "tui-tl-remedy", &[("text", Arg::from(&r.explanation))]));
}

/// The events as entries, oldest first.
pub fn entries(events: &[Event], lang: Lang, audience: &Audience<'_>) -> Vec<Entry> {
    let Audience::Clerk { clerks } = audience;
    events
        .iter()
        .map(|e| {
            let actor = match &e.actor {
                Actor::Applicant(_) => tr(lang, "tui-tl-actor-applicant"),
                Actor::Asker => tr(lang, "tui-tl-actor-asker"),
                Actor::Clerk(id) => clerks
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| tr_args(lang, "tui-tl-actor-clerk", &[("id", id.0.into())])),
                Actor::Admin(name) => name.clone(),
                Actor::System => tr(lang, "tui-tl-actor-system"),
            };
            let d = |x: &NaiveDate| date(*x, lang);
            let mut details = Vec::new();
            let title = match &e.kind {
                EventKind::Filed { number, register_by } => {
                    tr_args(lang, "tui-tl-filed", &[("number", Arg::from(number)), ("date", d(register_by).into())])
                }
                EventKind::Registered { deadline } => {
                    tr_args(lang, "tui-tl-registered", &[("date", d(deadline).into())])
                }
                EventKind::RefusedToRegister(r) => {
                    refusal_details(r, lang, &mut details);
                    tr(lang, "tui-tl-refused-to-register")
                }
                EventKind::StageStarted { title, .. } => {
                    tr_args(lang, "tui-tl-stage", &[("stage", title.get(lang).into())])
                }
                EventKind::OriginalsRequested(req) => {
                    for o in &req.originals {
                        details.push(format!("• {}", o.title.get(lang)));
                    }
                    details.push(tr_args(lang, "tui-tl-place", &[("place", Arg::from(&req.place))]));
                    tr_args(lang, "tui-tl-originals-requested", &[("date", d(&req.by).into())])
                }
                EventKind::OriginalsReceived => tr(lang, "tui-tl-originals-received"),
                EventKind::Suspended { due } => tr_args(lang, "tui-tl-suspended", &[("date", d(due).into())]),
                EventKind::Closed => tr(lang, "tui-tl-closed"),
                EventKind::Refused(r) => {
                    refusal_details(r, lang, &mut details);
                    tr(lang, "tui-tl-refused")
                }
                EventKind::Ready(p) => {
                    details.push(tr_args(lang, "tui-tl-place", &[("place", Arg::from(&p.place))]));
                    details.push(tr_args(lang, "tui-tl-hours", &[("hours", Arg::from(&p.hours))]));
                    details.push(tr_args(lang, "tui-tl-bring", &[("bring", Arg::from(&p.bring))]));
                    tr_args(lang, "tui-tl-ready", &[("date", d(&p.from).into())])
                }
                EventKind::HandedOver(h) => tr_args(
                    lang,
                    "tui-tl-handed-over",
                    &[("who", Arg::from(&h.collected_by)), ("document", Arg::from(&h.id_document))],
                ),
                EventKind::IssuedElectronically(doc) => {
                    tr_args(lang, "tui-tl-issued-electronically", &[("file", Arg::from(&doc.file_name))])
                }
                EventKind::Answered { text } => {
                    details.extend(text.lines().map(str::to_owned));
                    tr(lang, "tui-tl-answered")
                }
                EventKind::Withdrawn => tr(lang, "tui-tl-withdrawn"),
                EventKind::Message { text } => {
                    details.extend(text.lines().map(str::to_owned));
                    tr(lang, "tui-tl-message")
                }
                EventKind::DeadlineExtended { from, to, reason } => {
                    details.push(tr_args(lang, "tui-tl-reason", &[("reason", Arg::from(reason))]));
                    tr_args(lang, "tui-tl-extended", &[("from", d(from).into()), ("to", d(to).into())])
                }
                EventKind::Corrected { number } => tr_args(lang, "tui-tl-corrected", &[("number", Arg::from(number))]),
                EventKind::ConfirmationRequested { .. } => tr(lang, "tui-tl-confirmation-requested"),
                EventKind::EmailConfirmed { .. } => tr(lang, "tui-tl-email-confirmed"),
                EventKind::QuestionAnswered { text } => {
                    details.extend(text.lines().map(str::to_owned));
                    tr(lang, "tui-tl-answered")
                }
            };
            Entry { at: e.at, actor, title, details }
        })
        .collect()
}

/// The state of an appeal in one line: «Исполняется: проверка сведений».
pub fn status_line(status: &Status, service: Option<&Service>, lang: Lang) -> String {
    let name = tr(lang, status.kind().message_id());
    match status.stage() {
        Some(code) => {
            let title =
                service.and_then(|s| s.stage(code)).map_or_else(|| code.to_string(), |s| s.title.get(lang).to_owned());
            format!("{name}: {title}")
        }
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use ereception_core::domain::event::Subject;
    use ereception_core::domain::ids::{AccountId, AppealId, EventId, StageCode};
    use ereception_core::domain::status::Pickup;

    use super::*;

    fn event(actor: Actor, kind: EventKind) -> Event {
        Event {
            id: EventId(1),
            subject: Subject::Appeal(AppealId(1)),
            at: Utc.with_ymd_and_hms(2026, 12, 4, 7, 15, 0).single().expect("valid"),
            actor,
            kind,
        }
    }

    #[test]
    fn every_event_reads_in_both_languages_with_its_actor() {
        let names: HashMap<ClerkId, String> = [(ClerkId(7), "Орлова Анна Игоревна".to_owned())].into();
        let day = NaiveDate::from_ymd_opt(2026, 12, 7).expect("valid");
        let events = vec![
            event(
                Actor::Applicant(AccountId(1)),
                EventKind::Filed { number: "ЭП-0412-2026-000001".into(), register_by: day },
            ),
            event(Actor::Clerk(ClerkId(7)), EventKind::Registered { deadline: day }),
            event(
                Actor::Clerk(ClerkId(8)),
                EventKind::Ready(Pickup {
                    place: "окно 3".into(),
                    hours: "9–18".into(),
                    from: day,
                    bring: "паспорт".into(),
                }),
            ),
        ];
        for lang in Lang::ALL {
            let list = entries(&events, lang, &Audience::Clerk { clerks: &names });
            assert_eq!(list.len(), 3);
            for e in &list {
                assert!(!e.title.contains("tui-tl"), "{}", e.title);
            }
            assert_eq!(list[1].actor, "Орлова Анна Игоревна");
            assert!(list[2].actor.contains('8'), "{}", list[2].actor);
            assert_eq!(list[2].details.len(), 3);
        }
        let ru = entries(&events, Lang::Ru, &Audience::Clerk { clerks: &names });
        assert!(ru[0].title.contains("07.12.2026"), "{}", ru[0].title);
        assert_eq!(date_time(events[0].at, Lang::Ru), "04.12.2026 10:15");
    }

    #[test]
    fn the_status_line_names_the_stage() {
        let catalogue = ereception_core::domain::catalogue::Catalogue::builtin().expect("valid");
        let service = catalogue.get("house-register-extract").expect("present");
        let stage = service.stages[0].code.clone();
        let line = status_line(&Status::InProgress { stage }, Some(service), Lang::Ru);
        assert!(line.starts_with("Исполняется: "), "{line}");
        assert!(line.ends_with(service.stages[0].title.ru.as_str()), "{line}");
        let unknown = status_line(&Status::InProgress { stage: StageCode::new("gone") }, None, Lang::En);
        assert!(unknown.ends_with(": gone"), "{unknown}");
    }
}
