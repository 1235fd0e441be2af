//! Bulk appeals for benchmarks (test support, behind the `testing` feature).
//!
//! [`insert_appeals`] writes appeal rows and their `filed` events directly, in multi-row
//! statements, without the per-appeal registry check, numbering transaction and outbox row
//! that [`super::appeals::file`] does: 100,000 appeals take seconds instead of an hour. The
//! rows are real enough for queues and counts (numbers, keys, deadlines, states with their
//! data), and nothing else should be read into them. Never use it on a council's database.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{accounts, appeal_counters, appeals, events};
use super::{DbConn, StoreError, backend, catalogue, residents, to_json, ts, write_txn};
use crate::clock::moscow_date;
use crate::domain::appeal::{AppealCheck, AppealDraft, AppealNumber, IdentityFields};
use crate::domain::catalogue::ServiceKind;
use crate::domain::event::EventKind;
use crate::domain::ids::{DistrictCode, ResidentId};
use crate::domain::status::Status;
use crate::registry::{AddressKey, IdentityCheck, name_key};
use crate::token::random_token;

#[derive(Insertable)]
#[diesel(table_name = appeals)]
struct BulkAppeal {
    number: String,
    public_token: String,
    account_id: i64,
    resident_id: i64,
    service_code: String,
    district_code: String,
    status: String,
    status_data: String,
    stage: Option<String>,
    filed_data: String,
    check_result: String,
    needs_attention: bool,
    resident_left: bool,
    email_failed: bool,
    filed_at: NaiveDateTime,
    register_by: chrono::NaiveDate,
    due_on: chrono::NaiveDate,
    status_changed_at: NaiveDateTime,
    lang: String,
    applicant_key: String,
    address_key: String,
}

#[derive(Insertable)]
#[diesel(table_name = events)]
struct BulkEvent {
    appeal_id: Option<i64>,
    at: NaiveDateTime,
    actor_kind: String,
    actor_id: Option<i64>,
    kind: String,
    payload: String,
}

/// The filing of one applicant, prepared once and reused for their appeals.
struct Applicant {
    account: i64,
    resident: i64,
    /// The filed data per service, in the order of the catalogue.
    filed_data: Vec<String>,
    check_result: String,
    applicant_key: String,
    address_key: String,
}

/// Inserts `n` appeals into `district`, filed over the `n` minutes before `now`, spread over
/// the district's accounts and the active services, in one transaction: about a third new,
/// a third registered, a third at their first stage. Returns how many were inserted.
///
/// The district needs residents with accounts and a catalogue (`demo::generate` makes both).
pub fn insert_appeals(
    conn: &mut DbConn,
    district: &DistrictCode,
    n: usize,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let services = catalogue::active(conn)?.services().to_vec();
    let pairs: Vec<(i64, i64)> = accounts::table
        .inner_join(super::schema::residents::table)
        .filter(super::schema::residents::district_code.eq(district.as_str()))
        .filter(accounts::revoked_at.is_null())
        .select((accounts::id, accounts::resident_id))
        .order(accounts::id.asc())
        .limit(500)
        .load(conn)?;
    if pairs.is_empty() || services.is_empty() || n == 0 {
        return Ok(0);
    }
    let mut applicants = Vec::with_capacity(pairs.len());
    for (account, resident_id) in pairs {
        let Some(r) = residents::get(conn, ResidentId(resident_id))? else { continue };
        let identity = IdentityFields {
            name: r.name.clone(),
            birth_date: r.birth_date,
            street: r.address.street.clone(),
            house: r.address.house.clone(),
            building: r.address.building.clone(),
            structure: r.address.structure.clone(),
            flat: r.address.flat.clone(),
        };
        let mut filed_data = Vec::with_capacity(services.len());
        for service in &services {
            let draft = AppealDraft {
                service: service.code.clone(),
                identity: identity.clone(),
                fields: std::collections::BTreeMap::new(),
            };
            filed_data.push(to_json(&draft)?);
        }
        let key = AddressKey::of(&r.address);
        applicants.push(Applicant {
            account,
            resident: resident_id,
            filed_data,
            check_result: to_json(&AppealCheck {
                identity: IdentityCheck { fields: Vec::new() },
                persons: Vec::new(),
            })?,
            applicant_key: name_key(&r.name.full()),
            address_key: [key.street, key.house, key.building, key.structure, key.flat]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        });
    }
    if applicants.is_empty() {
        return Ok(0);
    }
    let year = moscow_date(now).year();
    write_txn(conn, |conn| {
        let base = backend::next_appeal_seq(conn, district.as_str(), year)?;
        let first_id: i64 =
            appeals::table.select(diesel::dsl::max(appeals::id)).first::<Option<i64>>(conn)?.unwrap_or(0);
        let count = i64::try_from(n).unwrap_or(i64::MAX);
        let mut rows = Vec::with_capacity(500);
        for i in 0..n {
            let applicant = &applicants[i % applicants.len()];
            let service_index = i % services.len();
            let service = &services[service_index];
            let seq = base + i64::try_from(i).unwrap_or(0);
            let filed = now - Duration::minutes(count - i64::try_from(i).unwrap_or(0));
            let filed_date = moscow_date(filed);
            let (status, stage) = match i % 3 {
                0 => (Status::Submitted, None),
                1 => (Status::Registered, None),
                _ => match service.stages.first() {
                    Some(stage) => (Status::InProgress { stage: stage.code.clone() }, Some(stage.code.to_string())),
                    None => (Status::Registered, None),
                },
            };
            let term_days = i64::from(service.term.days());
            let due_days = if service.kind == ServiceKind::Consultation { 30 } else { term_days };
            rows.push(BulkAppeal {
                number: AppealNumber::new(district.clone(), year, u32::try_from(seq).unwrap_or(u32::MAX)).to_string(),
                public_token: random_token(20),
                account_id: applicant.account,
                resident_id: applicant.resident,
                service_code: service.code.to_string(),
                district_code: district.to_string(),
                status: status.kind().as_str().to_owned(),
                status_data: to_json(&status)?,
                stage,
                filed_data: applicant.filed_data[service_index].clone(),
                check_result: applicant.check_result.clone(),
                needs_attention: false,
                resident_left: false,
                email_failed: false,
                filed_at: ts(filed),
                register_by: filed_date + Duration::days(3),
                due_on: filed_date + Duration::days(due_days),
                status_changed_at: ts(filed),
                lang: "ru".to_owned(),
                applicant_key: applicant.applicant_key.clone(),
                address_key: applicant.address_key.clone(),
            });
            if rows.len() == 500 || i + 1 == n {
                backend::batch_insert!(conn, appeals::table, &rows)?;
                rows.clear();
            }
        }
        diesel::update(appeal_counters::table.find((district.as_str(), year)))
            .set(appeal_counters::last_seq.eq(base + count - 1))
            .execute(conn)?;
        let inserted: Vec<(i64, String, i64, NaiveDateTime, chrono::NaiveDate)> = appeals::table
            .filter(appeals::id.gt(first_id))
            .filter(appeals::district_code.eq(district.as_str()))
            .select((appeals::id, appeals::number, appeals::account_id, appeals::filed_at, appeals::register_by))
            .order(appeals::id.asc())
            .load(conn)?;
        let mut batch = Vec::with_capacity(500);
        for (k, (id, number, account, at, register_by)) in inserted.iter().enumerate() {
            batch.push(BulkEvent {
                appeal_id: Some(*id),
                at: *at,
                actor_kind: "applicant".to_owned(),
                actor_id: Some(*account),
                kind: "filed".to_owned(),
                payload: to_json(&EventKind::Filed { number: number.clone(), register_by: *register_by })?,
            });
            if batch.len() == 500 || k + 1 == inserted.len() {
                backend::batch_insert!(conn, events::table, &batch)?;
                batch.clear();
            }
        }
        Ok(inserted.len())
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::db_test;
    use crate::demo::{DemoOptions, generate};
    use crate::domain::status::StatusKind;
    use crate::store::appeals::{self as appeals_store, Queue, QueueQuery, SortKey};
    use crate::store::testing::TestDb;

    db_test!(bulk_appeals_fill_the_queues_and_read_back, |db: &TestDb| {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).single().expect("valid");
        let opts = DemoOptions { residents: 60, appeals: 20, questions: 0, pin_holders: 0, ..DemoOptions::default() };
        generate(&mut db.store.conn().expect("conn"), &opts, now).expect("demo");
        let c = &mut *db.store.conn().expect("conn");
        let district = opts.district.code;
        let before = appeals_store::counts(c, &district, moscow_date(now)).expect("counts");
        assert_eq!(insert_appeals(c, &district, 1203, now).expect("bulk"), 1203);
        let after = appeals_store::counts(c, &district, moscow_date(now)).expect("counts");
        assert_eq!(after.new - before.new, 401);
        let page = appeals_store::queue(
            c,
            &QueueQuery {
                district: district.clone(),
                queue: Queue::New,
                sort: SortKey::Filed,
                descending: true,
                after: None,
                search: None,
                assigned_to: None,
                today: moscow_date(now),
                limit: 50,
            },
        )
        .expect("queue");
        assert_eq!(page.len(), 50);
        let appeal = appeals_store::get(c, page[0].id).expect("get").expect("exists");
        assert_eq!(appeal.status.kind(), StatusKind::Submitted);
        assert_eq!(appeals_store::timeline(c, appeal.id).expect("timeline").len(), 1);
        // numbering continues after the bulk rows
        let next = backend::next_appeal_seq(c, district.as_str(), moscow_date(now).year()).expect("seq");
        let last = AppealNumber::parse(&page[0].number).expect("number").seq();
        assert!(i64::from(last) < next, "{last} < {next}");
    });
}
