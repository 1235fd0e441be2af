//! Queries for the clerks' terminal: queue pages that stay fast when a queue spans several
//! states, a supervisor's view of overdue work across the district's clerks, and the appeals
//! whose e-mail could not be delivered.
//!
//! Read-only: nothing here changes a row.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::appeals::{Cursor, Queue, QueueCounts, QueueQuery, QueueRow, SortKey};
pub use super::questions::OverdueQuestion;
use super::schema::{appeals, clerks, residents};
use super::{DbConn, StoreError};
use crate::domain::catalogue::ServiceKind;
use crate::domain::ids::{AppealId, ClerkId, DistrictCode};
use crate::domain::person::FullName;
use crate::domain::status::StatusKind;

// ---------------------------------------------------------------------------------------
// Queue pages

/// The states a queue spans.
fn statuses(queue: &Queue) -> Vec<StatusKind> {
    match queue {
        Queue::New => vec![StatusKind::Submitted],
        Queue::InProgress(_) | Queue::Consultations => vec![StatusKind::Registered, StatusKind::InProgress],
        Queue::Originals => vec![StatusKind::OriginalsRequired, StatusKind::Suspended],
        Queue::Ready => vec![StatusKind::Ready],
        Queue::Overdue => StatusKind::ALL.into_iter().filter(|k| k.deadline_runs()).collect(),
        Queue::All => StatusKind::ALL.to_vec(),
    }
}

/// One page of a queue: the same rows, in the same order, as
/// [`appeals::queue`](super::appeals::queue), for the same query.
///
/// A queue of several states is read as one keyset query per state — each walks its own
/// `(district, status, key, id)` index in order and stops after a page — and the pages are
/// merged. A single query with `status IN (…)` cannot use those indexes for the order, so it
/// sorts every matching row: on a district of 100,000 appeals that is the difference between
/// well under a millisecond per state and over a hundred milliseconds.
pub fn queue(conn: &mut DbConn, q: &QueueQuery) -> Result<Vec<QueueRow>, StoreError> {
    let kinds = statuses(&q.queue);
    if kinds.len() == 1 {
        return super::appeals::queue(conn, q);
    }
    let limit = usize::try_from(q.limit.clamp(1, 1000)).unwrap_or(1000);
    let consultations = super::appeals::consultation_codes(conn)?;
    let mut rows = Vec::new();
    for kind in kinds {
        rows.extend(one_state(conn, q, kind, &consultations)?);
    }
    let key = |r: &QueueRow| r.cursor.clone();
    rows.sort_by(|a, b| {
        let order = cursor_cmp(&key(a), &key(b));
        if q.descending { order.reverse() } else { order }
    });
    rows.truncate(limit);
    Ok(rows)
}

fn cursor_cmp(a: &Cursor, b: &Cursor) -> std::cmp::Ordering {
    match (a, b) {
        (Cursor::Filed(x, i), Cursor::Filed(y, j)) => (x, i).cmp(&(y, j)),
        (Cursor::Due(x, i), Cursor::Due(y, j)) => (x, i).cmp(&(y, j)),
        (Cursor::Number(x, i), Cursor::Number(y, j)) => (x, i).cmp(&(y, j)),
        (Cursor::Applicant(x, i), Cursor::Applicant(y, j)) => (x, i).cmp(&(y, j)),
        _ => std::cmp::Ordering::Equal,
    }
}

/// The page of one state of the queue.
fn one_state(
    conn: &mut DbConn,
    q: &QueueQuery,
    kind: StatusKind,
    consultations: &[String],
) -> Result<Vec<QueueRow>, StoreError> {
    let mut query = super::appeals::queue_source(q).filter(appeals::status.eq(kind.as_str()));
    query = match &q.queue {
        Queue::InProgress(stage) => {
            let mut query = query.filter(appeals::service_code.ne_all(consultations.to_vec()));
            if let Some(stage) = stage {
                query = query.filter(appeals::stage.eq(stage.clone()));
            }
            query
        }
        Queue::Consultations => query.filter(appeals::service_code.eq_any(consultations.to_vec())),
        Queue::Overdue if kind == StatusKind::Submitted => {
            query.filter(appeals::due_on.lt(q.today).or(appeals::register_by.lt(q.today)))
        }
        Queue::Overdue if q.sort == SortKey::Due => query.filter(appeals::due_on.lt(q.today)),
        // Sorted by another key, the page walks that key's index, which holds the deadline, and
        // tests each row there. Written plainly, the test is a range the planner would rather
        // read by the deadline's index, then sort every overdue row of the state for one page.
        Queue::Overdue => query.filter(
            diesel::dsl::case_when(appeals::due_on.lt(q.today), true.into_sql::<Bool>())
                .otherwise(false.into_sql::<Bool>()),
        ),
        _ => query,
    };
    // the state decides which date its rows show, so its index gives the order
    super::appeals::page_keyed(conn, query, q, super::appeals::DueKey::of_state(kind))
}

// ---------------------------------------------------------------------------------------
// Dashboard counts

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    status: String,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    consultations: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    registration_overdue: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    overdue: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    due_today: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    resident_left: i64,
}

/// The dashboard's counts: the same figures as [`appeals::counts`](super::appeals::counts), in
/// one pass over the district's open appeals instead of one per figure (the undelivered
/// letters, which concern appeals in any state and questions, are counted apart).
pub fn counts(conn: &mut DbConn, district: &DistrictCode, today: NaiveDate) -> Result<QueueCounts, StoreError> {
    // Only validated values are written into the statement: a four-digit district code, an
    // ISO date and the states' own spellings. Both backends read a quoted ISO date as a date.
    let code = DistrictCode::parse(district.as_str()).ok_or_else(|| StoreError::corrupt("district code", district))?;
    let day = today.format("%Y-%m-%d").to_string();
    let open = StatusKind::ALL
        .iter()
        .filter(|k| k.is_open())
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let submitted = StatusKind::Submitted.as_str();
    let consultation = ServiceKind::Consultation.as_str();
    // Grouped by status alone, so the scan follows `appeals_queue_due`, which also holds every
    // other column read here: the index answers the query without the table and without a sort.
    let sql = format!(
        "SELECT status, COUNT(*) AS total, \
         SUM(CASE WHEN service_code IN (SELECT code FROM services WHERE kind = '{consultation}') THEN 1 ELSE 0 END) \
         AS consultations, \
         SUM(CASE WHEN status = '{submitted}' AND register_by < '{day}' THEN 1 ELSE 0 END) AS registration_overdue, \
         SUM(CASE WHEN due_on < '{day}' OR (status = '{submitted}' AND register_by < '{day}') THEN 1 ELSE 0 END) AS overdue, \
         SUM(CASE WHEN due_on = '{day}' OR (status = '{submitted}' AND register_by = '{day}') THEN 1 ELSE 0 END) AS due_today, \
         SUM(CASE WHEN resident_left THEN 1 ELSE 0 END) AS resident_left \
         FROM appeals WHERE district_code = '{code}' AND status IN ({open}) \
         GROUP BY status",
        code = code.as_str(),
    );
    let rows: Vec<CountRow> = diesel::sql_query(sql).load(conn)?;
    let mut c = QueueCounts::default();
    for r in rows {
        match StatusKind::parse(&r.status) {
            Some(StatusKind::Submitted) => c.new += r.total,
            Some(StatusKind::Registered | StatusKind::InProgress) => {
                c.consultations += r.consultations;
                c.in_progress += r.total - r.consultations;
            }
            Some(StatusKind::OriginalsRequired | StatusKind::Suspended) => c.originals += r.total,
            Some(StatusKind::Ready) => c.ready += r.total,
            _ => {}
        }
        c.registration_overdue += r.registration_overdue;
        // a ready or suspended appeal waits on its applicant: its deadline does not run
        if StatusKind::parse(&r.status).is_some_and(StatusKind::deadline_runs) {
            c.overdue += r.overdue;
            c.due_today += r.due_today;
        }
        c.resident_left += r.resident_left;
    }
    // undelivered letters count whatever the appeal's state, and questions too
    (c.email_failed, c.email_failed_questions) = super::appeals::undelivered_counts(conn, district)?;
    Ok(c)
}

// ---------------------------------------------------------------------------------------
// Overdue work

/// The most rows [`overdue_work`] and [`undelivered`] return.
pub const MAX_ROWS: i64 = 1000;

/// An open appeal past its deadline (or, unregistered, past its registration deadline), with
/// the clerk it is assigned to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueWork {
    pub id: AppealId,
    pub number: String,
    pub service: String,
    pub status: StatusKind,
    /// «Иванова М. П.».
    pub applicant: String,
    /// The deadline that passed: the registration deadline for an unregistered appeal.
    pub due: NaiveDate,
    pub days_overdue: i64,
    pub clerk: Option<AssignedClerk>,
}

/// A clerk as the supervisor's view names them.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AssignedClerk {
    pub id: ClerkId,
    pub full_name: String,
}

/// How many overdue appeals one clerk (or nobody) holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueByClerk {
    pub clerk: Option<AssignedClerk>,
    pub count: i64,
}

/// The supervisor's view: the district's overdue work.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OverdueReport {
    /// Per clerk, by name (unassigned last); counts are exact even when `appeals` is cut.
    pub by_clerk: Vec<OverdueByClerk>,
    /// Grouped by clerk as `by_clerk` is, most overdue first within each; at most `limit`.
    pub appeals: Vec<OverdueWork>,
    /// All overdue appeals of the district.
    pub total: i64,
    /// The district's open questions past their deadline (nobody is assigned a question), most
    /// overdue first; at most `limit`.
    pub questions: Vec<OverdueQuestion>,
    /// All overdue questions of the district.
    pub questions_total: i64,
}

type OverdueTuple = (i64, String, String, String, NaiveDate, NaiveDate, Option<i64>, String, String, Option<String>);

fn clerk_names(conn: &mut DbConn, ids: &[i64]) -> Result<HashMap<i64, String>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(clerks::table
        .filter(clerks::id.eq_any(ids))
        .select((clerks::id, clerks::full_name))
        .load::<(i64, String)>(conn)?
        .into_iter()
        .collect())
}

/// The overdue work of `district` on `today` (a Moscow date): appeals grouped by clerk, and
/// the questions asked without a PIN that are past their deadline.
///
/// At most `limit` appeals and `limit` questions (clamped to [`MAX_ROWS`]) are listed, the
/// most overdue of the district first; the per-clerk counts and the totals cover everything.
pub fn overdue_work(
    conn: &mut DbConn,
    district: &DistrictCode,
    today: NaiveDate,
    limit: i64,
) -> Result<OverdueReport, StoreError> {
    let submitted = StatusKind::Submitted.as_str();
    let overdue = || {
        appeals::table
            .filter(appeals::district_code.eq(district.as_str()))
            .filter(appeals::status.eq_any(super::appeals::deadline_kinds()))
            .filter(appeals::due_on.lt(today).or(appeals::status.eq(submitted).and(appeals::register_by.lt(today))))
    };
    let counts: Vec<(Option<i64>, i64)> = overdue()
        .group_by(appeals::assigned_clerk_id)
        .select((appeals::assigned_clerk_id, diesel::dsl::count_star()))
        .load(conn)?;
    // The cut is by the service deadline; an unregistered appeal's (earlier) registration
    // deadline is what its overdue days count from, applied in memory below. One query per
    // state, each read in the order of `appeals_queue_due` and stopped at the cut, and the
    // rows merged: one query over all the states would sort every overdue appeal first.
    let limit = limit.clamp(1, MAX_ROWS);
    let mut rows: Vec<OverdueTuple> = Vec::new();
    for kind in super::appeals::deadline_kinds() {
        let query = appeals::table
            .inner_join(residents::table)
            .filter(appeals::district_code.eq(district.as_str()))
            .filter(appeals::status.eq(kind))
            .into_boxed();
        let query = if kind == submitted {
            query.filter(appeals::due_on.lt(today).or(appeals::register_by.lt(today)))
        } else {
            query.filter(appeals::due_on.lt(today))
        };
        rows.extend(
            query
                .select((
                    appeals::id,
                    appeals::number,
                    appeals::service_code,
                    appeals::status,
                    appeals::due_on,
                    appeals::register_by,
                    appeals::assigned_clerk_id,
                    residents::surname,
                    residents::name,
                    residents::patronymic,
                ))
                .order((appeals::due_on.asc(), appeals::id.asc()))
                .limit(limit)
                .load::<OverdueTuple>(conn)?,
        );
    }
    rows.sort_by_key(|r| (r.4, r.0));
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let mut ids: Vec<i64> = counts.iter().filter_map(|(c, _)| *c).collect();
    ids.extend(rows.iter().filter_map(|r| r.6));
    ids.sort_unstable();
    ids.dedup();
    let names = clerk_names(conn, &ids)?;
    let clerk = |id: Option<i64>| {
        id.map(|id| AssignedClerk {
            id: ClerkId(id),
            full_name: names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
        })
    };
    let mut appeals_out = Vec::with_capacity(rows.len());
    for (id, number, service, status, due, register_by, assigned, surname, name, patronymic) in rows {
        let kind = StatusKind::parse(&status).ok_or_else(|| StoreError::corrupt("status", &status))?;
        let due = if kind == StatusKind::Submitted { due.min(register_by) } else { due };
        appeals_out.push(OverdueWork {
            id: AppealId(id),
            number,
            service,
            status: kind,
            applicant: FullName { surname, name, patronymic }.with_initials(),
            due,
            days_overdue: (today - due).num_days(),
            clerk: clerk(assigned),
        });
    }
    let order = |c: &Option<AssignedClerk>| match c {
        Some(c) => (0, c.full_name.clone(), c.id.0),
        None => (1, String::new(), 0),
    };
    appeals_out.sort_by(|a, b| {
        order(&a.clerk)
            .cmp(&order(&b.clerk))
            .then_with(|| b.days_overdue.cmp(&a.days_overdue))
            .then_with(|| a.number.cmp(&b.number))
    });
    let mut by_clerk: Vec<OverdueByClerk> =
        counts.into_iter().map(|(id, count)| OverdueByClerk { clerk: clerk(id), count }).collect();
    by_clerk.sort_by_key(|c| order(&c.clerk));
    let total = by_clerk.iter().map(|c| c.count).sum();
    let (questions, questions_total) = super::questions::overdue(conn, district, today, limit.clamp(1, MAX_ROWS))?;
    Ok(OverdueReport { by_clerk, appeals: appeals_out, total, questions, questions_total })
}

/// An appeal (in any state) an e-mail about which could not be delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undelivered {
    pub id: AppealId,
    pub number: String,
    pub status: StatusKind,
    /// «Иванова М. П.».
    pub applicant: String,
}

/// Appeals of `district` with an undelivered e-mail, whatever their state (a refusal or an
/// answer that did not arrive matters most once the appeal is closed), newest first, at most
/// `limit` (clamped to [`MAX_ROWS`]). An appeal stays listed until its failed letters are
/// retried (`outbox retry`) or delivered.
pub fn undelivered(conn: &mut DbConn, district: &DistrictCode, limit: i64) -> Result<Vec<Undelivered>, StoreError> {
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = appeals::table
        .inner_join(residents::table)
        .filter(appeals::district_code.eq(district.as_str()))
        .filter(appeals::email_failed.eq(true))
        .select((
            appeals::id,
            appeals::number,
            appeals::status,
            residents::surname,
            residents::name,
            residents::patronymic,
        ))
        .order(appeals::id.desc())
        .limit(limit.clamp(1, MAX_ROWS))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, number, status, surname, name, patronymic)| {
            Ok(Undelivered {
                id: AppealId(id),
                number,
                status: StatusKind::parse(&status).ok_or_else(|| StoreError::corrupt("status", &status))?,
                applicant: FullName { surname, name, patronymic }.with_initials(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::clock::moscow_date;
    use crate::db_test;
    use crate::demo::{DemoOptions, generate};
    use crate::store::appeals::{Queue, QueueQuery, SortKey};
    use crate::store::testing::TestDb;
    use crate::store::{appeals as appeals_store, clerks as clerks_store, reports};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).single().expect("valid")
    }

    fn demo(db: &TestDb) -> DistrictCode {
        let opts = DemoOptions { residents: 60, appeals: 40, questions: 0, pin_holders: 0, ..DemoOptions::default() };
        generate(&mut db.store.conn().expect("conn"), &opts, now()).expect("demo data");
        opts.district.code
    }

    db_test!(overdue_work_lists_every_overdue_appeal_with_its_clerk, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let today = moscow_date(now());
        let report = overdue_work(c, &district, today, MAX_ROWS).expect("report");
        let expected = reports::overdue(c, Some(district.as_str()), today).expect("overdue");
        assert!(!expected.is_empty(), "the demo has overdue appeals");
        assert_eq!(report.total, i64::try_from(expected.len()).expect("fits"));
        assert_eq!(report.appeals.len(), expected.len());
        assert_eq!(report.by_clerk.iter().map(|c| c.count).sum::<i64>(), report.total);
        for work in &report.appeals {
            let appeal = appeals_store::get(c, work.id).expect("get").expect("exists");
            assert_eq!(appeal.number.to_string(), work.number);
            assert_eq!(appeal.assigned_clerk, work.clerk.as_ref().map(|k| k.id));
            if let Some(k) = &work.clerk {
                let clerk = clerks_store::get(c, k.id).expect("get").expect("exists");
                assert_eq!(clerk.full_name, k.full_name);
            }
            assert!(work.days_overdue > 0, "{work:?}");
            let listed = expected.iter().find(|e| e.number == work.number).expect("listed by the report");
            assert_eq!(listed.days_overdue, work.days_overdue);
        }
        // grouped by clerk in the order of the summary, most overdue first within each
        let groups: Vec<_> = report.by_clerk.iter().map(|c| c.clerk.clone()).collect();
        let mut position = 0;
        for pair in report.appeals.windows(2) {
            if pair[0].clerk == pair[1].clerk {
                assert!(pair[0].days_overdue >= pair[1].days_overdue, "{pair:?}");
            } else {
                let next = groups.iter().position(|g| *g == pair[1].clerk).expect("in the summary");
                assert!(next > position, "groups in summary order");
                position = next;
            }
        }
    });

    db_test!(overdue_work_is_cut_at_the_limit_but_counts_everything, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let today = moscow_date(now());
        let all = overdue_work(c, &district, today, MAX_ROWS).expect("report");
        assert!(all.total >= 2, "needs two overdue appeals, has {}", all.total);
        let cut = overdue_work(c, &district, today, 1).expect("report");
        assert_eq!(cut.appeals.len(), 1);
        assert_eq!(cut.total, all.total);
        assert_eq!(cut.by_clerk, all.by_clerk);
        let other = overdue_work(c, &DistrictCode::new("0999"), today, MAX_ROWS).expect("report");
        assert_eq!(other, OverdueReport::default());
    });

    /// The first page of every queue a clerk can open (one stage's included), by every sort key
    /// both ways, with no search and no assignee.
    fn every_order(district: &DistrictCode, today: NaiveDate, limit: i64) -> Vec<QueueQuery> {
        let queues = [
            Queue::New,
            Queue::InProgress(None),
            Queue::InProgress(Some("preparation".to_owned())),
            Queue::Originals,
            Queue::Ready,
            Queue::Consultations,
            Queue::Overdue,
            Queue::All,
        ];
        let mut all = Vec::new();
        for queue in queues {
            for sort in [SortKey::Filed, SortKey::Due, SortKey::Number, SortKey::Applicant] {
                for descending in [false, true] {
                    all.push(QueueQuery {
                        district: district.clone(),
                        queue: queue.clone(),
                        sort,
                        descending,
                        after: None,
                        search: None,
                        assigned_to: None,
                        today,
                        limit,
                    });
                }
            }
        }
        all
    }

    // Every page of every queue, in every order, both ways, with and without a search and an
    // assignee: the same rows as `appeals::queue`.
    db_test!(partitioned_pages_equal_the_plain_queue, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let today = moscow_date(now());
        let some_clerk = appeals::table
            .filter(appeals::assigned_clerk_id.is_not_null())
            .select(appeals::assigned_clerk_id)
            .first::<Option<i64>>(c)
            .expect("an assigned appeal")
            .map(ClerkId);
        let surname: String = residents::table.select(residents::surname).first(c).expect("a resident");
        let number: String = appeals::table.select(appeals::number).first(c).expect("an appeal");
        let short_number = number.rsplit('-').next().expect("a sequence").trim_start_matches('0').to_owned();
        let mut compared = 0;
        for base in every_order(&district, today, 7) {
            for (search, assigned_to) in
                [(None, None), (Some(surname.clone()), None), (Some(short_number.clone()), None), (None, some_clerk)]
            {
                let mut q = QueueQuery { search, assigned_to, ..base.clone() };
                for _page in 0..30 {
                    let plain = crate::store::appeals::queue(c, &q).expect("plain");
                    let fast = queue(c, &q).expect("partitioned");
                    assert_eq!(fast, plain, "{:?} {:?} desc={}", q.queue, q.sort, q.descending);
                    compared += fast.len();
                    let Some(last) = plain.last() else { break };
                    q.after = Some(last.cursor.clone());
                }
            }
        }
        assert!(compared > 500, "{compared} rows compared");
    });

    db_test!(one_pass_counts_equal_the_plain_counts, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let ids: Vec<i64> = appeals::table.select(appeals::id).order(appeals::id.asc()).load(c).expect("ids");
        diesel::update(appeals::table.filter(appeals::id.eq_any(ids.iter().step_by(3).copied().collect::<Vec<_>>())))
            .set(appeals::email_failed.eq(true))
            .execute(c)
            .expect("flag");
        diesel::update(appeals::table.filter(appeals::id.eq_any(ids.iter().step_by(5).copied().collect::<Vec<_>>())))
            .set(appeals::resident_left.eq(true))
            .execute(c)
            .expect("flag");
        let mut nonzero = 0;
        for offset in [-10, -3, 0, 1, 2, 5, 20] {
            let day = moscow_date(now()) + chrono::Duration::days(offset);
            let plain = appeals_store::counts(c, &district, day).expect("plain");
            let fast = counts(c, &district, day).expect("one pass");
            assert_eq!(fast, plain, "on {day}");
            nonzero += usize::from(fast.due_today > 0) + usize::from(fast.registration_overdue > 0);
        }
        assert!(nonzero > 2, "the days tried exercise the deadlines");
        assert_eq!(counts(c, &DistrictCode::new("0999"), moscow_date(now())).expect("none"), QueueCounts::default());
    });

    db_test!(ready_and_suspended_appeals_are_not_overdue, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        // far enough ahead that every open appeal's deadline has passed
        let day = moscow_date(now()) + chrono::Duration::days(120);
        let rows: Vec<(String, NaiveDate)> = appeals::table
            .filter(appeals::district_code.eq(district.as_str()))
            .select((appeals::status, appeals::due_on))
            .load(c)
            .expect("appeals");
        let kinds: Vec<StatusKind> = rows.iter().filter_map(|(s, _)| StatusKind::parse(s)).collect();
        assert!(kinds.contains(&StatusKind::Ready) && kinds.contains(&StatusKind::Suspended), "the demo has both");
        let running = rows
            .iter()
            .filter(|(s, due)| StatusKind::parse(s).is_some_and(StatusKind::deadline_runs) && *due < day)
            .count();
        let open = kinds.iter().filter(|k| k.is_open()).count();
        assert!(running < open, "some open appeals wait on their applicants");
        let counts = counts(c, &district, day).expect("counts");
        assert_eq!(counts.overdue, i64::try_from(running).expect("small"));
        assert_eq!(appeals_store::counts(c, &district, day).expect("plain").overdue, counts.overdue);
        let q = QueueQuery {
            district: district.clone(),
            queue: Queue::Overdue,
            sort: SortKey::Due,
            descending: false,
            after: None,
            search: None,
            assigned_to: None,
            today: day,
            limit: 1000,
        };
        let overdue = queue(c, &q).expect("queue");
        assert_eq!(overdue.len(), running);
        assert!(overdue.iter().all(|r| r.status.deadline_runs()), "no ready or suspended appeal is overdue");
        let report = overdue_work(c, &district, day, 1000).expect("report");
        assert_eq!(report.total, counts.overdue);
    });

    // Deliberately changed: this test used to pin that a closed appeal's failed letter was not
    // listed, so a refusal or an answer that never arrived went unseen.
    db_test!(undelivered_lists_appeals_whose_mail_failed_whatever_their_state, |db: &TestDb| {
        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        assert_eq!(undelivered(c, &district, 10).expect("list"), vec![]);
        let rows: Vec<(i64, String)> =
            appeals::table.select((appeals::id, appeals::status)).order(appeals::id.asc()).load(c).expect("appeals");
        let open = rows.iter().find(|(_, s)| StatusKind::parse(s).is_some_and(StatusKind::is_open)).expect("open one");
        let closed = rows.iter().find(|(_, s)| StatusKind::parse(s).is_some_and(StatusKind::is_final)).expect("final");
        diesel::update(appeals::table.filter(appeals::id.eq_any([open.0, closed.0])))
            .set(appeals::email_failed.eq(true))
            .execute(c)
            .expect("flag");
        let listed = undelivered(c, &district, 10).expect("list");
        let mut ids = listed.iter().map(|u| u.id.0).collect::<Vec<_>>();
        ids.sort_unstable();
        assert_eq!(ids, vec![open.0.min(closed.0), open.0.max(closed.0)]);
        assert!(listed.iter().any(|u| u.status.is_final()), "the closed appeal is listed");
        assert!(listed[0].applicant.contains('.'), "{}", listed[0].applicant);
        let today = moscow_date(now());
        assert_eq!(counts(c, &district, today).expect("counts").email_failed, 2, "both counted");
        assert_eq!(appeals_store::counts(c, &district, today).expect("plain").email_failed, 2);
        assert_eq!(undelivered(c, &DistrictCode::new("0999"), 10).expect("list"), vec![]);
    });

    db_test!(a_question_whose_answer_failed_is_flagged_queued_and_counted_until_retried, |db: &TestDb| {
        use crate::clock::ProductionCalendar;
        use crate::domain::audit::AuditActor;
        use crate::domain::question::QuestionDraft;
        use crate::i18n::Lang;
        use crate::store::{accounts, outbox, questions};

        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let today = moscow_date(now());
        let clerk = clerks_store::list(c)
            .expect("clerks")
            .into_iter()
            .find(|k| k.district.as_ref() == Some(&district))
            .expect("a clerk of the district");
        let draft = QuestionDraft::parse("Сидоров Иван", "ivan@example.invalid", "Когда починят фонарь?").expect("ok");
        let cal = ProductionCalendar::embedded().expect("valid");
        let asked = questions::ask(c, &district, &draft, Lang::Ru, cal, now()).expect("asked");
        accounts::confirm(c, &asked.confirmation, now()).expect("confirmed");
        questions::answer(c, asked.id, &clerk, "Фонарь починят до пятницы.", now()).expect("answered");
        let queue = |c: &mut DbConn| questions::open_queue(c, &district, None, None, 10).expect("queue");
        assert!(queue(c).is_empty(), "an answered question leaves the queue");
        // the server rejects the address: the answer's letter (and the old link's) fail for good
        let claimed = outbox::claim(c, "w", now(), chrono::Duration::minutes(1), 10_000).expect("claim");
        assert!(!claimed.is_empty());
        let retry = outbox::RetryPolicy::default();
        let (mine, others): (Vec<_>, Vec<_>) = claimed.iter().partition(|m| m.appeal.is_none());
        for m in &mine {
            outbox::mark_failed(c, m.id, "w", "550 5.1.1 no such user", true, &retry, now()).expect("failed");
        }
        let others: Vec<_> = others.iter().map(|m| m.id).collect();
        outbox::release(c, &others, "w", now()).expect("the appeals' letters go back");
        assert!(questions::answer_undelivered(c, asked.id).expect("flag"), "flagged on the question");
        let listed = queue(c);
        assert_eq!(listed.iter().map(|r| (r.id, r.email_failed)).collect::<Vec<_>>(), vec![(asked.id, true)]);
        assert_eq!(questions::open_count(c, &district).expect("count"), 1, "the queue's count agrees");
        for counted in
            [counts(c, &district, today).expect("one pass"), appeals_store::counts(c, &district, today).expect("plain")]
        {
            assert_eq!((counted.email_failed, counted.email_failed_questions), (1, 1), "{counted:?}");
        }
        // an administrator retries it: the flag goes until it fails again
        outbox::retry(c, None, &AuditActor::os_user("t"), now()).expect("retry");
        assert!(!questions::answer_undelivered(c, asked.id).expect("flag"));
        assert!(queue(c).is_empty());
        assert_eq!(counts(c, &district, today).expect("counts").email_failed, 0);
    });

    db_test!(overdue_questions_are_counted_and_listed_for_the_supervisor, |db: &TestDb| {
        use crate::clock::ProductionCalendar;
        use crate::domain::question::QuestionDraft;
        use crate::i18n::Lang;
        use crate::store::{accounts, questions};

        let district = demo(db);
        let c = &mut *db.store.conn().expect("conn");
        let cal = ProductionCalendar::embedded().expect("valid");
        let clerk = clerks_store::list(c)
            .expect("clerks")
            .into_iter()
            .find(|k| k.district.as_ref() == Some(&district))
            .expect("a clerk of the district");
        // four questions asked on different days; all confirmed but the last
        let mut asked = Vec::new();
        for (i, days_ago) in [40, 35, 30, 45].into_iter().enumerate() {
            let draft = QuestionDraft::parse(&format!("Спрашивающий {i}"), &format!("q{i}@example.invalid"), "Когда?")
                .expect("ok");
            let at = now() - chrono::Duration::days(days_ago);
            let a = questions::ask(c, &district, &draft, Lang::Ru, cal, at).expect("asked");
            if i < 3 {
                accounts::confirm(c, &a.confirmation, at).expect("confirmed");
            }
            asked.push(a.id);
        }
        let due = |c: &mut DbConn, i: usize| questions::get(c, asked[i]).expect("get").expect("exists").1;
        let today = due(c, 1);
        assert!(due(c, 0) < today && today < due(c, 2), "the asked days make one overdue, one due today");
        let counted = questions::counts(c, &district, today).expect("counts");
        assert_eq!(counted, questions::QuestionCounts { queue: 3, overdue: 1, due_today: 1 }, "unconfirmed ones wait");
        assert_eq!(counted.queue, questions::open_count(c, &district).expect("count"));
        let report = overdue_work(c, &district, today, MAX_ROWS).expect("report");
        assert_eq!(report.questions_total, 1);
        assert_eq!(report.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec![asked[0]]);
        assert_eq!(report.questions[0].name, "Спрашивающий 0");
        assert_eq!(report.questions[0].days_overdue, (today - due(c, 0)).num_days());
        // the next day both are late, the most overdue first; the list is cut, not the total
        let tomorrow = today + chrono::Duration::days(1);
        let report = overdue_work(c, &district, tomorrow, MAX_ROWS).expect("report");
        assert_eq!(report.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec![asked[0], asked[1]]);
        let cut = overdue_work(c, &district, tomorrow, 1).expect("report");
        assert_eq!((cut.questions.len(), cut.questions_total), (1, 2));
        // an answered question is no longer late, nor is it counted
        questions::answer(c, asked[0], &clerk, "Ответ.", now()).expect("answered");
        let counted = questions::counts(c, &district, tomorrow).expect("counts");
        assert_eq!((counted.queue, counted.overdue, counted.due_today), (2, 1, 0));
        assert_eq!(overdue_work(c, &district, tomorrow, MAX_ROWS).expect("report").questions_total, 1);
        assert_eq!(questions::counts(c, &DistrictCode::new("0999"), today).expect("none"), Default::default());
    });

    #[derive(QueryableByName)]
    struct PlanStep {
        #[diesel(sql_type = diesel::sql_types::Text)]
        detail: String,
    }

    /// Every page a clerk can open — each queue, each sort, either direction, the first page and
    /// the next — the supervisor's list of overdue work and the home screen's undelivered letters
    /// read their rows in the order of an index and stop after the page: SQLite's plan for them
    /// has no sort. A page that sorts reads the whole state first (an index missing for the
    /// order of registration deadlines made the overdue queue take 65 ms at 100,000 appeals
    /// instead of 1 ms); this fails when any page's plan needs one.
    #[test]
    fn desk_pages_are_read_in_index_order_without_a_sort() {
        use std::sync::{Arc, Mutex};

        use diesel::connection::{Instrumentation, InstrumentationEvent};

        let db = TestDb::sqlite().expect("sqlite");
        let district = demo(&db);
        let c = &mut *db.store.conn().expect("conn");
        let today = moscow_date(now());
        let statements = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = Arc::clone(&statements);
        c.set_instrumentation(move |event: InstrumentationEvent<'_>| {
            if let InstrumentationEvent::StartQuery { query, .. } = event {
                sink.lock().expect("not poisoned").push(query.to_string());
            }
        });
        let orders = every_order(&district, today, 3);
        for mut q in orders.clone() {
            let first = queue(c, &q).expect("first page");
            q.after = first.last().map(|r| r.cursor.clone());
            queue(c, &q).expect("next page");
        }
        // the supervisor's overdue work, cut after a few rows, and the letters not delivered
        assert_eq!(overdue_work(c, &district, today, 3).expect("overdue work").appeals.len(), 3);
        undelivered(c, &district, 5).expect("undelivered");
        c.set_instrumentation(None::<Box<dyn Instrumentation>>);
        let pages: Vec<String> = statements
            .lock()
            .expect("not poisoned")
            .iter()
            .filter(|s| s.contains("ORDER BY") && s.contains("`appeals`"))
            // the statement as run, its bind values after it; the plan is the same for any value of
            // the right affinity, and SQLite converts a number compared with a text column
            .map(|s| s.split(" -- binds: ").next().unwrap_or_default().replace('?', "1"))
            .collect();
        // each order's two pages; overdue work, a query a state; undelivered
        let expected = orders.len() * 2 + 4 + 1;
        assert!(pages.len() >= expected, "{} pages read", pages.len());
        for sql in pages {
            let plan: Vec<PlanStep> = diesel::sql_query(format!("EXPLAIN QUERY PLAN {sql}")).load(c).expect("a plan");
            let plan: Vec<&str> = plan.iter().map(|s| s.detail.as_str()).collect();
            assert!(plan.iter().any(|d| d.contains("INDEX appeals_")), "no index: {plan:?}\n{sql}");
            assert!(!plan.iter().any(|d| d.contains("TEMP B-TREE")), "the page is sorted: {plan:?}\n{sql}");
        }
    }
}
