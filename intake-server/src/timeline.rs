//! A private stand-in for `core::timeline` (being written beside this crate): the same shape —
//! `entries(&[Event], Lang, &Audience) -> Vec<TimelineEntry>` and `status_line(&Status, Lang)` —
//! so that the appeal page and the JSON API switch to core's by changing one `use`.
//! TODO(merge): replace this module with `ereception_core::timeline`.

use chrono::{DateTime, Utc};
use ereception_core::domain::event::{Actor, Event, EventKind};
use ereception_core::domain::ids::DocumentId;
use ereception_core::domain::status::{Refusal, Status};
use ereception_core::i18n::{Arg, Lang, tr, tr_args};

use crate::pages::text::date;

/// Who reads the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// The resident, in the private section.
    Applicant,
}

/// How an entry reads: good news, something to do, a refusal, or plain information.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Neutral,
    Positive,
    ActionNeeded,
    Negative,
}

impl Tone {
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Positive => "positive",
            Tone::ActionNeeded => "action",
            Tone::Negative => "negative",
        }
    }
}

/// One entry of an appeal's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineEntry {
    pub when: DateTime<Utc>,
    pub title: String,
    pub details: Vec<String>,
    /// Who did it, as the reader should see it («Вы», «Управа района»).
    pub actor: String,
    pub tone: Tone,
    /// A document that can be downloaded from this entry.
    pub document: Option<DocumentId>,
}

fn refusal_details(r: &Refusal, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for g in &r.grounds {
        out.push(tr_args(lang, "web-tl-ground", &[("text", Arg::from(g.text.get(lang)))]));
        out.push(tr_args(lang, "web-tl-remedy", &[("text", Arg::from(g.remedy.get(lang)))]));
    }
    if !r.explanation.trim().is_empty() {
        out.push(tr_args(lang, "web-tl-explanation", &[("text", Arg::from(r.explanation.as_str()))]));
    }
    out
}

/// The entries of `events`, oldest first, as `audience` reads them.
pub fn entries(events: &[Event], lang: Lang, audience: &Audience) -> Vec<TimelineEntry> {
    let Audience::Applicant = audience;
    events
        .iter()
        .map(|e| {
            let actor = match &e.actor {
                Actor::Applicant(_) | Actor::Asker => tr(lang, "web-tl-actor-you"),
                Actor::Clerk(_) | Actor::Admin(_) => tr(lang, "web-tl-actor-council"),
                Actor::System => String::new(),
            };
            let d = |day| date(day, lang);
            let (title, details, tone, document) = match &e.kind {
                EventKind::Filed { number, register_by } => (
                    tr(lang, "web-tl-filed"),
                    vec![
                        tr_args(lang, "web-tl-filed-number", &[("number", Arg::from(number.as_str()))]),
                        tr_args(lang, "web-tl-filed-register-by", &[("date", Arg::from(d(*register_by)))]),
                    ],
                    Tone::Neutral,
                    None,
                ),
                EventKind::Registered { deadline } => (
                    tr(lang, "web-tl-registered"),
                    vec![tr_args(lang, "web-tl-deadline", &[("date", Arg::from(d(*deadline)))])],
                    Tone::Positive,
                    None,
                ),
                EventKind::RefusedToRegister(r) => {
                    (tr(lang, "web-tl-refused-to-register"), refusal_details(r, lang), Tone::Negative, None)
                }
                EventKind::StageStarted { title, .. } => (
                    tr_args(lang, "web-tl-stage", &[("stage", Arg::from(title.get(lang)))]),
                    Vec::new(),
                    Tone::Neutral,
                    None,
                ),
                EventKind::OriginalsRequested(req) => {
                    let list: Vec<&str> = req.originals.iter().map(|o| o.title.get(lang)).collect();
                    (
                        tr(lang, "web-tl-originals"),
                        vec![
                            tr_args(lang, "web-tl-originals-what", &[("list", Arg::from(list.join("; ")))]),
                            tr_args(lang, "web-tl-originals-where", &[("place", Arg::from(req.place.as_str()))]),
                            tr_args(lang, "web-tl-originals-by", &[("date", Arg::from(d(req.by)))]),
                        ],
                        Tone::ActionNeeded,
                        None,
                    )
                }
                EventKind::OriginalsReceived => {
                    (tr(lang, "web-tl-originals-received"), Vec::new(), Tone::Positive, None)
                }
                EventKind::Suspended { due } => (
                    tr(lang, "web-tl-suspended"),
                    vec![tr_args(lang, "web-tl-suspended-detail", &[("date", Arg::from(d(*due)))])],
                    Tone::Negative,
                    None,
                ),
                EventKind::Closed => (tr(lang, "web-tl-closed"), Vec::new(), Tone::Neutral, None),
                EventKind::Refused(r) => (tr(lang, "web-tl-refused"), refusal_details(r, lang), Tone::Negative, None),
                EventKind::Ready(p) => (
                    tr(lang, "web-tl-ready"),
                    vec![
                        tr_args(lang, "web-tl-ready-where", &[("place", Arg::from(p.place.as_str()))]),
                        tr_args(lang, "web-tl-ready-hours", &[("hours", Arg::from(p.hours.as_str()))]),
                        tr_args(lang, "web-tl-ready-from", &[("date", Arg::from(d(p.from)))]),
                        tr_args(lang, "web-tl-ready-bring", &[("bring", Arg::from(p.bring.as_str()))]),
                    ],
                    Tone::ActionNeeded,
                    None,
                ),
                EventKind::HandedOver(h) => (
                    tr(lang, "web-tl-handed-over"),
                    vec![tr_args(lang, "web-tl-handed-over-to", &[("name", Arg::from(h.collected_by.as_str()))])],
                    Tone::Positive,
                    None,
                ),
                EventKind::IssuedElectronically(doc) => (
                    tr(lang, "web-tl-issued-electronically"),
                    vec![tr_args(lang, "web-tl-file", &[("name", Arg::from(doc.file_name.as_str()))])],
                    Tone::Positive,
                    Some(doc.document),
                ),
                EventKind::Answered { text } => (tr(lang, "web-tl-answered"), vec![text.clone()], Tone::Positive, None),
                EventKind::Withdrawn => (tr(lang, "web-tl-withdrawn"), Vec::new(), Tone::Neutral, None),
                EventKind::Message { text } => (tr(lang, "web-tl-message"), vec![text.clone()], Tone::Neutral, None),
                EventKind::DeadlineExtended { from, to, reason } => (
                    tr(lang, "web-tl-extended"),
                    vec![
                        tr_args(
                            lang,
                            "web-tl-extended-dates",
                            &[("from", Arg::from(d(*from))), ("to", Arg::from(d(*to)))],
                        ),
                        tr_args(lang, "web-tl-extended-reason", &[("reason", Arg::from(reason.as_str()))]),
                    ],
                    Tone::Neutral,
                    None,
                ),
                EventKind::Corrected { number } => (
                    tr_args(lang, "web-tl-corrected", &[("number", Arg::from(number.as_str()))]),
                    Vec::new(),
                    Tone::Neutral,
                    None,
                ),
                EventKind::ConfirmationRequested { .. } | EventKind::EmailConfirmed { .. } => {
                    (tr(lang, "web-tl-email"), Vec::new(), Tone::Neutral, None)
                }
                EventKind::QuestionAnswered { text } => {
                    (tr(lang, "web-tl-answered"), vec![text.clone()], Tone::Positive, None)
                }
            };
            TimelineEntry { when: e.at, title, details, actor, tone, document }
        })
        .collect()
}

/// One line saying where the appeal stands: «Исполняется» (the stage is named by the page).
pub fn status_line(status: &Status, lang: Lang) -> String {
    tr(lang, status.kind().message_id())
}
