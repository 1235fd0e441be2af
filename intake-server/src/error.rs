//! The one place errors become responses: a status and a page (or a JSON document) in the
//! reader's language. Internal details go to the log under a reference id, never to the page.

use std::time::Duration;

use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::store::StoreError;
use ereception_core::store::appeals::{DecideError, FileError};
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};
use serde_json::json;

use crate::ctx::Ctx;
use crate::filing::FilingError;
use crate::http::{self, Body};
use crate::router::Kind;
use crate::views::{self, LinkView, MessagePage, T};

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such page — or not one this person may see (indistinguishable on purpose).
    #[error("not found")]
    NotFound,
    /// An API call without a session.
    #[error("not signed in")]
    Unauthorized,
    #[error("malformed request")]
    BadRequest,
    /// A form without a valid CSRF token.
    #[error("missing or wrong CSRF token")]
    Csrf,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported content type")]
    UnsupportedMediaType,
    #[error("the request body did not arrive in time")]
    Timeout,
    #[error("too many sign-in attempts from one address")]
    TooManyRequests(Duration),
    /// Every argon2 slot stayed busy.
    #[error("the server is busy")]
    Busy,
    /// The request is understood but cannot be done now; the message id says why.
    #[error("refused: {message}")]
    Refused { status: StatusCode, message: &'static str },
    /// A refused appeal already has a corrected appeal that stands (`id`, `number`).
    #[error("the refused appeal is already corrected by appeal {id}")]
    AlreadyCorrected { id: i64, number: String },
    #[error("internal error: {0}")]
    Internal(String),
    /// The database could not be reached ([`StoreError::is_unreachable`]): 503, try later.
    #[error("the database is unreachable: {0}")]
    Unavailable(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        if e.is_unreachable() { AppError::Unavailable(e.to_string()) } else { AppError::Internal(e.to_string()) }
    }
}

impl From<FileError> for AppError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::UnknownService(_) | FileError::CannotCorrect => AppError::NotFound,
            FileError::AlreadyCorrected { id, number } => {
                AppError::AlreadyCorrected { id: id.0, number: number.to_string() }
            }
            FileError::NoSuchAccount => {
                AppError::Refused { status: StatusCode::CONFLICT, message: "web-error-account" }
            }
            FileError::ResidentLeft => {
                AppError::Refused { status: StatusCode::CONFLICT, message: "web-error-resident-left" }
            }
            // loud for the administrator, plain for the resident: nothing can be filed until the
            // next year's production calendar is added
            FileError::Calendar(e) => {
                tracing::error!(error = %e, "filing refused: no production calendar for the deadline's year");
                AppError::Refused { status: StatusCode::SERVICE_UNAVAILABLE, message: "web-error-no-calendar" }
            }
            FileError::Store(e) => e.into(),
        }
    }
}

impl From<FilingError> for AppError {
    fn from(e: FilingError) -> Self {
        match e {
            FilingError::File(e) => e.into(),
            FilingError::Commit(detail) => AppError::Internal(detail),
            FilingError::Stopped => AppError::Busy,
        }
    }
}

impl From<DecideError> for AppError {
    fn from(e: DecideError) -> Self {
        match e {
            DecideError::NotFound => AppError::NotFound,
            DecideError::Transition(_) => {
                AppError::Refused { status: StatusCode::CONFLICT, message: "web-error-cannot-withdraw" }
            }
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest => StatusCode::BAD_REQUEST,
            AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::Timeout => StatusCode::REQUEST_TIMEOUT,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Refused { status, .. } => *status,
            AppError::AlreadyCorrected { .. } => StatusCode::CONFLICT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// A short machine-readable code for the JSON APIs.
    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::BadRequest => "bad_request",
            AppError::Csrf => "csrf",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Timeout => "timeout",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Busy => "busy",
            AppError::Refused { .. } => "refused",
            AppError::AlreadyCorrected { .. } => "already_corrected",
            AppError::Internal(_) => "internal",
            AppError::Unavailable(_) => "unavailable",
        }
    }

    /// The heading and the explanation a person reads.
    fn texts(&self, lang: Lang) -> (String, String) {
        let pair = |title: &str, text: &str| (tr(lang, title), tr(lang, text));
        match self {
            AppError::NotFound => pair("web-error-not-found-title", "web-error-not-found"),
            AppError::Unauthorized => pair("web-error-unauthorized-title", "web-error-unauthorized"),
            AppError::BadRequest => pair("web-error-bad-request-title", "web-error-bad-request"),
            AppError::Csrf => pair("web-error-csrf-title", "web-error-csrf"),
            AppError::PayloadTooLarge => pair("web-error-too-large-title", "web-error-too-large"),
            AppError::UnsupportedMediaType => pair("web-error-media-type-title", "web-error-media-type"),
            AppError::Timeout => pair("web-error-timeout-title", "web-error-timeout"),
            AppError::TooManyRequests(wait) => (
                tr(lang, "web-error-too-many-title"),
                tr_args(
                    lang,
                    "web-error-too-many",
                    &[("seconds", Arg::from(i64::try_from(wait.as_secs()).unwrap_or(3600)))],
                ),
            ),
            AppError::Busy => pair("web-error-busy-title", "web-error-busy"),
            AppError::Refused { message, .. } => (tr(lang, "web-error-refused-title"), tr(lang, message)),
            AppError::AlreadyCorrected { number, .. } => (
                tr(lang, "web-error-already-corrected-title"),
                // the words core gives `FileError::AlreadyCorrected`
                tr_args(lang, "file-error-already-corrected", &[("number", Arg::from(number.as_str()))]),
            ),
            AppError::Internal(_) => pair("web-error-internal-title", "web-error-internal"),
            AppError::Unavailable(_) => pair("web-error-unavailable-title", "web-error-unavailable"),
        }
    }

    /// The response for this error, as a page, a JSON document or an Open311 error list.
    pub fn into_response(self, ctx: &Ctx) -> Response<Body> {
        let reference = match &self {
            AppError::Internal(detail) => {
                let reference = ereception_core::token::random_token(5);
                tracing::error!(reference = %reference, detail = %detail, "internal error");
                Some(reference)
            }
            AppError::Unavailable(detail) => {
                let reference = ereception_core::token::random_token(5);
                tracing::error!(reference = %reference, detail = %detail, "the database is unreachable");
                Some(reference)
            }
            _ => None,
        };
        let status = self.status();
        let (title, mut text) = self.texts(ctx.lang);
        if matches!(self, AppError::NotFound) && matches!(ctx.kind, Kind::Api | Kind::Open311) {
            // a program's 404: no advice about pages, letters and PINs
            text = tr(ctx.lang, "web-api-error-not-found");
        } else if matches!(self, AppError::NotFound) && ctx.signed_in.is_some() {
            // «sign in with your number and PIN» read as nonsense to a resident already signed
            // in who followed a letter about a relative's appeal (a family shares one address);
            // the same words whether the appeal exists or not
            text = tr(ctx.lang, "web-error-not-found-signed-in");
        }
        let mut response = match ctx.kind {
            Kind::Api => {
                let mut body = json!({ "error": { "code": self.code(), "message": text } });
                if let Some(r) = &reference {
                    body["error"]["reference"] = json!(r);
                }
                http::json(status, &body)
            }
            Kind::Open311 => http::json(status, &json!([{ "code": status.as_u16(), "description": text }])),
            Kind::Html | Kind::Asset => {
                let mut links = vec![LinkView { href: "/".to_owned(), label: tr(ctx.lang, "web-error-home-link") }];
                let mut paragraphs = vec![text];
                match &self {
                    AppError::Csrf if ctx.signed_in.is_none() => {
                        links.insert(
                            0,
                            LinkView { href: "/sign-in".to_owned(), label: tr(ctx.lang, "web-nav-sign-in") },
                        );
                    }
                    AppError::AlreadyCorrected { id, number } => links.insert(
                        0,
                        LinkView {
                            href: format!("/appeals/{id}"),
                            label: tr_args(ctx.lang, "web-appeal-open", &[("number", Arg::from(number.as_str()))]),
                        },
                    ),
                    // a form sent too large: back to that form (its fields, as typed, come back
                    // with the browser's Back button)
                    AppError::PayloadTooLarge => {
                        paragraphs.push(tr(ctx.lang, "web-error-too-large-back"));
                        if let Some(form) = crate::router::form_page(ctx.path()) {
                            links.insert(
                                0,
                                LinkView { href: form.to_owned(), label: tr(ctx.lang, "web-error-back-to-form") },
                            );
                        }
                    }
                    _ => {}
                }
                let page = MessagePage {
                    chrome: ctx.chrome(title.clone(), false),
                    t: T(ctx.lang),
                    heading: title,
                    paragraphs,
                    reference,
                    links,
                };
                http::html(status, views::render(&page))
            }
        };
        if let AppError::TooManyRequests(wait) = &self
            && let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if matches!(self, AppError::Unavailable(_)) {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        if matches!(self, AppError::PayloadTooLarge | AppError::Timeout | AppError::BadRequest) {
            // the rest of the body is not read: do not reuse the connection
            response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ereception_core::clock::CalendarError;

    #[test]
    fn a_missing_calendar_is_a_plain_refusal_not_an_internal_error() {
        let e = AppError::from(FileError::Calendar(CalendarError::YearNotCovered { year: 2030 }));
        assert_eq!(e.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(matches!(e, AppError::Refused { message: "web-error-no-calendar", .. }), "{e:?}");
    }

    /// QA: with PostgreSQL unreachable every page was a 500 «Произошла внутренняя ошибка»,
    /// which told neither the resident that what they sent was not kept nor a proxy or a
    /// monitor that the server is fine and only waiting for its database.
    #[test]
    fn an_unreachable_database_is_a_503_to_try_again_later() {
        let lost = StoreError::Query(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection unexpectedly".to_owned()),
        ));
        let e = AppError::from(FileError::Store(lost));
        assert!(matches!(e, AppError::Unavailable(_)), "{e:?}");
        assert_eq!(e.status(), StatusCode::SERVICE_UNAVAILABLE);
        let (title, text) = e.texts(Lang::Ru);
        assert_eq!(title, "Сервис временно недоступен");
        assert!(text.contains("Если вы отправляли форму, она не сохранена."), "{text}");
        // anything else stays an internal error
        let e = AppError::from(StoreError::Corrupt { what: "appeal", detail: "x".to_owned() });
        assert_eq!(e.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
