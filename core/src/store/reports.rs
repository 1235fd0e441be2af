//! Reports for administrators: appeals by district, service and status; overdue appeals;
//! time to decision. Services come with their catalogue titles and in catalogue order, states
//! in the status machine's order ([`StatusKind::ALL`]).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::desk::AssignedClerk;
use super::schema::{appeals, clerks, services};
use super::{DbConn, StoreError};
use crate::domain::catalogue::LocalText;
use crate::domain::ids::ClerkId;
use crate::domain::status::StatusKind;
use crate::i18n::Lang;

/// A service as a report names it: its code and its catalogue title, retired services
/// included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportService {
    pub code: String,
    pub title: LocalText,
}

impl ReportService {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }
}

/// Every service ever catalogued, by code: its place in the catalogue and its titles.
struct Services(HashMap<String, (i32, LocalText)>);

impl Services {
    fn load(conn: &mut DbConn) -> Result<Services, StoreError> {
        let rows: Vec<(String, i32, String, String)> = services::table
            .select((services::code, services::position, services::title_ru, services::title_en))
            .load(conn)?;
        Ok(Services(
            rows.into_iter().map(|(code, position, ru, en)| (code, (position, LocalText { ru, en }))).collect(),
        ))
    }

    /// The service of `code`; appeals reference services by a foreign key, so a code missing
    /// here is a corrupt database.
    fn get(&self, code: String) -> Result<ReportService, StoreError> {
        match self.0.get(&code) {
            Some((_, title)) => Ok(ReportService { title: title.clone(), code }),
            None => Err(StoreError::corrupt("service", code)),
        }
    }

    /// Catalogue order: the catalogue's position, then the code.
    fn order(&self, code: &str) -> (i32, String) {
        (self.0.get(code).map_or(i32::MAX, |(p, _)| *p), code.to_owned())
    }
}

fn status(text: &str) -> Result<StatusKind, StoreError> {
    StatusKind::parse(text).ok_or_else(|| StoreError::corrupt("status", text))
}

/// A state's place in the status machine.
fn machine_order(kind: StatusKind) -> usize {
    StatusKind::ALL.iter().position(|k| *k == kind).unwrap_or(usize::MAX)
}

/// A count of appeals in one (district, service, status) group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealCount {
    pub district: String,
    pub service: ReportService,
    pub status: StatusKind,
    pub count: i64,
}

/// Appeals filed in `[since, until)` (Moscow dates as UTC day bounds are close enough for
/// reporting; pass `None` for all time), grouped by district, service and status: by district
/// code, then in catalogue order, then in the status machine's order.
pub fn appeal_counts(
    conn: &mut DbConn,
    district: Option<&str>,
    since: Option<NaiveDateTime>,
    until: Option<NaiveDateTime>,
) -> Result<Vec<AppealCount>, StoreError> {
    let mut q = appeals::table
        .group_by((appeals::district_code, appeals::service_code, appeals::status))
        .select((appeals::district_code, appeals::service_code, appeals::status, diesel::dsl::count_star()))
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
    let services = Services::load(conn)?;
    let mut out = rows
        .into_iter()
        .map(|(district, service, kind, count)| {
            Ok(AppealCount { district, service: services.get(service)?, status: status(&kind)?, count })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    out.sort_by_cached_key(|r| (r.district.clone(), services.order(&r.service.code), machine_order(r.status)));
    Ok(out)
}

/// Which deadline of an overdue appeal has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OverdueDeadline {
    /// The appeal is still unregistered past the registration deadline (59-ФЗ, 3 days).
    Registration,
    /// The service's own deadline.
    Service,
}

/// An open appeal past its deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverdueAppeal {
    pub number: String,
    pub district: String,
    pub service: ReportService,
    pub status: StatusKind,
    /// The deadline that passed, and which one it is.
    pub due: NaiveDate,
    pub deadline: OverdueDeadline,
    pub days_overdue: i64,
    /// The clerk the appeal is assigned to.
    pub clerk: Option<AssignedClerk>,
}

type OverdueRow = (String, String, String, String, NaiveDate, NaiveDate, Option<i64>);

/// Open appeals whose deadline (or registration deadline, if still unregistered) is before
/// `today`, most overdue first.
pub fn overdue(conn: &mut DbConn, district: Option<&str>, today: NaiveDate) -> Result<Vec<OverdueAppeal>, StoreError> {
    let submitted = StatusKind::Submitted.as_str();
    let mut q = appeals::table
        .filter(appeals::status.eq_any(super::appeals::deadline_kinds()))
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
    let services = Services::load(conn)?;
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.6).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: HashMap<i64, String> = if ids.is_empty() {
        HashMap::new()
    } else {
        clerks::table
            .filter(clerks::id.eq_any(&ids))
            .select((clerks::id, clerks::full_name))
            .load::<(i64, String)>(conn)?
            .into_iter()
            .collect()
    };
    let mut out = Vec::with_capacity(rows.len());
    for (number, district, service, kind, due, register_by, clerk) in rows {
        let kind = status(&kind)?;
        let (due, deadline) = if kind == StatusKind::Submitted && register_by <= due {
            (register_by, OverdueDeadline::Registration)
        } else {
            (due, OverdueDeadline::Service)
        };
        let clerk = match clerk {
            Some(id) => Some(AssignedClerk {
                id: ClerkId(id),
                full_name: names.get(&id).cloned().ok_or_else(|| StoreError::corrupt("assigned clerk", id))?,
            }),
            None => None,
        };
        out.push(OverdueAppeal {
            days_overdue: (today - due).num_days(),
            number,
            district,
            service: services.get(service)?,
            status: kind,
            due,
            deadline,
            clerk,
        });
    }
    out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then_with(|| a.number.cmp(&b.number)));
    Ok(out)
}

/// How long registration decisions took.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionStats {
    pub decided: i64,
    pub mean_hours: f64,
    pub median_hours: f64,
    pub max_hours: f64,
}

impl DecisionStats {
    fn of(mut hours: Vec<f64>) -> Option<DecisionStats> {
        hours.sort_by(f64::total_cmp);
        let n = hours.len();
        let max_hours = *hours.last()?;
        let mean_hours = hours.iter().sum::<f64>() / n as f64;
        let median_hours = if n % 2 == 1 { hours[n / 2] } else { (hours[n / 2 - 1] + hours[n / 2]) / 2.0 };
        Some(DecisionStats { decided: i64::try_from(n).unwrap_or(i64::MAX), mean_hours, median_hours, max_hours })
    }
}

/// How long registration decisions took for one service.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionTime {
    pub service: ReportService,
    pub stats: DecisionStats,
}

/// Decision times per service, in catalogue order, and over all of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionTimes {
    pub by_service: Vec<DecisionTime>,
    /// Every decision of the report (its median is that of all of them); `None` when there
    /// were none.
    pub all: Option<DecisionStats>,
}

/// Time from filing to the decision to register or refuse, per service, for appeals filed in
/// `[since, until)`.
pub fn time_to_decision(
    conn: &mut DbConn,
    district: Option<&str>,
    since: Option<NaiveDateTime>,
    until: Option<NaiveDateTime>,
) -> Result<DecisionTimes, StoreError> {
    let mut q = appeals::table.filter(appeals::decided_at.is_not_null()).into_boxed();
    if let Some(d) = district {
        q = q.filter(appeals::district_code.eq(d.to_owned()));
    }
    if let Some(s) = since {
        q = q.filter(appeals::filed_at.ge(s));
    }
    if let Some(u) = until {
        q = q.filter(appeals::filed_at.lt(u));
    }
    let rows: Vec<(String, NaiveDateTime, Option<NaiveDateTime>)> =
        q.select((appeals::service_code, appeals::filed_at, appeals::decided_at)).load(conn)?;
    let services = Services::load(conn)?;
    let mut by_code: HashMap<String, Vec<f64>> = HashMap::new();
    let mut all = Vec::with_capacity(rows.len());
    for (service, filed, decided) in rows {
        let Some(decided) = decided else { continue };
        let hours = (decided - filed).num_seconds() as f64 / 3600.0;
        by_code.entry(service).or_default().push(hours);
        all.push(hours);
    }
    let mut codes: Vec<String> = by_code.keys().cloned().collect();
    codes.sort_by_cached_key(|c| services.order(c));
    let mut by_service = Vec::with_capacity(codes.len());
    for code in codes {
        let hours = by_code.remove(&code).unwrap_or_default();
        if let Some(stats) = DecisionStats::of(hours) {
            by_service.push(DecisionTime { service: services.get(code)?, stats });
        }
    }
    Ok(DecisionTimes { by_service, all: DecisionStats::of(all) })
}
