//! The public information pages, the language switch, the stylesheet and the health check.

use ereception_core::domain::district::District;
use ereception_core::i18n::{Lang, tr, tr_args};
use ereception_core::store::districts;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};

use crate::ctx::{Ctx, LANG_COOKIE};
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;
use crate::views::{self, HelpPage, OfficeView, PrivacyPage, T};

/// Every council's office, for the public pages.
async fn offices(state: &State) -> Result<Vec<OfficeView>, AppError> {
    let all: Vec<District> = state.db(|c| Ok(districts::list(c)?)).await?;
    Ok(all
        .into_iter()
        .map(|d| OfficeView {
            council: d.council_name,
            address: d.council_address,
            hours: d.office_hours,
            phone: d.phone.filter(|p| !p.trim().is_empty()),
        })
        .collect())
}

/// `GET /help`: what a resident needs to know before signing in or coming to the council.
pub async fn help(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let lang = ctx.lang;
    let view =
        HelpPage { chrome: ctx.chrome(tr(lang, "web-help-title"), false), t: T(lang), offices: offices(state).await? };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

/// `GET /privacy`: how the council processes personal data here (152-ФЗ).
pub async fn privacy(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let lang = ctx.lang;
    let minutes = state.server().session_idle.num_minutes();
    let view = PrivacyPage {
        chrome: ctx.chrome(tr(lang, "web-privacy-title"), false),
        t: T(lang),
        offices: offices(state).await?,
        cookies: tr_args(lang, "web-privacy-cookies", &[("minutes", minutes.into())]),
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

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
