//! Signing in with the account number and PIN from the slip, and signing out.

use std::time::Instant;

use chrono::Utc;
use ereception_core::account::{AccountNumber, FailureOutcome, Locked, Pin, sign_in_failed_message};
use ereception_core::i18n::{tr, tr_args};
use ereception_core::store::accounts::{self, ApplicantSignIn};
use ereception_core::store::sessions;
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};

use super::{Form, in_lang, limits, pre_session_form_within, pre_session_token, session_form, switched_lang};
use crate::carry::{self, Carried};
use crate::csrf;
use crate::ctx::{Ctx, SESSION_COOKIE, SignedIn};
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
    /// A form sent after its session ended, sealed ([`carry`]), or empty.
    carried: String,
    /// How that session ended.
    why: Why,
}

/// How the session a carried form was sent from ended.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Why {
    /// Idle too long.
    #[default]
    Expired,
    /// Signed out of (in another tab).
    SignedOut,
}

/// The sign-in form's hidden field that says how the session of the form it carries ended.
const WHY_FIELD: &str = "ended";

impl Why {
    const SIGNED_OUT: &str = "signed-out";

    /// The hidden field's value.
    fn code(self) -> &'static str {
        match self {
            Why::Expired => "",
            Why::SignedOut => Why::SIGNED_OUT,
        }
    }
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
    let minutes = state.server().session_idle.num_minutes();
    let notice = if !shown.carried.is_empty() {
        // said whatever else the page says: the form is waiting for this sign-in
        Some(match shown.why {
            Why::Expired => tr_args(lang, "web-sign-in-carried", &[("minutes", minutes.into())]),
            Why::SignedOut => tr(lang, "web-sign-in-carried-signed-out"),
        })
    } else if ctx.param("signed-out").is_some() && errors.is_empty() && ctx.signed_in.is_none() {
        Some(tr(lang, "web-signed-out"))
    } else if ctx.param("undone").is_some() && errors.is_empty() && ctx.signed_in.is_none() {
        Some(tr(lang, "web-sign-in-undone"))
    } else if ctx.param("unsent").is_some() && errors.is_empty() && ctx.signed_in.is_none() {
        Some(tr_args(lang, "web-sign-in-unsent", &[("minutes", minutes.into())]))
    } else {
        (shown.next != "/" && !shown.next.is_empty() && errors.is_empty() && ctx.signed_in.is_none())
            .then(|| tr(lang, "web-sign-in-needed"))
    };
    let view = SignInPage {
        chrome: ctx.chrome(tr(lang, "web-sign-in-title"), !errors.is_empty()).keeping("sign-in-form", ""),
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
        carried: shown.carried,
        ended: shown.why.code(),
    };
    let mut r = http::html(status, views::render(&view));
    http::set_cookie(&mut r, &set_cookie);
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
    let headers = req.headers().clone();
    // the sign-in may carry a whole form besides its own fields
    let within = limits(state);
    let within = super::BodyLimits { max_bytes: within.max_bytes.saturating_mul(2).saturating_add(8 * 1024), ..within };
    let form: Form = pre_session_form_within(req, state, within).await?;
    let carried = form.text(carry::FIELD);
    let why = if form.get(WHY_FIELD) == Some(Why::SIGNED_OUT) { Why::SignedOut } else { Why::Expired };
    // the language switch shows the page again in that language: no attempt, nothing counted
    if let Some(chosen) = switched_lang(&form) {
        let ctx = in_lang(ctx, chosen);
        let shown = Shown {
            number: form.text("number").trim().to_owned(),
            next: next_of(form.get("next")),
            carried,
            why,
            ..Shown::default()
        };
        let mut r = page(&ctx, state, shown, StatusCode::OK);
        super::misc::remember_lang(&mut r, chosen, state);
        return Ok(r);
    }
    if let Err(wait) = state.throttle().check(ctx.client, Instant::now()) {
        tracing::warn!("sign-in throttled for a client address");
        if carried.is_empty() {
            return Err(AppError::TooManyRequests(wait));
        }
        // a form carried through this sign-in stays on the page: an error page in its place
        // lost it (many residents share one address, a mobile operator's or a library's)
        let seconds = i64::try_from(wait.as_secs()).unwrap_or(3600).max(1);
        let shown = Shown {
            number: form.text("number").trim().to_owned(),
            general: Some(tr_args(ctx.lang, "web-error-too-many", &[("seconds", seconds.into())])),
            next: next_of(form.get("next")),
            carried,
            why,
            ..Shown::default()
        };
        let mut r = page(ctx, state, shown, StatusCode::TOO_MANY_REQUESTS);
        if let Ok(v) = HeaderValue::from_str(&seconds.to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    let lang = ctx.lang;
    let next = next_of(form.get("next"));
    let number_text = form.text("number");
    let pin_text = form.text("pin");
    // Format mistakes are told field by field and cost no attempt: they cannot be a guess.
    let number_error = AccountNumber::parse(&number_text).err().map(|e| e.message(lang));
    let pin_error = Pin::parse(&pin_text).err().map(|e| e.message(lang));
    if number_error.is_some() || pin_error.is_some() {
        let shown = Shown {
            number: number_text.trim().to_owned(),
            number_error,
            pin_error,
            next,
            carried,
            why,
            ..Shown::default()
        };
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
            let page_lang = if lang_chosen { lang } else { account.lang };
            // a form sent after the session ended comes back here, filled in, unsent — for the
            // account that sent it alone
            let refill = match form.get(csrf::FIELD).filter(|_| !carried.is_empty()) {
                Some(flow) => match state.carry_key().open(&carried, flow, now) {
                    Some(c) if c.account == account.id && c.path == next => Some(c),
                    Some(_) => {
                        tracing::info!(session = session.id, "a form carried for another account was dropped");
                        None
                    }
                    None => {
                        tracing::info!(session = session.id, "a carried form did not open (too old or altered)");
                        None
                    }
                },
                None => None,
            };
            let secure = state.server().secure_cookies;
            let session_csrf = csrf::session_token(&token);
            // the form goes to its own page (so that reloading that page does not sign in
            // again), sealed for the new session in cookies scoped to its address
            let cookies = refill.as_ref().and_then(|carried| {
                let sealed = state.carry_key().seal_for_session(carried, &session_csrf, now)?;
                let max_age = state.server().session_idle.num_seconds();
                carry::to_cookies(&sealed, &carried.path, max_age, secure)
            });
            let mut r = match (refill, cookies) {
                (Some(_), Some(cookies)) => {
                    let mut r = http::see_other(&next);
                    for c in &cookies {
                        http::set_cookie(&mut r, c);
                    }
                    r
                }
                // too large for cookies: shown here, as the sign-in's answer, rather than lost
                (Some(carried), None) => {
                    let signed_in = SignedIn { csrf: session_csrf, token: token.clone(), session };
                    let ctx = Ctx {
                        lang: page_lang,
                        path_and_query: next.clone(),
                        query: Vec::new(),
                        signed_in: Some(signed_in),
                        posted: false,
                        ..ctx.clone()
                    };
                    match super::appeals::refilled(&ctx, carried, state).await {
                        Ok(r) => r,
                        Err(e) => e.into_response(&ctx),
                    }
                }
                (None, _) => http::see_other(&next),
            };
            // this browser's session that expired, if it was this resident's: a form another
            // tab still shows from it is shown again rather than refused (the cookie of a
            // session signed out of stays as it is). Whatever session the browser had ends
            // here, on the server too: the browser no longer holds it, and a copy of its
            // cookie must not outlive this sign-in.
            if let Some(old) = http::cookie_value(&headers, SESSION_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned)
            {
                let old_csrf = csrf::session_token(&old);
                state.cache().forget_session(&ereception_core::token::token_hash(&old));
                let owner = state
                    .db(move |c| {
                        let owner = sessions::owner(c, &old)?;
                        sessions::delete(c, &old)?;
                        Ok(owner)
                    })
                    .await?;
                if owner == Some(account.id)
                    && let Some(sealed) = state.carry_key().seal_ended(account.id, &old_csrf, now)
                {
                    let max_age = carry::MAX_AGE.num_seconds();
                    http::set_cookie(&mut r, &http::cookie(carry::ENDED_COOKIE, &sealed, Some(max_age), secure));
                }
            }
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
    let shown =
        Shown { number: number_text.trim().to_owned(), general: Some(general), next, carried, why, ..Shown::default() };
    Ok(page(ctx, state, shown, StatusCode::UNPROCESSABLE_ENTITY))
}

/// A form of the private section sent without a live session (it ended while the resident
/// typed, or was signed out of in another tab): the sign-in page, carrying the form sealed for
/// the account whose session it was ([`carry`]), so that signing in shows it again. Without
/// that account — no session cookie nor signed-out cookie, a session purged, a form that is
/// not that session's own (its CSRF token) — nothing can be carried safely: the redirect to
/// sign in says the form was not sent.
pub async fn sent_after_session(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let ended = http::cookie_value(req.headers(), SESSION_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned);
    let signed_out =
        http::cookie_value(req.headers(), carry::ENDED_COOKIE).filter(|t| !t.is_empty()).map(str::to_owned);
    if ended.is_none() && signed_out.is_none() {
        return Ok(super::to_sign_in(ctx));
    }
    let form = Form(http::read_form(req, limits(state)).await?);
    let form_csrf = form.text(csrf::FIELD);
    // a session that ended (idle): its row still names its account
    let own = ended.filter(|t| !form_csrf.is_empty() && csrf::same(&form_csrf, &csrf::session_token(t)));
    let expired = match own {
        Some(ended) => state.db(move |c| Ok(sessions::owner(c, &ended)?)).await?,
        None => None,
    };
    // a session signed out of (its row is gone): the cookie signing out left names it
    let (account, why) = match expired {
        Some(account) => (account, Why::Expired),
        None => match signed_out.and_then(|s| state.carry_key().open_ended(&s, &form_csrf, Utc::now())) {
            Some(account) => (account, Why::SignedOut),
            None => return Ok(super::to_sign_in(ctx)),
        },
    };
    let lang = switched_lang(&form).unwrap_or(ctx.lang);
    // the sealed form is bound to this browser's pre-session token, the sign-in form's own
    // (the page sets its cookie)
    let (flow, _) = pre_session_token(ctx, state);
    let carried = Carried::new(account, ctx.path(), &form.0);
    let Some(sealed) = state.carry_key().seal(&carried, &flow, Utc::now()) else {
        return Err(AppError::Internal("the random source failed sealing a carried form".to_owned()));
    };
    tracing::info!(account = account.0, "a form sent after its session ended is carried through the sign-in");
    let ctx = Ctx { lang, pre_token: Some(flow), ..ctx.clone() };
    let shown = Shown { next: ctx.path().to_owned(), carried: sealed, why, ..Shown::default() };
    let mut r = page(&ctx, state, shown, StatusCode::OK);
    if switched_lang(&form).is_some() {
        super::misc::remember_lang(&mut r, lang, state);
    }
    Ok(r)
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
        // a form another tab still shows is carried through the next sign-in, as after a
        // session that expired: this cookie says whose session it was
        let account = signed_in.session.account;
        if let Some(sealed) = state.carry_key().seal_ended(account, &signed_in.csrf, Utc::now()) {
            let max_age = carry::MAX_AGE.num_seconds();
            http::set_cookie(&mut r, &http::cookie(carry::ENDED_COOKIE, &sealed, Some(max_age), secure));
        }
    }
    http::set_cookie(&mut r, &http::cookie(SESSION_COOKIE, "", Some(0), secure));
    Ok(r)
}
