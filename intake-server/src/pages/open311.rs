//! Open311 GeoReport v2, read endpoints (`/open311/v2/…`): the services, a service's
//! definition, and a request by its unguessable public token — status and dates only, no
//! personal data.

use ereception_core::domain::catalogue::{FieldKind, Service, ServiceKind};
use ereception_core::i18n::tr;
use ereception_core::store::{appeals, catalogue, districts};
use hyper::{Response, StatusCode};
use serde::Serialize;

use super::api::rfc3339;
use super::text;
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;

#[derive(Serialize)]
struct ServiceItem {
    service_code: String,
    service_name: String,
    description: String,
    metadata: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    keywords: String,
    group: &'static str,
}

#[derive(Serialize)]
struct ValueItem {
    key: String,
    name: String,
}

#[derive(Serialize)]
struct Attribute {
    variable: bool,
    code: String,
    datatype: &'static str,
    required: bool,
    datatype_description: String,
    order: usize,
    description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    values: Vec<ValueItem>,
}

#[derive(Serialize)]
struct Definition {
    service_code: String,
    attributes: Vec<Attribute>,
}

#[derive(Serialize)]
struct RequestItem {
    service_request_id: String,
    status: &'static str,
    status_notes: String,
    service_name: String,
    service_code: String,
    agency_responsible: String,
    service_notice: String,
    requested_datetime: String,
    updated_datetime: String,
    expected_datetime: String,
}

fn group(service: &Service) -> &'static str {
    match service.kind {
        ServiceKind::Document => "document",
        ServiceKind::Consultation => "consultation",
    }
}

/// `GET /open311/v2/services.json`.
pub async fn services(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let offered = state.db(|c| Ok(catalogue::active(c)?)).await?;
    let lang = ctx.lang;
    let list: Vec<ServiceItem> = offered
        .services()
        .iter()
        .map(|s| ServiceItem {
            service_code: s.code.to_string(),
            service_name: s.title.get(lang).to_owned(),
            description: s.description.get(lang).to_owned(),
            metadata: !s.fields.is_empty(),
            kind: "realtime",
            keywords: String::new(),
            group: group(s),
        })
        .collect();
    Ok(http::json(StatusCode::OK, &list))
}

/// `GET /open311/v2/services/{service_code}.json`: the service's own fields.
pub async fn service(ctx: &Ctx, code: &str, state: &State) -> Result<Response<Body>, AppError> {
    let code = code.to_owned();
    let service = state.db(move |c| Ok(catalogue::active(c)?.get(&code).cloned())).await?.ok_or(AppError::NotFound)?;
    let lang = ctx.lang;
    let attributes = service
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (datatype, values, description) = match &f.kind {
                FieldKind::Text { .. } => ("string", Vec::new(), String::new()),
                FieldKind::LongText { .. } => ("text", Vec::new(), String::new()),
                FieldKind::Date { .. } => ("datetime", Vec::new(), tr(lang, "web-open311-date")),
                FieldKind::Number { .. } => ("number", Vec::new(), String::new()),
                FieldKind::Choice { options } => (
                    "singlevaluelist",
                    options
                        .iter()
                        .map(|o| ValueItem { key: o.code.clone(), name: o.label.get(lang).to_owned() })
                        .collect(),
                    String::new(),
                ),
                FieldKind::Persons { .. } => ("text", Vec::new(), tr(lang, "web-open311-persons")),
            };
            Attribute {
                variable: true,
                code: f.key.clone(),
                datatype,
                required: f.required,
                datatype_description: description,
                order: i + 1,
                description: f.label.get(lang).to_owned(),
                values,
            }
        })
        .collect();
    Ok(http::json(StatusCode::OK, &Definition { service_code: service.code.to_string(), attributes }))
}

/// `GET /open311/v2/requests/{service_request_id}.json`: an appeal by its public token. Only
/// the status, the service, the council and dates: no name, address, e-mail or number.
pub async fn request(ctx: &Ctx, token: &str, state: &State) -> Result<Response<Body>, AppError> {
    let token = token.to_owned();
    let found = state
        .db(move |c| {
            let Some(appeal) = appeals::by_token(c, &token)? else { return Ok(None) };
            let service = catalogue::get(c, appeal.service.as_str())?;
            let council = districts::get(c, appeal.district.as_str())?.map(|d| d.council_name);
            let updated = appeals::timeline(c, appeal.id)?.last().map_or(appeal.filed_at, |e| e.at);
            Ok(Some((appeal, service, council, updated)))
        })
        .await?;
    let Some((appeal, service, council, updated)) = found else { return Err(AppError::NotFound) };
    let lang = ctx.lang;
    let kind = appeal.status.kind();
    let expected = appeal.due.and_hms_opt(23, 59, 59).map(|t| format!("{}+03:00", t.format("%Y-%m-%dT%H:%M:%S")));
    let item = RequestItem {
        service_request_id: appeal.public_token.clone(),
        status: kind.open311(),
        status_notes: text::status(kind, lang),
        service_name: service.as_ref().map_or_else(|| appeal.service.to_string(), |s| s.title.get(lang).to_owned()),
        service_code: appeal.service.to_string(),
        agency_responsible: council.unwrap_or_default(),
        service_notice: service.as_ref().map(|s| text::visit_note(s, lang)).unwrap_or_default(),
        requested_datetime: rfc3339(appeal.filed_at),
        updated_datetime: rfc3339(updated),
        expected_datetime: expected.unwrap_or_default(),
    };
    Ok(http::json(StatusCode::OK, &vec![item]))
}
