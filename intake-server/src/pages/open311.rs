//! Open311 GeoReport v2, read endpoints (`/open311/v2/…`): the services, a service's
//! definition, and a request by its unguessable public token — status and dates only, no
//! personal data.

use ereception_core::domain::catalogue::{FieldKind, Service, ServiceKind};
use ereception_core::i18n::tr;
use ereception_core::store::{appeals, catalogue, districts};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};
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

/// Tokens one `requests.json` call may ask for.
pub const MAX_REQUEST_IDS: usize = 50;

/// `GET /open311/v2/requests/{service_request_id}.json`: an appeal by its public token. Only
/// the status, the service, the council and dates: no name, address, e-mail or number.
pub async fn request(ctx: &Ctx, token: &str, state: &State) -> Result<Response<Body>, AppError> {
    let items = find(ctx, vec![token.to_owned()], state).await?;
    if items.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(http::json(StatusCode::OK, &items))
}

/// `GET /open311/v2/requests.json?service_request_id=A,B,…`: several appeals by their public
/// tokens, as GeoReport v2 clients poll them; tokens not found are left out. Without ids it
/// refuses: the server lists no appeals (the standard's search by date and status would let
/// anyone page through the district's appeals).
pub async fn requests(req: &Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let ids =
        http::query_pairs(req).into_iter().find(|(k, _)| k == "service_request_id").map(|(_, v)| v).unwrap_or_default();
    let mut tokens: Vec<String> = Vec::new();
    for token in ids.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tokens.iter().any(|t| t == token) {
            tokens.push(token.to_owned());
        }
    }
    if tokens.is_empty() {
        return Err(AppError::Refused { status: StatusCode::BAD_REQUEST, message: "web-open311-ids-needed" });
    }
    if tokens.len() > MAX_REQUEST_IDS {
        return Err(AppError::Refused { status: StatusCode::BAD_REQUEST, message: "web-open311-ids-too-many" });
    }
    Ok(http::json(StatusCode::OK, &find(ctx, tokens, state).await?))
}

/// The requests of the appeals with these public tokens, in their order; unknown ones left out.
async fn find(ctx: &Ctx, tokens: Vec<String>, state: &State) -> Result<Vec<RequestItem>, AppError> {
    let found = state
        .db(move |c| {
            let mut found = Vec::with_capacity(tokens.len());
            for token in &tokens {
                let Some(appeal) = appeals::by_token(c, token)? else { continue };
                let service = catalogue::get(c, appeal.service.as_str())?;
                let council = districts::get(c, appeal.district.as_str())?.map(|d| d.council_name);
                let updated = appeals::timeline(c, appeal.id)?.last().map_or(appeal.filed_at, |e| e.at);
                found.push((appeal, service, council, updated));
            }
            Ok(found)
        })
        .await?;
    let lang = ctx.lang;
    Ok(found
        .into_iter()
        .map(|(appeal, service, council, updated)| {
            let kind = appeal.status.kind();
            let expected =
                appeal.due.and_hms_opt(23, 59, 59).map(|t| format!("{}+03:00", t.format("%Y-%m-%dT%H:%M:%S")));
            RequestItem {
                service_request_id: appeal.public_token.clone(),
                status: kind.open311(),
                status_notes: text::status(kind, lang),
                service_name: service
                    .as_ref()
                    .map_or_else(|| appeal.service.to_string(), |s| s.title.get(lang).to_owned()),
                service_code: appeal.service.to_string(),
                agency_responsible: council.unwrap_or_default(),
                service_notice: service.as_ref().map(|s| text::visit_note(s, lang)).unwrap_or_default(),
                requested_datetime: rfc3339(appeal.filed_at),
                updated_datetime: rfc3339(updated),
                expected_datetime: expected.unwrap_or_default(),
            }
        })
        .collect())
}
