//! Signing in with the account number and PIN from the slip, and signing out.

use std::time::Instant;

use chrono::Utc;
use ereception_core::account::{AccountNumber, FailureOutcome, Locked, Pin, sign_in_failed_message};
use ereception_core::i18n::{tr, tr_args};
use ereception_core::store::accounts::{self, ApplicantSignIn};
use ereception_core::store::sessions;
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};

use super::{Form, pre_session_form, pre_session_token, session_form};
use crate::ctx::{Ctx, SESSION_COOKIE};
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;
use crate::views::{self, ErrorItem, SignInPage, T};

/// What the sign-in page shows besides the empty form.
#[derive(Default)]
struct Shown {
    number: String,
    number_error: Option<String>,
    pin_error: Option<String>,
    /// A message about both fields (wrong number or PIN, locked), in the summary only.
    general: Option<String>,
    next: String,
}

fn page(ctx: &Ctx, state: &State, shown: Shown, status: StatusCode) -> Response<Body> {
    let lang = ctx.lang;
    let (csrf, set_cookie) = pre_session_token(ctx, state);
    let mut errors = Vec::new();
    if let Some(text) = &shown.general {
        errors.push(ErrorItem { field: "number".to_owned(), text: text.clone() });
    }
    if let Some(text) = &shown.number_error {
        errors.push(ErrorItem { field: "number".to_owned(), text: text.clone() });
    }
    if let Some(text) = &shown.pin_error {
        errors.push(ErrorItem { field: "pin".to_owned(), text: text.clone() });
    }
    let notice = if ctx.param("signed-out").is_some() && errors.is_empty() && ctx.signed_in.is_none() {
        Some(tr(lang, "web-signed-out"))
    } else if ctx.param("unsent").is_some() && errors.is_empty() && ctx.signed_in.is_none() {
        let minutes = state.server().session_idle.num_minutes();
        Some(tr_args(lang, "web-sign-in-unsent", &[("minutes", minutes.into())]))
    } else {
        (shown.next != "/" && !shown.next.is_empty() && errors.is_empty() && ctx.signed_in.is_none())
            .then(|| tr(lang, "web-sign-in-needed"))
    };
    let view = SignInPage {
        chrome: ctx.chrome(tr(lang, "web-sign-in-title"), !errors.is_empty()),
        t: T(lang),
        // a wrong number or PIN, or a lockout, is not a mistake in how a field was filled in
        error_title: tr(
            lang,
            if shown.general.is_some() { "web-sign-in-failed-title" } else { "web-error-summary-title" },
        ),
        error_lead: String::new(),
        errors,
        notice,
        number: shown.number,
        // a general failure marks the number field too, for the summary's link
        number_error: shown.number_error.or(shown.general),
        pin_error: shown.pin_error,
        next: shown.next,
        csrf,
    };
    let mut r = http::html(status, views::render(&view));
    if let Some(cookie) = set_cookie {
        http::set_cookie(&mut r, &cookie);
    }
    r
}

fn next_of(value: Option<&str>) -> String {
    value.and_then(http::local_path).unwrap_or("/").to_owned()
}

/// `GET /sign-in`: the form. A signed-in resident goes straight on.
pub async fn form(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let next = next_of(ctx.param("next"));
    if ctx.signed_in.is_some() {
        return Ok(http::see_other(&next));
    }
    Ok(page(ctx, state, Shown { next, ..Shown::default() }, StatusCode::OK))
}

/// `POST /sign-in`: checks the form's token and the address's rate, then the number and PIN
/// (argon2, on the bounded pool) under the account's lockout; on success starts a session and
/// goes to `next`.
pub async fn sign_in(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    // a language chosen on this device (the switch, a link's `lang`) wins over the account's
    let lang_chosen =
        ctx.param("lang").is_some() || http::cookie_value(req.headers(), crate::ctx::LANG_COOKIE).is_some();
    let form: Form = pre_session_form(req, state).await?;
    if let Err(wait) = state.throttle().check(ctx.client, Instant::now()) {
        tracing::warn!("sign-in throttled for a client address");
        return Err(AppError::TooManyRequests(wait));
    }
    let lang = ctx.lang;
    let next = next_of(form.get("next"));
    let number_text = form.text("number");
    let pin_text = form.text("pin");
    // Format mistakes are told field by field and cost no attempt: they cannot be a guess.
    let number_error = AccountNumber::parse(&number_text).err().map(|e| e.message(lang));
    let pin_error = Pin::parse(&pin_text).err().map(|e| e.message(lang));
    if number_error.is_some() || pin_error.is_some() {
        let shown = Shown { number: number_text.trim().to_owned(), number_error, pin_error, next, ..Shown::default() };
        return Ok(page(ctx, state, shown, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let policy = state.settings().lockout;
    let (number, pin) = (number_text.clone(), pin_text);
    // Three steps, so that the argon2 threads only verify: look up, verify, record.
    let attempt = state.db(move |c| Ok(accounts::sign_in_lookup(c, &number, &pin, Utc::now())?)).await?;
    let outcome = match attempt.locked() {
        Some(locked) => locked,
        None => {
            let (attempt, ok) = state
                .argon(move || {
                    let ok = attempt.verify()?;
                    Ok((attempt, ok))
                })
                .await?;
            state.db(move |c| Ok(accounts::sign_in_finish(c, &attempt, ok, &policy, Utc::now())?)).await?
        }
    };
    let now = Utc::now();
    let general = match outcome {
        ApplicantSignIn::SignedIn(account) => {
            let policy = *state.session_policy();
            let (token, session) = state.db(move |c| Ok(sessions::create(c, account.id, &policy, Utc::now())?)).await?;
            tracing::info!(account = account.id.0, session = session.id, "signed in");
            let mut r = http::see_other(&next);
            if !lang_chosen {
                // the private section opens in the language the account was given at the desk
                super::misc::remember_lang(&mut r, account.lang, state);
            }
            let max_age = state.server().session_max.num_seconds();
            http::set_cookie(
                &mut r,
                &http::cookie(SESSION_COOKIE, &token, Some(max_age), state.server().secure_cookies),
            );
            return Ok(r);
        }
        ApplicantSignIn::Failed { attempts_left } => {
            let mut text = sign_in_failed_message(lang);
            if let Some(n) = attempts_left {
                text.push(' ');
                text.push_str(&FailureOutcome::AttemptsLeft(n).message(lang, now));
            }
            text
        }
        // the PIN was not checked: saying it is wrong would send the resident for a new one
        ApplicantSignIn::Locked { until } => {
            tr_args(lang, "web-sign-in-locked", &[("until", Locked { until }.message(lang, now).into())])
        }
    };
    let shown = Shown { number: number_text.trim().to_owned(), general: Some(general), next, ..Shown::default() };
    Ok(page(ctx, state, shown, StatusCode::UNPROCESSABLE_ENTITY))
}

/// `POST /sign-out`: ends the session on the server and clears the cookie.
pub async fn sign_out(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    // the next page says so: «Вы вышли из личного кабинета»
    let mut r = http::see_other("/sign-in?signed-out=1");
    let secure = state.server().secure_cookies;
    if let Some(signed_in) = &ctx.signed_in {
        session_form(req, signed_in, state).await?;
        let token = signed_in.token.clone();
        state.cache().forget_session(&ereception_core::token::token_hash(&token));
        state.db(move |c| Ok(sessions::delete(c, &token)?)).await?;
        tracing::info!(session = signed_in.session.id, "signed out");
    }
    http::set_cookie(&mut r, &http::cookie(SESSION_COOKIE, "", Some(0), secure));
    Ok(r)
}
