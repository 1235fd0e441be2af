//! Questions asked without a PIN: asked, confirmed by e-mail, answered by a clerk.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::appeals::{EventSubject, insert_event_for};
use super::schema::{email_confirmations, events, outbox, questions, residents};
use super::{DbConn, StoreError, accounts, audit, ts, utc, write_txn};
use crate::clock::{ANSWER_TERM, CalendarError, ProductionCalendar};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::clerk::{Clerk, Role};
use crate::domain::event::{Actor, ConfirmationPurpose, EventKind};
use crate::domain::ids::{ClerkId, DistrictCode, QuestionId};
use crate::domain::question::{Question, QuestionDraft, QuestionStatus};
use crate::i18n::{Lang, Msg};
use crate::registry::{ParsedAddress, name_key};

#[derive(Queryable, Selectable)]
#[diesel(table_name = questions)]
struct QuestionRow {
    id: i64,
    district_code: String,
    name: String,
    email: String,
    lang: String,
    body: String,
    status: String,
    asked_at: NaiveDateTime,
    due_on: NaiveDate,
    answer: Option<String>,
    answered_by: Option<i64>,
    answered_at: Option<NaiveDateTime>,
    address: Option<String>,
}

impl QuestionRow {
    fn question(self) -> Result<(Question, NaiveDate), StoreError> {
        Ok((
            Question {
                id: QuestionId(self.id),
                district: DistrictCode::parse(&self.district_code)
                    .ok_or_else(|| StoreError::corrupt("district code", &self.district_code))?,
                name: self.name,
                email: self.email,
                lang: self.lang.parse().map_err(|e| StoreError::corrupt("language", e))?,
                text: self.body,
                address: self.address,
                status: QuestionStatus::parse(&self.status)
                    .ok_or_else(|| StoreError::corrupt("question status", &self.status))?,
                asked_at: utc(self.asked_at),
                answer: self.answer,
                answered_by: self.answered_by.map(ClerkId),
                answered_at: self.answered_at.map(utc),
            },
            self.due_on,
        ))
    }
}

/// A question just asked: its id and the confirmation link's token (mailed by the outbox).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    pub id: QuestionId,
    pub confirmation: String,
}

/// Why a question could not be asked or answered.
#[derive(Debug, thiserror::Error)]
pub enum QuestionError {
    #[error("district {0} is not in the database")]
    UnknownDistrict(String),
    #[error("no such question")]
    NotFound,
    #[error("the question is not open")]
    NotOpen,
    #[error("the answer is empty or too long")]
    BadAnswer,
    /// The address had [`LETTERS_PER_ADDRESS_PER_DAY`] confirmation letters in the last 24 hours.
    #[error("too many confirmation letters to this address today")]
    TooManyLetters { retry_at: DateTime<Utc> },
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(QuestionError);

impl QuestionError {
    pub fn message(&self) -> Msg {
        match self {
            QuestionError::UnknownDistrict(code) => Msg::new("error-unknown-district").arg("code", code.as_str()),
            QuestionError::NotFound => Msg::new("question-error-not-found"),
            QuestionError::NotOpen => Msg::new("question-error-not-open"),
            QuestionError::BadAnswer => Msg::new("decide-error-bad-text"),
            QuestionError::TooManyLetters { .. } => Msg::new("question-error-too-many-letters"),
            QuestionError::Calendar(e) => e.msg(),
            QuestionError::Store(_) => Msg::new("error-internal"),
        }
    }
}

/// The most confirmation letters one address gets in any 24 hours from the question form:
/// the form is open to anyone, and must not become a way to flood someone's mailbox.
pub const LETTERS_PER_ADDRESS_PER_DAY: i64 = 3;

/// Records a question; it enters the clerks' queue once its e-mail address is confirmed.
///
/// Refused with [`QuestionError::TooManyLetters`], writing nothing, when the address has had
/// [`LETTERS_PER_ADDRESS_PER_DAY`] confirmation letters (of any purpose) in the last 24 hours.
pub fn ask(
    conn: &mut DbConn,
    district: &DistrictCode,
    draft: &QuestionDraft,
    lang: Lang,
    cal: &ProductionCalendar,
    now: DateTime<Utc>,
) -> Result<Asked, QuestionError> {
    let due = cal.due_date(now, ANSWER_TERM)?;
    write_txn(conn, |conn| {
        if super::districts::get(conn, district.as_str())?.is_none() {
            return Err(QuestionError::UnknownDistrict(district.to_string()));
        }
        let sent: Vec<NaiveDateTime> = email_confirmations::table
            .filter(email_confirmations::email.eq(draft.email.as_str()))
            .filter(email_confirmations::created_at.gt(ts(now - Duration::days(1))))
            .order(email_confirmations::created_at.asc())
            .select(email_confirmations::created_at)
            .load(conn)?;
        if i64::try_from(sent.len()).unwrap_or(i64::MAX) >= LETTERS_PER_ADDRESS_PER_DAY
            && let Some(first) = sent.first()
        {
            return Err(QuestionError::TooManyLetters { retry_at: utc(*first) + Duration::days(1) });
        }
        let id: i64 = diesel::insert_into(questions::table)
            .values((
                questions::district_code.eq(district.as_str()),
                questions::name.eq(&draft.name),
                questions::email.eq(draft.email.as_str()),
                questions::lang.eq(lang.code()),
                questions::body.eq(&draft.text),
                questions::address.eq(draft.address.as_deref()),
                questions::status.eq(QuestionStatus::Unconfirmed.as_str()),
                questions::asked_at.eq(ts(now)),
                questions::due_on.eq(due),
                questions::name_key.eq(name_key(&draft.name)),
            ))
            .returning(questions::id)
            .get_result(conn)?;
        let confirmation = accounts::request_confirmation(
            conn,
            ConfirmationPurpose::Question,
            None,
            Some(QuestionId(id)),
            &draft.email,
            now,
        )?;
        Ok(Asked { id: QuestionId(id), confirmation })
    })
}

/// Deletes the questions whose confirmation link expired unused ([`accounts::CONFIRMATION_TTL`]
/// after they were asked), with what hangs on them: their confirmation rows, their events
/// (the confirmation request) and those events' outbox rows. Nobody confirmed the e-mail
/// address, so nothing of the question is kept (152-ФЗ): not its name, e-mail, address or
/// text. Returns how many questions went.
pub fn purge_unconfirmed(conn: &mut DbConn, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let before = ts(now - accounts::CONFIRMATION_TTL);
    let mut total = 0;
    loop {
        let done = write_txn(conn, |conn| -> Result<usize, StoreError> {
            let ids: Vec<i64> = questions::table
                .filter(questions::status.eq(QuestionStatus::Unconfirmed.as_str()))
                .filter(questions::asked_at.lt(before))
                .order(questions::asked_at.asc())
                .select(questions::id)
                .limit(PURGE_BATCH)
                .load(conn)?;
            if ids.is_empty() {
                return Ok(0);
            }
            Ok(delete_whole(conn, &ids)?.questions)
        })?;
        total += done;
        if done < usize::try_from(PURGE_BATCH).unwrap_or(usize::MAX) {
            return Ok(total);
        }
    }
}

/// What [`delete_whole`] deleted.
pub(crate) struct Deleted {
    pub questions: usize,
    pub events: usize,
    pub letters: usize,
}

/// Deletes these questions whole: with their events, letters and address confirmations, so
/// that nothing of them is left (inside the caller's transaction).
pub(crate) fn delete_whole(conn: &mut DbConn, ids: &[i64]) -> Result<Deleted, StoreError> {
    let event_ids: Vec<i64> = events::table.filter(events::question_id.eq_any(ids)).select(events::id).load(conn)?;
    let letters = diesel::delete(outbox::table.filter(outbox::event_id.eq_any(&event_ids))).execute(conn)?;
    let events = diesel::delete(events::table.filter(events::id.eq_any(&event_ids))).execute(conn)?;
    diesel::delete(email_confirmations::table.filter(email_confirmations::question_id.eq_any(ids))).execute(conn)?;
    let questions = diesel::delete(questions::table.filter(questions::id.eq_any(ids))).execute(conn)?;
    Ok(Deleted { questions, events, letters })
}

/// Questions deleted per transaction by [`purge_unconfirmed`].
const PURGE_BATCH: i64 = 200;

/// Moves a confirmed question into the queue (inside `accounts::confirm`'s transaction).
pub(crate) fn mark_confirmed(conn: &mut DbConn, id: QuestionId, now: DateTime<Utc>) -> Result<(), StoreError> {
    diesel::update(questions::table.find(id.0).filter(questions::status.eq(QuestionStatus::Unconfirmed.as_str())))
        .set((questions::status.eq(QuestionStatus::Open.as_str()), questions::confirmed_at.eq(Some(ts(now)))))
        .execute(conn)?;
    Ok(())
}

/// A question and its deadline.
pub fn get(conn: &mut DbConn, id: QuestionId) -> Result<Option<(Question, NaiveDate)>, StoreError> {
    questions::table
        .find(id.0)
        .select(QuestionRow::as_select())
        .first(conn)
        .optional()?
        .map(QuestionRow::question)
        .transpose()
}

/// Answers an open question; the answer is mailed to the confirmed address.
pub fn answer(
    conn: &mut DbConn,
    id: QuestionId,
    clerk: &Clerk,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), QuestionError> {
    let text = text.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() || text.chars().count() > crate::domain::status::MAX_DECISION_TEXT {
        return Err(QuestionError::BadAnswer);
    }
    write_txn(conn, |conn| {
        let (question, _) = get(conn, id)?.ok_or(QuestionError::NotFound)?;
        if clerk.role != Role::Administrator && clerk.district.as_ref() != Some(&question.district) {
            return Err(QuestionError::NotFound);
        }
        if question.status != QuestionStatus::Open {
            return Err(QuestionError::NotOpen);
        }
        diesel::update(questions::table.find(id.0))
            .set((
                questions::status.eq(QuestionStatus::Answered.as_str()),
                questions::answer.eq(Some(text)),
                questions::answered_by.eq(Some(clerk.id.0)),
                questions::answered_at.eq(Some(ts(now))),
            ))
            .execute(conn)?;
        insert_event_for(
            conn,
            EventSubject { question: Some(id), ..EventSubject::default() },
            &Actor::Clerk(clerk.id),
            &EventKind::QuestionAnswered { text: text.to_owned() },
            now,
        )?;
        audit::record(
            conn,
            now,
            &AuditActor::clerk(&clerk.login),
            AuditAction::QuestionAnswered,
            &format!("question:{}", id.0),
            &json!({}),
        )?;
        Ok(())
    })
}

/// One line of the questions queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionRowView {
    pub id: QuestionId,
    pub name: String,
    pub asked_at: DateTime<Utc>,
    pub due: NaiveDate,
    pub excerpt: String,
    /// The address the question is about, as typed, if one was given.
    pub address: Option<String>,
    /// Answered, but the answer's e-mail could not be delivered.
    pub email_failed: bool,
}

impl QuestionRowView {
    /// Still unanswered on `today` (a Moscow date) past its deadline (59-ФЗ: 30 days). An
    /// answered question in the queue (its answer undelivered) is not overdue.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.email_failed && self.due < today
    }

    /// Still unanswered and due on `today`.
    pub fn due_today(&self, today: NaiveDate) -> bool {
        !self.email_failed && self.due == today
    }
}

/// The answered questions of a district whose answer's e-mail failed (the outbox gave up on
/// it), until an administrator retries it (`outbox retry`) or it is delivered. The failed
/// outbox row is the flag: no column of the question has to be kept in step with it.
pub fn undelivered_ids(conn: &mut DbConn, district: &DistrictCode) -> Result<Vec<i64>, StoreError> {
    // failed rows are few, and `outbox_due` starts with the status
    let mut ids: Vec<i64> = outbox::table
        .inner_join(events::table.inner_join(questions::table.on(events::question_id.eq(questions::id.nullable()))))
        .filter(outbox::status.eq(super::outbox::state::FAILED))
        .filter(questions::district_code.eq(district.as_str()))
        .filter(questions::status.eq(QuestionStatus::Answered.as_str()))
        .filter(events::kind.eq("question_answered"))
        .select(questions::id)
        .load(conn)?;
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// Whether the answer to a question could not be delivered (see [`undelivered_ids`]).
pub fn answer_undelivered(conn: &mut DbConn, id: QuestionId) -> Result<bool, StoreError> {
    let n: i64 = outbox::table
        .inner_join(events::table)
        .filter(outbox::status.eq(super::outbox::state::FAILED))
        .filter(events::question_id.eq(id.0))
        .filter(events::kind.eq("question_answered"))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The clerks' questions queue of a district: open (confirmed, unanswered) questions, and
/// answered ones whose answer could not be delivered (flagged), oldest first, keyset-paged by
/// `(asked_at, id)`; with `search`, only those whose name, e-mail, address or text contain
/// every word of it (case, «ё» and punctuation ignored).
pub fn open_queue(
    conn: &mut DbConn,
    district: &DistrictCode,
    search: Option<&str>,
    after: Option<(DateTime<Utc>, QuestionId)>,
    limit: i64,
) -> Result<Vec<QuestionRowView>, StoreError> {
    let limit = limit.clamp(1, 1000);
    let words: Vec<String> =
        search.map(|s| name_key(s).split_whitespace().map(str::to_owned).collect()).unwrap_or_default();
    let undelivered = undelivered_ids(conn, district)?;
    let mut q = questions::table
        .filter(questions::district_code.eq(district.as_str()))
        .filter(questions::status.eq(QuestionStatus::Open.as_str()).or(questions::id.eq_any(&undelivered)))
        .into_boxed();
    if let Some((at, id)) = after {
        q = q.filter(questions::asked_at.gt(ts(at)).or(questions::asked_at.eq(ts(at)).and(questions::id.gt(id.0))));
    }
    // A search reads the district's open questions and matches them here: there are few (each
    // is answered within 30 days), and their text needs the same folding as names (case, «ё»,
    // punctuation), which the database cannot do for Cyrillic.
    let read = if words.is_empty() { limit } else { SEARCH_SCAN };
    let rows: Vec<QuestionRow> = q
        .select(QuestionRow::as_select())
        .order((questions::asked_at.asc(), questions::id.asc()))
        .limit(read)
        .load(conn)?;
    let wanted = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut found = Vec::new();
    for r in rows {
        if found.len() >= wanted {
            break;
        }
        if !words.is_empty() {
            let hay =
                name_key(&format!("{} {} {} {}", r.name, r.email, r.address.as_deref().unwrap_or_default(), r.body));
            if !words.iter().all(|w| hay.contains(w.as_str())) {
                continue;
            }
        }
        let (q, due) = r.question()?;
        let excerpt: String = q.text.chars().take(120).collect();
        let email_failed = undelivered.binary_search(&q.id.0).is_ok();
        found.push(QuestionRowView {
            id: q.id,
            name: q.name,
            asked_at: q.asked_at,
            due,
            excerpt,
            address: q.address,
            email_failed,
        });
    }
    Ok(found)
}

/// The most open questions of a district a search reads.
pub const SEARCH_SCAN: i64 = 10_000;

/// Counts the questions in a district's queue ([`open_queue`]): the open ones and those whose
/// answer could not be delivered.
pub fn open_count(conn: &mut DbConn, district: &DistrictCode) -> Result<i64, StoreError> {
    let open: i64 = questions::table
        .filter(questions::district_code.eq(district.as_str()))
        .filter(questions::status.eq(QuestionStatus::Open.as_str()))
        .count()
        .get_result(conn)?;
    let undelivered = i64::try_from(undelivered_ids(conn, district)?.len()).unwrap_or(i64::MAX);
    Ok(open.saturating_add(undelivered))
}

/// The dashboard's figures for a district's questions on a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QuestionCounts {
    /// The queue ([`open_count`]): open questions and answered ones whose answer could not be
    /// delivered.
    pub queue: i64,
    /// Open (confirmed, unanswered) past their deadline (59-ФЗ: 30 days).
    pub overdue: i64,
    /// Open and due today.
    pub due_today: i64,
}

/// [`QuestionCounts`] of `district` on `today` (a Moscow date).
pub fn counts(conn: &mut DbConn, district: &DistrictCode, today: NaiveDate) -> Result<QuestionCounts, StoreError> {
    // open questions are few (each is answered within 30 days): one row per deadline
    let by_due: Vec<(NaiveDate, i64)> = questions::table
        .filter(questions::district_code.eq(district.as_str()))
        .filter(questions::status.eq(QuestionStatus::Open.as_str()))
        .group_by(questions::due_on)
        .select((questions::due_on, diesel::dsl::count_star()))
        .load(conn)?;
    let mut c = QuestionCounts::default();
    for (due, n) in by_due {
        c.queue += n;
        if due < today {
            c.overdue += n;
        } else if due == today {
            c.due_today += n;
        }
    }
    let undelivered = i64::try_from(undelivered_ids(conn, district)?.len()).unwrap_or(i64::MAX);
    c.queue = c.queue.saturating_add(undelivered);
    Ok(c)
}

/// An open question past its deadline, as the supervisor's overview lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueQuestion {
    pub id: QuestionId,
    /// The name the question was signed with.
    pub name: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
}

/// The open questions of `district` past their deadline on `today`, most overdue first, at
/// most `limit` (1..=1000), and how many there are in all.
pub fn overdue(
    conn: &mut DbConn,
    district: &DistrictCode,
    today: NaiveDate,
    limit: i64,
) -> Result<(Vec<OverdueQuestion>, i64), StoreError> {
    let late = || {
        questions::table
            .filter(questions::district_code.eq(district.as_str()))
            .filter(questions::status.eq(QuestionStatus::Open.as_str()))
            .filter(questions::due_on.lt(today))
    };
    let total: i64 = late().count().get_result(conn)?;
    let rows: Vec<(i64, String, NaiveDate)> = late()
        .select((questions::id, questions::name, questions::due_on))
        .order((questions::due_on.asc(), questions::id.asc()))
        .limit(limit.clamp(1, 1000))
        .load(conn)?;
    let listed = rows
        .into_iter()
        .map(|(id, name, due)| OverdueQuestion {
            id: QuestionId(id),
            name,
            due,
            days_overdue: (today - due).num_days(),
        })
        .collect();
    Ok((listed, total))
}

/// The district an address lies in: the one district where the registry has the house; or,
/// when the registry has nobody in that house, the one district its street lies in (every
/// resident of the street is in it). `None` when neither is known or either spans districts.
pub fn district_for_address(conn: &mut DbConn, address: &ParsedAddress) -> Result<Option<DistrictCode>, StoreError> {
    let house = districts_under(conn, crate::registry::AddressKey::prefix(&address.street, Some(&address.house)))?;
    let codes = if house.is_empty() {
        districts_under(conn, crate::registry::AddressKey::prefix(&address.street, None))?
    } else {
        house
    };
    Ok(match codes.as_slice() {
        [one] => DistrictCode::parse(one),
        _ => None,
    })
}

/// Up to two districts of the residents whose address key starts with `prefix` (a range scan
/// over the address-key index).
fn districts_under(conn: &mut DbConn, prefix: String) -> Result<Vec<String>, StoreError> {
    let end = super::residents::prefix_end(&prefix).unwrap_or_else(|| prefix.clone());
    Ok(residents::table
        .filter(residents::address_key.ge(&prefix))
        .filter(residents::address_key.lt(&end))
        .select(residents::district_code)
        .distinct()
        .limit(2)
        .load(conn)?)
}
