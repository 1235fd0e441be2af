//! Reports for administrators: appeals by service, status and district; overdue appeals;
//! time to decision.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::appeals;
use super::{DbConn, StoreError};
use crate::domain::status::StatusKind;

/// A count of appeals in one (district, service, status) group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealCount {
    pub district: String,
    pub service: String,
    pub status: String,
    pub count: i64,
}

/// Appeals filed in `[from, to)` (Moscow dates as UTC day bounds are close enough for
/// reporting; pass `None` for all time), grouped by district, service and status.
pub fn appeal_counts(
    conn: &mut DbConn,
    district: Option<&str>,
    since: Option<NaiveDateTime>,
    until: Option<NaiveDateTime>,
) -> Result<Vec<AppealCount>, StoreError> {
    let mut q = appeals::table
        .group_by((appeals::district_code, appeals::service_code, appeals::status))
        .select((appeals::district_code, appeals::service_code, appeals::status, diesel::dsl::count_star()))
        .order((appeals::district_code.asc(), appeals::service_code.asc(), appeals::status.asc()))
        .into_boxed();
    if let Some(d) = district {
        q = q.filter(appeals::district_code.eq(d.to_owned()));
    }
    if let Some(s) = since {
        q = q.filter(appeals::filed_at.ge(s));
    }
    if let Some(u) = until {
        q = q.filter(appeals::filed_at.lt(u));
    }
    let rows: Vec<(String, String, String, i64)> = q.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(district, service, status, count)| AppealCount { district, service, status, count })
        .collect())
}

/// An open appeal past its deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueAppeal {
    pub number: String,
    pub district: String,
    pub service: String,
    pub status: String,
    pub due: NaiveDate,
    pub days_overdue: i64,
    pub assigned_clerk: Option<i64>,
}

type OverdueRow = (String, String, String, String, NaiveDate, NaiveDate, Option<i64>);

/// Open appeals whose deadline (or registration deadline, if still unregistered) is before
/// `today`, most overdue first.
pub fn overdue(conn: &mut DbConn, district: Option<&str>, today: NaiveDate) -> Result<Vec<OverdueAppeal>, StoreError> {
    let open: Vec<&str> = StatusKind::ALL.iter().filter(|k| k.deadline_runs()).map(|k| k.as_str()).collect();
    let submitted = StatusKind::Submitted.as_str();
    let mut q = appeals::table
        .filter(appeals::status.eq_any(open))
        .filter(appeals::due_on.lt(today).or(appeals::status.eq(submitted).and(appeals::register_by.lt(today))))
        .into_boxed();
    if let Some(d) = district {
        q = q.filter(appeals::district_code.eq(d.to_owned()));
    }
    let rows: Vec<OverdueRow> = q
        .select((
            appeals::number,
            appeals::district_code,
            appeals::service_code,
            appeals::status,
            appeals::due_on,
            appeals::register_by,
            appeals::assigned_clerk_id,
        ))
        .load(conn)?;
    let mut out: Vec<OverdueAppeal> = rows
        .into_iter()
        .map(|(number, district, service, status, due, register_by, clerk)| {
            let due = if status == submitted { due.min(register_by) } else { due };
            OverdueAppeal {
                days_overdue: (today - due).num_days(),
                number,
                district,
                service,
                status,
                due,
                assigned_clerk: clerk,
            }
        })
        .collect();
    out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then_with(|| a.number.cmp(&b.number)));
    Ok(out)
}

/// How long registration decisions took for one service.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionTime {
    pub service: String,
    pub decided: i64,
    pub mean_hours: f64,
    pub median_hours: f64,
    pub max_hours: f64,
}

/// Time from filing to the decision to register or refuse, per service.
pub fn time_to_decision(
    conn: &mut DbConn,
    district: Option<&str>,
    since: Option<NaiveDateTime>,
) -> Result<Vec<DecisionTime>, StoreError> {
    let mut q = appeals::table.filter(appeals::decided_at.is_not_null()).into_boxed();
    if let Some(d) = district {
        q = q.filter(appeals::district_code.eq(d.to_owned()));
    }
    if let Some(s) = since {
        q = q.filter(appeals::filed_at.ge(s));
    }
    let rows: Vec<(String, NaiveDateTime, Option<NaiveDateTime>)> = q
        .select((appeals::service_code, appeals::filed_at, appeals::decided_at))
        .order(appeals::service_code.asc())
        .load(conn)?;
    let mut out: Vec<DecisionTime> = Vec::new();
    let mut current: Option<(String, Vec<f64>)> = None;
    let finish = |(service, mut hours): (String, Vec<f64>), out: &mut Vec<DecisionTime>| {
        hours.sort_by(f64::total_cmp);
        let n = hours.len();
        if n == 0 {
            return;
        }
        let mean = hours.iter().sum::<f64>() / n as f64;
        let median = if n % 2 == 1 { hours[n / 2] } else { (hours[n / 2 - 1] + hours[n / 2]) / 2.0 };
        out.push(DecisionTime {
            service,
            decided: i64::try_from(n).unwrap_or(i64::MAX),
            mean_hours: mean,
            median_hours: median,
            max_hours: hours[n - 1],
        });
    };
    for (service, filed, decided) in rows {
        let Some(decided) = decided else { continue };
        let hours = (decided - filed).num_seconds() as f64 / 3600.0;
        match &mut current {
            Some((s, list)) if *s == service => list.push(hours),
            _ => {
                if let Some(done) = current.take() {
                    finish(done, &mut out);
                }
                current = Some((service, vec![hours]));
            }
        }
    }
    if let Some(done) = current {
        finish(done, &mut out);
    }
    Ok(out)
}
