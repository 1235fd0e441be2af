//! The timeline of an appeal: what the resident's private section and the clerk's terminal show
//! for each [`Event`] — the same words in both places, and the same as the e-mail about it.
//!
//! [`entry`] turns an event into a [`TimelineEntry`]: a one-line title, plain-text details (one
//! item per line; a text someone typed keeps its own line breaks inside its item), who did it and
//! a coarse [`Tone`] for styling. Every word comes from the catalogue (`core/locales/<lang>/
//! timeline.ftl`, ids `timeline-…`); texts typed by people are cleaned of control characters but
//! not escaped — the caller escapes for HTML. [`status_line`] is the one-line headline of an
//! appeal's current status for lists.
//!
//! Who did it depends on who reads it ([`Audience`]): a resident never sees a clerk's name, only
//! «Управа района»; the clerk's terminal names the clerk.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Serialize;

use crate::clock::MOSCOW_OFFSET;
use crate::domain::appeal::FieldValue;
use crate::domain::catalogue::{FieldKind, Service};
use crate::domain::event::{Actor, ConfirmationPurpose, Event, EventKind, PinEnd};
use crate::domain::ids::{ClerkId, DocumentId};
use crate::domain::status::{Refusal, Status};
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::mail::format_date;

#[cfg(test)]
mod tests;

/// One event of a timeline, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    /// «05.12.2026 14:30» in Moscow time.
    pub when: String,
    /// One line: «Обращение зарегистрировано», «Начат этап: Проверка сведений о членах семьи».
    pub title: String,
    /// Details, one item per line, plain text (the caller escapes for HTML): grounds with
    /// remedies, originals to bring, where and when to collect, the new deadline and its reason,
    /// the document's file name… A text someone typed (an answer, a message, an explanation) is
    /// one item that keeps its line breaks (`\n`); show it with `white-space: pre-line` or split it.
    pub details: Vec<String>,
    /// Who: «Вы», «Управа района», «Система» for the applicant; the clerk's name for clerks.
    pub actor: String,
    /// A coarse tone for styling.
    pub tone: Tone,
    /// For a document issued electronically: its id, so the caller can link a download.
    pub document: Option<DocumentId>,
}

/// How an entry feels to the resident, for styling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    /// Progress with nothing to do: filed, a new stage, a message.
    Neutral,
    /// Registered, originals received, ready, issued, answered, address confirmed.
    Good,
    /// The resident must act: originals required, registration refused (fix and file again).
    Action,
    /// Refused, suspended, closed, withdrawn.
    Bad,
}

impl Tone {
    /// A stable lower-case name, for CSS classes and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Tone::Neutral => "neutral",
            Tone::Good => "good",
            Tone::Action => "action",
            Tone::Bad => "bad",
        }
    }
}

/// Who reads the timeline.
pub enum Audience<'a> {
    /// The resident in the private section: clerks appear as «Управа района».
    Applicant,
    /// A clerk in the terminal: clerks appear by name, looked up with `clerk_name` (a clerk it
    /// does not know appears by number).
    Clerk { clerk_name: &'a dyn Fn(ClerkId) -> Option<String> },
}

impl fmt::Debug for Audience<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Audience::Applicant => f.write_str("Applicant"),
            Audience::Clerk { .. } => f.write_str("Clerk"),
        }
    }
}

/// The entry for one event, in `lang`, for `audience`.
pub fn entry(event: &Event, lang: Lang, audience: &Audience<'_>) -> TimelineEntry {
    let Body { title, details, tone, document } = body(&event.kind, lang, audience);
    TimelineEntry {
        at: event.at,
        when: when(event.at, lang),
        title,
        details,
        actor: actor(&event.actor, lang, audience),
        tone,
        document,
    }
}

/// The entries for a timeline's events, in the same order.
pub fn entries(events: &[Event], lang: Lang, audience: &Audience<'_>) -> Vec<TimelineEntry> {
    events.iter().map(|e| entry(e, lang, audience)).collect()
}

/// The headline of an appeal's current status, for lists: «Требуются оригиналы до 11.12.2026»,
/// «Документ готов: с 07.12.2026, ул. Новый Арбат, д. 36». States without data read as their
/// name («Исполняется»).
pub fn status_line(status: &Status, service: Option<&Service>, lang: Lang) -> String {
    match status {
        Status::Submitted => tr(lang, "timeline-status-submitted"),
        Status::RefusedToRegister(r) if !r.grounds.is_empty() => {
            tr_args(lang, "timeline-status-refused-to-register", &[("n", r.grounds.len().into())])
        }
        Status::Refused(r) if !r.grounds.is_empty() => {
            tr_args(lang, "timeline-status-refused", &[("n", r.grounds.len().into())])
        }
        Status::OriginalsRequired(r) => {
            tr_args(lang, "timeline-status-originals-required", &[("date", short_date(r.by, lang).into())])
        }
        Status::Suspended(r) => tr_args(lang, "timeline-status-suspended", &[("date", short_date(r.by, lang).into())]),
        Status::Ready(p) => tr_args(
            lang,
            "timeline-status-ready",
            &[("date", short_date(p.from, lang).into()), ("place", one_line(&p.place).into())],
        ),
        Status::InProgress { stage } if service.and_then(|s| s.stage(stage)).is_some() => {
            let title = service.and_then(|s| s.stage(stage)).map(|s| s.title.get(lang).to_owned()).unwrap_or_default();
            tr_args(lang, "timeline-status-in-progress-stage", &[("stage", title.into())])
        }
        Status::Registered
        | Status::RefusedToRegister(_)
        | Status::InProgress { .. }
        | Status::Refused(_)
        | Status::Closed
        | Status::Issued(_)
        | Status::IssuedElectronically(_)
        | Status::Answered { .. }
        | Status::Withdrawn => tr(lang, status.kind().message_id()),
    }
}

/// What an entry says, before the time and the actor are added.
struct Body {
    title: String,
    details: Vec<String>,
    tone: Tone,
    document: Option<DocumentId>,
}

fn body(kind: &EventKind, lang: Lang, audience: &Audience<'_>) -> Body {
    let date = |d: &NaiveDate| format_date(*d, lang);
    let new = |title: String, tone: Tone, details: Vec<String>| Body { title, details, tone, document: None };
    match kind {
        EventKind::Filed { number, register_by } => new(
            tr(lang, "timeline-filed"),
            Tone::Neutral,
            vec![
                tr_args(lang, "timeline-filed-number", &[("number", one_line(number).into())]),
                tr_args(lang, "timeline-filed-register-by", &[("date", date(register_by).into())]),
            ],
        ),
        EventKind::Registered { deadline } => new(
            tr(lang, "timeline-registered"),
            Tone::Good,
            vec![tr_args(lang, "timeline-registered-deadline", &[("date", date(deadline).into())])],
        ),
        EventKind::RefusedToRegister(refusal) => new(
            tr(lang, "timeline-refused-to-register"),
            Tone::Action,
            refusal_details(refusal, lang, tr(lang, "timeline-refused-to-register-next")),
        ),
        EventKind::StageStarted { title, .. } => new(
            tr_args(lang, "timeline-stage-started", &[("stage", one_line(title.get(lang)).into())]),
            Tone::Neutral,
            Vec::new(),
        ),
        EventKind::OriginalsRequested(request) => {
            let list: Vec<String> = request.originals.iter().map(|o| one_line(o.title.get(lang))).collect();
            new(
                tr(lang, "timeline-originals-requested"),
                Tone::Action,
                vec![
                    tr_args(lang, "timeline-originals-what", &[("list", list.join("; ").into())]),
                    tr_args(lang, "timeline-originals-where", &[("place", one_line(&request.place).into())]),
                    tr_args(lang, "timeline-originals-by", &[("date", date(&request.by).into())]),
                ],
            )
        }
        EventKind::OriginalsReceived => new(tr(lang, "timeline-originals-received"), Tone::Good, Vec::new()),
        EventKind::Suspended { due, originals, place } => {
            let mut details = vec![tr_args(lang, "timeline-suspended-why", &[("date", date(due).into())])];
            if !originals.is_empty() {
                let list: Vec<String> = originals.iter().map(|o| one_line(o.title.get(lang))).collect();
                details.push(tr_args(lang, "timeline-originals-what", &[("list", list.join("; ").into())]));
            }
            if !place.trim().is_empty() {
                details.push(tr_args(lang, "timeline-originals-where", &[("place", one_line(place).into())]));
            }
            details.push(tr(lang, "timeline-suspended-next"));
            new(tr(lang, "timeline-suspended"), Tone::Bad, details)
        }
        EventKind::Closed => new(tr(lang, "timeline-closed"), Tone::Bad, vec![tr(lang, "timeline-closed-why")]),
        EventKind::Refused(refusal) => new(
            tr(lang, "timeline-refused"),
            Tone::Bad,
            refusal_details(refusal, lang, tr(lang, "timeline-refused-next")),
        ),
        EventKind::Ready(pickup) => new(
            tr(lang, "timeline-ready"),
            Tone::Good,
            vec![
                tr_args(lang, "timeline-ready-where", &[("place", one_line(&pickup.place).into())]),
                tr_args(lang, "timeline-ready-from", &[("date", date(&pickup.from).into())]),
                tr_args(lang, "timeline-ready-hours", &[("hours", one_line(&pickup.hours).into())]),
                tr_args(lang, "timeline-ready-bring", &[("bring", one_line(&pickup.bring).into())]),
            ],
        ),
        EventKind::HandedOver(handover) => new(
            tr(lang, "timeline-handed-over"),
            Tone::Good,
            vec![
                tr_args(lang, "timeline-handed-over-to", &[("name", one_line(&handover.collected_by).into())]),
                tr_args(
                    lang,
                    "timeline-handed-over-id",
                    &[(
                        "document",
                        match audience {
                            // The resident sees the kind and the last digits only (152-ФЗ).
                            Audience::Applicant => masked_id_document(&handover.id_document, lang),
                            Audience::Clerk { .. } => one_line(&handover.id_document),
                        }
                        .into(),
                    )],
                ),
            ],
        ),
        EventKind::IssuedElectronically(issued) => Body {
            document: Some(issued.document),
            ..new(
                tr(lang, "timeline-issued-electronically"),
                Tone::Good,
                vec![tr_args(
                    lang,
                    "timeline-issued-electronically-file",
                    &[("file", one_line(&issued.file_name).into())],
                )],
            )
        },
        EventKind::Answered { text } => new(tr(lang, "timeline-answered"), Tone::Good, typed(text)),
        EventKind::Withdrawn => new(tr(lang, "timeline-withdrawn"), Tone::Bad, Vec::new()),
        EventKind::Message { text } => new(tr(lang, "timeline-message"), Tone::Neutral, typed(text)),
        EventKind::DeadlineExtended { from, to, reason } => {
            // the new date, not a count of days: a deadline moved off a day off would
            // otherwise read as longer than the extension chosen
            let title = tr_args(lang, "timeline-deadline-extended", &[("date", date(to).into())]);
            let mut details = vec![tr_args(lang, "timeline-deadline-extended-from", &[("date", date(from).into())])];
            let reason = multi_line(reason);
            if !reason.is_empty() {
                details.push(tr_args(lang, "timeline-deadline-extended-reason", &[("reason", reason.into())]));
            }
            new(title, Tone::Neutral, details)
        }
        EventKind::Corrected { number } => {
            let number = one_line(number);
            new(
                tr_args(lang, "timeline-corrected", &[("number", Arg::from(&number))]),
                Tone::Neutral,
                vec![tr_args(lang, "timeline-corrected-next", &[("number", Arg::from(&number))])],
            )
        }
        EventKind::ConfirmationRequested { purpose } => new(
            tr(lang, "timeline-confirmation-requested"),
            Tone::Neutral,
            match purpose {
                ConfirmationPurpose::Account => Vec::new(),
                ConfirmationPurpose::Question => vec![tr(lang, "timeline-confirmation-requested-question")],
            },
        ),
        EventKind::EmailConfirmed { purpose } => new(
            tr(lang, "timeline-email-confirmed"),
            Tone::Good,
            match purpose {
                ConfirmationPurpose::Account => Vec::new(),
                ConfirmationPurpose::Question => vec![tr(lang, "timeline-email-confirmed-question")],
            },
        ),
        EventKind::QuestionAnswered { text } => new(tr(lang, "timeline-question-answered"), Tone::Good, typed(text)),
        EventKind::EmailChangeRequested { to } => new(
            tr(lang, "timeline-email-change-requested"),
            Tone::Neutral,
            vec![tr_args(lang, "timeline-email-change-requested-to", &[("email", Arg::from(to))])],
        ),
        EventKind::PinRevoked { why } => new(
            tr(
                lang,
                match why {
                    PinEnd::Reissued => "timeline-pin-reissued",
                    PinEnd::LeftRegistry => "timeline-pin-left",
                    PinEnd::Revoked => "timeline-pin-revoked",
                },
            ),
            Tone::Neutral,
            Vec::new(),
        ),
    }
}

/// One of a service's own fields as it was filed, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FiledField {
    pub key: String,
    /// The catalogue's label («Дети»), or the key when the catalogue no longer has the field.
    pub label: String,
    /// The value as text, a line each: one line for most fields, a line per person for a list of
    /// people («Иванова Мария Петровна, 12.03.2015»), the lines typed into a long text.
    pub lines: Vec<String>,
}

/// The service's own fields of an appeal as filed, in the catalogue's order (fields the
/// catalogue no longer lists come last, under their keys): what the resident's page and the
/// clerk's card show of what was filed. `date` formats dates (birth dates, dates asked for).
pub fn filed_fields(
    service: Option<&Service>,
    fields: &BTreeMap<String, FieldValue>,
    lang: Lang,
    date: impl Fn(NaiveDate) -> String,
) -> Vec<FiledField> {
    let specs = service.map(|s| s.fields.as_slice()).unwrap_or_default();
    let mut out: Vec<FiledField> = specs
        .iter()
        .filter_map(|spec| {
            fields.get(&spec.key).map(|value| FiledField {
                key: spec.key.clone(),
                label: spec.label.get(lang).to_owned(),
                lines: value_lines(Some(&spec.kind), value, lang, &date),
            })
        })
        .collect();
    for (key, value) in fields {
        if !specs.iter().any(|s| &s.key == key) {
            out.push(FiledField { key: key.clone(), label: key.clone(), lines: value_lines(None, value, lang, &date) });
        }
    }
    out.retain(|f| !f.lines.is_empty());
    out
}

fn value_lines(
    kind: Option<&FieldKind>,
    value: &FieldValue,
    lang: Lang,
    date: &impl Fn(NaiveDate) -> String,
) -> Vec<String> {
    match value {
        FieldValue::Text(s) => s.lines().map(one_line).filter(|l| !l.is_empty()).collect(),
        FieldValue::Date(d) => vec![date(*d)],
        FieldValue::Number(n) => vec![n.to_string()],
        FieldValue::Choice(code) => vec![match kind {
            Some(FieldKind::Choice { options }) => {
                options.iter().find(|o| &o.code == code).map_or_else(|| code.clone(), |o| o.label.get(lang).to_owned())
            }
            _ => code.clone(),
        }],
        FieldValue::Persons(people) => {
            people.iter().map(|p| format!("{}, {}", one_line(&p.name.full()), date(p.birth_date))).collect()
        }
    }
}

/// An identity document as the resident may see it: its kind and the last three digits of its
/// number, the rest masked: «паспорт 45 24 276000» → «паспорт № ••• 000» (“passport No. ••• 000”);
/// the number is the last run of six digits or more, so an issue date after it does not count.
/// The clerk types the document as free text, so everything after its first digit goes: series,
/// number, issue date and issuer alike. A number too short to keep three digits of is masked
/// whole; a text with no digits («паспорт») is shown as it is.
pub fn masked_id_document(id_document: &str, lang: Lang) -> String {
    let text = one_line(id_document);
    let Some(first_digit) = text.find(|c: char| c.is_ascii_digit()) else {
        return text;
    };
    let kind = text[..first_digit].trim_end_matches(|c: char| c.is_whitespace() || "№#:,.-".contains(c));
    // the number proper is the last run of at least six digits («276000» in «4524 № 276000,
    // выдан 12.03.2015»); without one, the digits as a whole
    let runs: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 6).collect();
    let digits: Vec<char> = match runs.last() {
        Some(run) => run.chars().collect(),
        None => text.chars().filter(char::is_ascii_digit).collect(),
    };
    let last: String = if digits.len() >= 6 { digits[digits.len() - 3..].iter().collect() } else { String::new() };
    let sign = match lang {
        Lang::Ru => "№",
        Lang::En => "No.",
    };
    let masked = if last.is_empty() { format!("{sign} •••") } else { format!("{sign} ••• {last}") };
    let kind = match lang {
        Lang::En => english_id_kind(kind).unwrap_or(kind),
        Lang::Ru => kind,
    };
    if kind.is_empty() { masked } else { format!("{kind} {masked}") }
}

/// The usual identity documents, as an English letter names them (clerks type them in
/// Russian): «паспорт» is “passport”, not «паспорт No.». Others stay as typed.
fn english_id_kind(kind: &str) -> Option<&'static str> {
    let key = kind.to_lowercase().replace('ё', "е");
    let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match key.as_str() {
        "паспорт" | "паспорт рф" | "паспорт гражданина рф" | "паспорт гражданина российской федерации" => {
            "passport"
        }
        "загранпаспорт" | "заграничный паспорт" => "international passport",
        "вид на жительство" => "residence permit",
        "водительское удостоверение" => "driving licence",
        "военный билет" => "military ID",
        _ => return None,
    })
}

/// Each ground with its remedy, the clerk's explanation, then what to do next.
fn refusal_details(refusal: &Refusal, lang: Lang, next: String) -> Vec<String> {
    let mut details = Vec::with_capacity(refusal.grounds.len() * 2 + 2);
    for ground in &refusal.grounds {
        details.push(tr_args(lang, "timeline-ground", &[("text", one_line(ground.text.get(lang)).into())]));
        let remedy = one_line(ground.remedy.get(lang));
        if !remedy.is_empty() {
            details.push(tr_args(lang, "timeline-remedy", &[("text", remedy.into())]));
        }
    }
    let explanation = refusal.added_explanation().map(multi_line).unwrap_or_default();
    if !explanation.is_empty() {
        details.push(tr_args(lang, "timeline-explanation", &[("text", explanation.into())]));
    }
    details.push(next);
    details
}

/// A typed text as the only detail, unless it is blank.
fn typed(text: &str) -> Vec<String> {
    let text = multi_line(text);
    if text.is_empty() { Vec::new() } else { vec![text] }
}

fn actor(actor: &Actor, lang: Lang, audience: &Audience<'_>) -> String {
    match (audience, actor) {
        (_, Actor::System) => tr(lang, "timeline-actor-system"),
        (Audience::Applicant, Actor::Applicant(_) | Actor::Asker) => tr(lang, "timeline-actor-you"),
        (Audience::Applicant, Actor::Clerk(_) | Actor::Admin(_)) => tr(lang, "timeline-actor-council"),
        (Audience::Clerk { .. }, Actor::Applicant(_)) => tr(lang, "timeline-actor-applicant"),
        (Audience::Clerk { .. }, Actor::Asker) => tr(lang, "timeline-actor-asker"),
        (Audience::Clerk { clerk_name }, Actor::Clerk(id)) => clerk_name(*id)
            .map(|name| one_line(&name))
            .filter(|name| !name.is_empty())
            .unwrap_or_else(|| tr_args(lang, "timeline-actor-clerk", &[("id", id.to_string().into())])),
        (Audience::Clerk { .. }, Actor::Admin(login)) => {
            tr_args(lang, "timeline-actor-admin", &[("login", one_line(login).into())])
        }
    }
}

/// «05.12.2026 14:30»: the instant in Moscow time.
fn when(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&MOSCOW_OFFSET);
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    tr_args(lang, "timeline-when", &[("date", short_date(local.date_naive(), lang).into()), ("time", time.into())])
}

/// «11.12.2026», “11 Dec 2026”: a date in a list or a time stamp.
fn short_date(date: NaiveDate, lang: Lang) -> String {
    tr_args(
        lang,
        "timeline-short-date",
        &[
            ("dd", format!("{:02}", date.day()).into()),
            ("mm", format!("{:02}", date.month()).into()),
            ("day", date.day().into()),
            ("month", date.month().into()),
            ("year", date.year().into()),
        ],
    )
}

/// Typed text on one line: every run of whitespace or control characters becomes one space.
fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Typed text with its lines kept: line ends become `\n`, tabs spaces; other control characters
/// (a terminal escape typed into an answer) and trailing spaces go.
fn multi_line(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(|line| {
            let line: String =
                line.chars().map(|c| if c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect();
            line.trim_end().to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}
