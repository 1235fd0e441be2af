//! The JSON API of the private section (`/api/v1/…`): the same data as the pages, for
//! programs. Signed in by the same session cookie; another resident's appeal is 404.

use chrono::{DateTime, SecondsFormat, Utc};
use ereception_core::clock::MOSCOW_OFFSET;
use ereception_core::domain::catalogue::Service;
use ereception_core::store::appeals;
use ereception_core::store::catalogue;
use ereception_core::timeline::{self, FiledField};
use std::time::Instant;

use hyper::body::Bytes;
use hyper::header::HeaderValue;
use hyper::{Response, StatusCode};
use serde::Serialize;

use super::appeals::{AppealData, document_href, load, timeline_of};
use super::{id_param, signed_in, text};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;

const JSON: &str = "application/json; charset=utf-8";

/// The OpenAPI 3.1 document describing `/api/v1` and `/open311/v2`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// An instant as RFC 3339 in Moscow time.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.with_timezone(&MOSCOW_OFFSET).to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[derive(Serialize)]
struct ServiceRef {
    code: String,
    title: String,
}

#[derive(Serialize)]
struct StatusRef {
    code: &'static str,
    title: String,
    open: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage: Option<String>,
}

#[derive(Serialize)]
struct AppealSummary {
    id: i64,
    number: String,
    service: ServiceRef,
    status: StatusRef,
    filed_at: String,
    due: String,
    url: String,
}

#[derive(Serialize)]
struct AppealList {
    appeals: Vec<AppealSummary>,
}

#[derive(Serialize)]
struct AppealRef {
    id: i64,
    number: String,
}

#[derive(Serialize)]
struct TimelineItem {
    at: String,
    title: String,
    actor: String,
    tone: &'static str,
    details: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_url: Option<String>,
}

#[derive(Serialize)]
struct DocumentItem {
    id: i64,
    file_name: String,
    media_type: String,
    size: i64,
    sha256: String,
    url: String,
}

#[derive(Serialize)]
struct AppealDetail {
    id: i64,
    number: String,
    public_token: String,
    service: ServiceRef,
    status: StatusRef,
    filed_at: String,
    register_by: String,
    due: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    corrects: Option<AppealRef>,
    /// The service's own fields as filed, as the page shows them.
    fields: Vec<FiledField>,
    timeline: Vec<TimelineItem>,
    documents: Vec<DocumentItem>,
}

fn service_ref(code: &str, service: Option<&Service>, lang: ereception_core::i18n::Lang) -> ServiceRef {
    ServiceRef {
        code: code.to_owned(),
        title: service.map_or_else(|| code.to_owned(), |s| s.title.get(lang).to_owned()),
    }
}

/// `GET /api/v1/appeals`: the resident's appeals, newest first.
pub async fn appeals(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let account = signed_in(ctx)?.session.account;
    let (list, services) = state
        .db(move |c| {
            let list = appeals::list_for_account(c, account, None, 500)?;
            let mut services = Vec::new();
            for a in &list {
                if !services.iter().any(|s: &Service| s.code == a.service)
                    && let Some(s) = catalogue::get(c, a.service.as_str())?
                {
                    services.push(s);
                }
            }
            Ok((list, services))
        })
        .await?;
    let lang = ctx.lang;
    let appeals = list
        .iter()
        .map(|a| {
            let kind = a.status.kind();
            AppealSummary {
                id: a.id.0,
                number: a.number.to_string(),
                service: service_ref(a.service.as_str(), services.iter().find(|s| s.code == a.service), lang),
                status: StatusRef {
                    code: kind.as_str(),
                    title: text::status(kind, lang),
                    open: kind.is_open(),
                    stage: None,
                },
                filed_at: rfc3339(a.filed_at),
                due: a.due.to_string(),
                url: format!("/api/v1/appeals/{}", a.id.0),
            }
        })
        .collect();
    Ok(http::json(StatusCode::OK, &AppealList { appeals }))
}

/// `GET /api/v1/appeals/{id}`: one appeal with its timeline and documents — the status read
/// programs poll, served from the read cache when it was read less than a second ago.
pub async fn appeal(ctx: &Ctx, id: &str, state: &State) -> Result<Response<Body>, AppError> {
    let account = signed_in(ctx)?.session.account;
    let key = (account, id_param(id)?, ctx.lang);
    if let Some(body) = state.cache().status(&key, Instant::now()) {
        return Ok(http::response(StatusCode::OK, JSON, body));
    }
    let read_at = Instant::now();
    let data = load(state, account, id).await?;
    let detail = appeal_detail(&data, ctx.lang);
    let body = match serde_json::to_vec_pretty(&detail) {
        Ok(body) => Bytes::from(body),
        Err(e) => {
            tracing::error!(error = %e, "a JSON view did not serialise");
            return Err(AppError::Internal("a JSON view did not serialise".to_owned()));
        }
    };
    state.cache().put_status(key, body.clone(), read_at);
    Ok(http::response(StatusCode::OK, JSON, body))
}

fn appeal_detail(data: &AppealData, lang: ereception_core::i18n::Lang) -> AppealDetail {
    let a = &data.appeal;
    let kind = a.status.kind();
    let stage = a
        .status
        .stage()
        .and_then(|code| data.service.as_ref().and_then(|s| s.stage(code)).map(|st| st.title.get(lang).to_owned()));
    AppealDetail {
        id: a.id.0,
        number: a.number.to_string(),
        public_token: a.public_token.clone(),
        service: service_ref(a.service.as_str(), data.service.as_ref(), lang),
        status: StatusRef { code: kind.as_str(), title: text::status(kind, lang), open: kind.is_open(), stage },
        filed_at: rfc3339(a.filed_at),
        register_by: a.register_by.to_string(),
        due: a.due.to_string(),
        corrects: data.corrects.as_ref().map(|c| AppealRef { id: c.id.0, number: c.number.to_string() }),
        fields: timeline::filed_fields(data.service.as_ref(), &a.draft.fields, lang, |d| d.to_string()),
        timeline: timeline_of(data, lang)
            .into_iter()
            .map(|e| TimelineItem {
                at: rfc3339(e.at),
                title: e.title,
                actor: e.actor,
                tone: e.tone.as_str(),
                details: e.details,
                document_url: e.document.map(|d| document_href(a.id, d)),
            })
            .collect(),
        documents: data
            .documents
            .iter()
            .map(|d| DocumentItem {
                id: d.id.0,
                file_name: d.file_name.clone(),
                media_type: d.media_type.clone(),
                size: d.size,
                sha256: d.sha256.clone(),
                url: document_href(a.id, d.id),
            })
            .collect(),
    }
}

/// `GET /api/v1/openapi.json`.
pub fn openapi() -> Response<Body> {
    let mut r = http::response(StatusCode::OK, "application/json; charset=utf-8", OPENAPI);
    r.headers_mut().insert(hyper::header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}
