//! What the system holds about one resident, for the council's answer to a request under
//! 152-ФЗ art. 14 (the subject's right to know which of their personal data are processed, how
//! and by whom): the registry record, every PIN account with its address and language, every
//! appeal as filed with its timeline and documents, the questions asked from the resident's
//! addresses, the letters sent, and who in the council worked with these records.
//!
//! [`collect`] reads it all in one read transaction and words it in the reader's language
//! ([`Report`]); `clerk-tui resident data` prints it and records that it did.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::schema::{accounts, audit_log, outbox, questions as questions_t};
use super::{DbConn, StoreError, appeals, catalogue, questions, residents, utc};
use crate::clock::MOSCOW_OFFSET;
use crate::domain::audit::AuditAction;
use crate::domain::event::{Event, Subject};
use crate::domain::ids::{AccountId, QuestionId, ResidentId};
use crate::domain::person::Resident;
use crate::i18n::{Arg, Lang, tr, tr_args};
use crate::timeline::{Audience, entries, filed_fields, status_line};

/// One part of the report: a heading and its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<String>,
}

/// Everything held about one resident, worded in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub resident: ResidentId,
    pub sections: Vec<Section>,
    /// Counts, for the audit row: accounts, appeals, questions, letters, access records.
    pub counts: BTreeMap<&'static str, usize>,
}

impl Report {
    /// The report as plain text: a heading a section, its lines indented under it.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, s) in self.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&s.heading);
            out.push('\n');
            for line in &s.lines {
                for (j, part) in line.split('\n').enumerate() {
                    out.push_str(if j == 0 { "  " } else { "    " });
                    out.push_str(part);
                    out.push('\n');
                }
            }
        }
        out
    }
}

/// A Moscow date and time: «05.12.2026 14:30».
fn moscow(at: DateTime<Utc>) -> String {
    at.with_timezone(&MOSCOW_OFFSET).format("%d.%m.%Y %H:%M").to_string()
}

fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Why a PIN was revoked: the reasons the system gives in words, a clerk's own as typed.
fn revoke_reason(reason: Option<&str>, lang: Lang) -> String {
    match reason.unwrap_or_default() {
        "reissued" => tr(lang, "pd-revoked-reissued"),
        "left-registry" => tr(lang, "pd-revoked-left-registry"),
        typed => typed.to_owned(),
    }
}

fn item(lang: Lang, id: &str, value: impl Into<String>) -> String {
    format!("{}: {}", tr(lang, id), value.into())
}

/// The report on the resident with registry id `registry_id`, or `None` when the registry has
/// no such record. `now` is the moment it is made (its first line says so).
pub fn collect(
    conn: &mut DbConn,
    registry_id: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Option<Report>, StoreError> {
    // one transaction: the parts agree with each other
    conn.transaction(|conn| {
        let Some(resident) = residents::by_registry_id(conn, registry_id)? else { return Ok(None) };
        Ok(Some(report(conn, &resident, lang, now)?))
    })
}

#[derive(Queryable)]
struct AccountRow {
    id: i64,
    number: String,
    email: Option<String>,
    email_confirmed_at: Option<chrono::NaiveDateTime>,
    lang: String,
    issued_by: String,
    issued_at: chrono::NaiveDateTime,
    desk: String,
    revoked_at: Option<chrono::NaiveDateTime>,
    revoke_reason: Option<String>,
}

#[derive(Queryable)]
struct LetterRow {
    id: i64,
    event_id: i64,
    recipient: String,
    status: String,
    created_at: chrono::NaiveDateTime,
    sent_at: Option<chrono::NaiveDateTime>,
}

fn report(conn: &mut DbConn, resident: &Resident, lang: Lang, now: DateTime<Utc>) -> Result<Report, StoreError> {
    let mut sections = Vec::new();
    let mut counts = BTreeMap::new();
    sections.push(Section {
        heading: tr_args(lang, "pd-title", &[("name", resident.name.full().into()), ("at", moscow(now).into())]),
        lines: vec![tr(lang, "pd-intro")],
    });

    // the registry record
    let mut lines = vec![
        item(lang, "pd-registry-id", resident.registry_id.to_string()),
        item(lang, "pd-name", resident.name.full()),
        item(lang, "pd-birth-date", day(resident.birth_date)),
        item(lang, "pd-address", resident.address.line()),
        item(lang, "pd-registration", tr(lang, resident.registration_kind.message_id())),
    ];
    if resident.left {
        lines.push(tr(lang, "pd-left"));
    }
    sections.push(Section { heading: tr(lang, "pd-registry"), lines });

    // what was typed and done, worded as the resident's own private section words it
    let catalogue = catalogue::active(conn)?;
    let mut titles: BTreeMap<i64, String> = BTreeMap::new();
    let timeline = |events: &[Event], titles: &mut BTreeMap<i64, String>| -> Vec<String> {
        entries(events, lang, &Audience::Applicant)
            .into_iter()
            .zip(events)
            .map(|(e, event)| {
                titles.insert(event.id.0, e.title.clone());
                let mut line = format!("{}  {}", moscow(e.at), e.title);
                for d in &e.details {
                    line.push('\n');
                    line.push_str(d);
                }
                line
            })
            .collect()
    };

    // the PIN accounts, the current one and those revoked
    let rows: Vec<AccountRow> = accounts::table
        .filter(accounts::resident_id.eq(resident.id.0))
        .order(accounts::issued_at.asc())
        .select((
            accounts::id,
            accounts::number,
            accounts::email,
            accounts::email_confirmed_at,
            accounts::lang,
            accounts::issued_by,
            accounts::issued_at,
            accounts::desk,
            accounts::revoked_at,
            accounts::revoke_reason,
        ))
        .load(conn)?;
    counts.insert("accounts", rows.len());
    let mut emails: Vec<String> = Vec::new();
    let mut account_ids: Vec<i64> = Vec::new();
    for a in &rows {
        account_ids.push(a.id);
        let mut lines = vec![
            item(
                lang,
                "pd-account-issued",
                tr_args(
                    lang,
                    "pd-account-issued-value",
                    &[
                        ("at", moscow(utc(a.issued_at)).into()),
                        ("by", a.issued_by.as_str().into()),
                        ("desk", a.desk.as_str().into()),
                    ],
                ),
            ),
            item(lang, "pd-account-pin", tr(lang, "pd-account-pin-hash")),
        ];
        match &a.email {
            Some(email) => {
                emails.push(email.clone());
                let state = match a.email_confirmed_at {
                    Some(at) => tr_args(lang, "pd-email-confirmed", &[("at", moscow(utc(at)).into())]),
                    None => tr(lang, "pd-email-unconfirmed"),
                };
                lines.push(item(lang, "pd-email", format!("{email} ({state})")));
            }
            None => lines.push(item(lang, "pd-email", tr(lang, "pd-none"))),
        }
        let letters_lang: Lang = a.lang.parse().map_err(|e| StoreError::corrupt("language", e))?;
        let lang_name = match letters_lang {
            Lang::Ru => "pd-lang-ru",
            Lang::En => "pd-lang-en",
        };
        lines.push(item(lang, "pd-letters-lang", tr(lang, lang_name)));
        lines.push(match (a.revoked_at, &a.revoke_reason) {
            (Some(at), reason) => item(
                lang,
                "pd-account-state",
                tr_args(
                    lang,
                    "pd-account-revoked",
                    &[("at", moscow(utc(at)).into()), ("reason", revoke_reason(reason.as_deref(), lang).into())],
                ),
            ),
            (None, _) => item(lang, "pd-account-state", tr(lang, "pd-account-active")),
        });
        let events = appeals::events_of(conn, Subject::Account(AccountId(a.id)))?;
        lines.extend(timeline(&events, &mut titles));
        // grouped as on the resident's slip: «694 031 83 12»
        let number = crate::account::AccountNumber::parse(&a.number)
            .map_err(|e| StoreError::corrupt("account number", e))?
            .to_string();
        sections.push(Section { heading: tr_args(lang, "pd-account", &[("number", number.into())]), lines });
    }
    if rows.is_empty() {
        sections.push(Section { heading: tr(lang, "pd-accounts"), lines: vec![tr(lang, "pd-no-accounts")] });
    }

    // every appeal, as filed, with its timeline and documents
    let filed = appeals::list_for_resident(conn, resident.id)?;
    counts.insert("appeals", filed.len());
    for appeal in &filed {
        let service = catalogue.services().iter().find(|s| s.code == appeal.service);
        let title = service.map_or_else(|| appeal.service.as_str().to_owned(), |s| s.title.get(lang).to_owned());
        let id = &appeal.draft.identity;
        let typed = id.address(&appeal.district);
        let mut lines = vec![
            item(lang, "pd-appeal-filed", moscow(appeal.filed_at)),
            item(lang, "pd-appeal-status", status_line(&appeal.status, service, lang)),
            item(lang, "pd-appeal-identity", format!("{}, {}, {}", id.name.full(), day(id.birth_date), typed.line())),
        ];
        for field in filed_fields(service, &appeal.draft.fields, lang, day) {
            lines.push(format!("{}: {}", field.label, field.lines.join("; ")));
        }
        for d in appeals::documents(conn, appeal.id)? {
            lines.push(item(
                lang,
                "pd-appeal-document",
                tr_args(
                    lang,
                    "pd-appeal-document-value",
                    &[
                        ("file", d.file_name.as_str().into()),
                        ("size", Arg::from(d.size)),
                        ("at", moscow(d.created_at).into()),
                    ],
                ),
            ));
        }
        let events = appeals::timeline(conn, appeal.id)?;
        lines.extend(timeline(&events, &mut titles));
        sections.push(Section {
            heading: tr_args(
                lang,
                "pd-appeal",
                &[("number", appeal.number.to_string().into()), ("service", title.into())],
            ),
            lines,
        });
    }

    // questions asked from one of the resident's addresses (a question needs no PIN: the
    // address is what links it to them)
    emails.sort();
    emails.dedup();
    let question_ids: Vec<i64> = questions_t::table
        .filter(questions_t::email.eq_any(&emails))
        .order(questions_t::asked_at.asc())
        .select(questions_t::id)
        .load(conn)?;
    counts.insert("questions", question_ids.len());
    for qid in &question_ids {
        let Some((q, _)) = questions::get(conn, QuestionId(*qid))? else { continue };
        let mut lines = vec![item(lang, "pd-question-name", q.name.clone()), item(lang, "pd-email", q.email.clone())];
        if let Some(address) = &q.address {
            lines.push(item(lang, "pd-address", address.clone()));
        }
        lines.push(item(lang, "pd-question-text", q.text.clone()));
        if let (Some(answer), Some(at)) = (&q.answer, q.answered_at) {
            lines.push(item(lang, "pd-question-answer", format!("{} ({})", answer, moscow(at))));
        }
        let events = appeals::events_of(conn, Subject::Question(q.id))?;
        for e in &events {
            // titles for the letters below; the question's own lines say the rest
            titles.entry(e.id.0).or_insert_with(|| crate::timeline::entry(e, lang, &Audience::Applicant).title);
        }
        sections.push(Section { heading: tr_args(lang, "pd-question", &[("at", moscow(q.asked_at).into())]), lines });
    }

    // letters about the resident's own accounts, appeals and questions (an address shared in
    // a family also gets letters about the others' appeals: those are not the resident's)
    let appeal_ids: Vec<i64> = filed.iter().map(|a| a.id.0).collect();
    let event_ids: Vec<i64> = titles.keys().copied().collect();
    let mut letters: Vec<LetterRow> = Vec::new();
    for chunk in event_ids.chunks(500) {
        letters.extend(
            outbox::table
                .filter(outbox::event_id.eq_any(chunk))
                .select((
                    outbox::id,
                    outbox::event_id,
                    outbox::recipient,
                    outbox::status,
                    outbox::created_at,
                    outbox::sent_at,
                ))
                .load::<LetterRow>(conn)?,
        );
    }
    letters.sort_by_key(|l| (l.created_at, l.id));
    counts.insert("letters", letters.len());
    let lines = if letters.is_empty() {
        vec![tr(lang, "pd-none")]
    } else {
        letters
            .iter()
            .map(|l| {
                let state = match (l.status.as_str(), l.sent_at) {
                    ("sent", Some(at)) => tr_args(lang, "pd-letter-sent", &[("at", moscow(utc(at)).into())]),
                    ("failed", _) => tr(lang, "pd-letter-failed"),
                    _ => tr(lang, "pd-letter-pending"),
                };
                let about = titles.get(&l.event_id).cloned().unwrap_or_default();
                format!("{}  {} — {} ({})", moscow(utc(l.created_at)), l.recipient, about, state)
            })
            .collect()
    };
    sections.push(Section { heading: tr(lang, "pd-letters"), lines });

    // who in the council worked with these records: the rows naming them, and the searches
    // that listed the resident
    let mut subjects = vec![format!("resident:{}", resident.id.0)];
    subjects.extend(account_ids.iter().map(|id| format!("account:{id}")));
    subjects.extend(appeal_ids.iter().map(|id| format!("appeal:{id}")));
    subjects.extend(question_ids.iter().map(|id| format!("question:{id}")));
    let named: Vec<(i64, chrono::NaiveDateTime, String, String)> = audit_log::table
        .filter(audit_log::subject.eq_any(&subjects))
        .select((audit_log::id, audit_log::at, audit_log::actor, audit_log::action))
        .load(conn)?;
    // a search's details list the residents it showed: «"residents":[12,17]»; the LIKE only
    // narrows, the JSON decides
    let searches: Vec<(i64, chrono::NaiveDateTime, String, String, String)> = audit_log::table
        .filter(audit_log::subject.eq("residents:search"))
        .filter(audit_log::details.like(format!("%{}%", resident.id.0)))
        .select((audit_log::id, audit_log::at, audit_log::actor, audit_log::action, audit_log::details))
        .load(conn)?;
    let mut access: Vec<(i64, chrono::NaiveDateTime, String, String)> = named;
    for (id, at, actor, action, details) in searches {
        let listed = serde_json::from_str::<serde_json::Value>(&details)
            .ok()
            .and_then(|v| v.get("residents").and_then(|r| r.as_array()).cloned())
            .is_some_and(|ids| ids.iter().any(|x| x.as_i64() == Some(resident.id.0)));
        if listed {
            access.push((id, at, actor, action));
        }
    }
    access.sort_by_key(|(id, ..)| *id);
    counts.insert("access", access.len());
    let lines = if access.is_empty() {
        vec![tr(lang, "pd-none")]
    } else {
        access
            .iter()
            .map(|(_, at, actor, action)| {
                let name = AuditAction::parse(action).map_or_else(|| action.clone(), |a| tr(lang, &a.message_id()));
                format!("{}  {}  {}", moscow(utc(*at)), actor, name)
            })
            .collect()
    };
    sections.push(Section { heading: tr(lang, "pd-access"), lines });

    Ok(Report { resident: resident.id, sections, counts })
}
