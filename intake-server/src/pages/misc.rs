//! The language switch, the stylesheet and the health check.

use ereception_core::i18n::Lang;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};

use crate::ctx::{Ctx, LANG_COOKIE};
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;

/// The stylesheet, compiled in: nothing comes from elsewhere.
const STYLE: &str = include_str!("../../static/style.css");

/// `GET /lang/{lang}?next=…`: remembers the language in a cookie and goes back.
pub fn switch_lang(ctx: &Ctx, lang: &str, state: &State) -> Result<Response<Body>, AppError> {
    let lang: Lang = lang.parse().map_err(|_| AppError::NotFound)?;
    let next = ctx.param("next").and_then(http::local_path).unwrap_or("/");
    let mut r = http::see_other(next);
    remember_lang(&mut r, lang, state);
    Ok(r)
}

/// Sets the language cookie on a response (a year; the switch on every page changes it).
pub fn remember_lang(r: &mut Response<Body>, lang: Lang, state: &State) {
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
        lang.code(),
        if state.server().secure_cookies { "; Secure" } else { "" }
    );
    http::set_cookie(r, &cookie);
}

/// `GET /static/style.css`.
pub fn stylesheet() -> Response<Body> {
    let mut r = http::response(StatusCode::OK, "text/css; charset=utf-8", STYLE);
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
    r
}

/// `GET /health`: `ok` when the database answers.
/// A proxy or a monitor reads the status and at most a word: a failure is a plain-text 503,
/// not the residents' error page (whose 500 said nothing a monitor could tell from a bug).
pub async fn health(state: &State) -> Result<Response<Body>, AppError> {
    let read = state
        .db(|c| {
            ereception_core::store::count_rows(c, "districts")?;
            Ok(())
        })
        .await;
    Ok(match read {
        Ok(()) => http::response(StatusCode::OK, "text/plain; charset=utf-8", "ok\n"),
        Err(e) => {
            tracing::warn!(error = %e, "health check: the database cannot be read");
            http::response(StatusCode::SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "database unavailable\n")
        }
    })
}
