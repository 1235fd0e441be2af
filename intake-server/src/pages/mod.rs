//! The handlers, one module per area, and what they share.

mod api;
mod appeals;
mod auth;
mod confirm;
mod email;
mod form;
mod misc;
mod open311;
mod questions;
pub mod text;

use ereception_core::i18n::Lang;
use hyper::body::Incoming;
use hyper::{Request, Response};

use crate::csrf;
use crate::ctx::{Ctx, SignedIn};
use crate::error::AppError;
use crate::http::{self, Body, BodyLimits};
use crate::router::{Page, Params};
use crate::state::State;

/// Calls the handler of `page`; an error becomes its response.
pub async fn handle(page: Page, req: Request<Incoming>, ctx: &Ctx, params: &Params, state: &State) -> Response<Body> {
    let changes = *req.method() == hyper::Method::POST;
    let result = match page {
        Page::Home => appeals::home(ctx, state).await,
        Page::SignInForm => auth::form(ctx, state).await,
        Page::SignIn => auth::sign_in(req, ctx, state).await,
        Page::SignOut => auth::sign_out(req, ctx, state).await,
        Page::Services => appeals::services(ctx, state).await,
        Page::AppealForm => appeals::new_form(req.headers(), ctx, params.get("code"), state).await,
        Page::FileAppeal => appeals::file(req, ctx, params.get("code"), state).await,
        Page::Appeal => appeals::show(ctx, params.get("id"), state).await,
        Page::WithdrawForm => appeals::withdraw_form(ctx, params.get("id"), state).await,
        Page::Withdraw => appeals::withdraw(req, ctx, params.get("id"), state).await,
        Page::MailLanguage => appeals::mail_language(req, ctx, state).await,
        Page::Document => appeals::document(ctx, params.get("id"), params.get("document"), state).await,
        Page::QuestionForm => questions::form(ctx, state).await,
        Page::Ask => questions::ask(req, ctx, state).await,
        Page::QuestionSent => questions::sent(&req, ctx),
        Page::ConfirmForm => confirm::form(ctx, params.get("token"), state).await,
        Page::Confirm => confirm::confirm(req, ctx, params.get("token"), state).await,
        Page::ResendConfirmation => confirm::resend(req, ctx, state).await,
        Page::EmailForm => email::form(ctx, state).await,
        Page::ChangeEmail => email::change(req, ctx, state).await,
        Page::Help => misc::help(ctx, state).await,
        Page::Privacy => misc::privacy(ctx, state).await,
        Page::SwitchLang => misc::switch_lang(ctx, params.get("lang"), state),
        Page::Stylesheet => Ok(misc::stylesheet()),
        Page::Health => misc::health(state).await,
        Page::ApiAppeals => api::appeals(ctx, state).await,
        Page::ApiAppeal => api::appeal(ctx, params.get("id"), state).await,
        Page::OpenApi => Ok(api::openapi()),
        Page::Open311Services => open311::services(ctx, state).await,
        Page::Open311Service => open311::service(ctx, params.get("service_code"), state).await,
        Page::Open311Request => open311::request(ctx, params.get("service_request_id"), state).await,
        Page::Open311Requests => open311::requests(&req, ctx, state).await,
    };
    // what this resident changed here, they see here at once: not from the read cache
    if changes && let Some(signed_in) = &ctx.signed_in {
        state.cache().forget_account(signed_in.session.account);
    }
    result.unwrap_or_else(|e| e.into_response(ctx))
}

/// The signed-in resident, or the way to sign in: for pages a redirect that comes back here,
/// for the API a 401.
fn signed_in(ctx: &Ctx) -> Result<&SignedIn, AppError> {
    ctx.signed_in.as_ref().ok_or(AppError::Unauthorized)
}

/// A redirect to the sign-in page that returns to this one afterwards.
fn to_sign_in(ctx: &Ctx) -> Response<Body> {
    // a form sent after the session ended (30 minutes idle while typing a long question) is
    // lost: the sign-in page says so rather than only asking to sign in
    let lost = if ctx.posted { "&unsent=1" } else { "" };
    // a button with no page of its own (the letters' language, a new confirmation link) was
    // pressed on the private section's home page: back there after signing in — its address
    // takes only the button's `POST`, and signing in led to a 405 page
    if ctx.posted && !crate::router::shown_by_get(ctx.path()) {
        return http::see_other("/sign-in?next=/&undone=1");
    }
    http::see_other(&format!("/sign-in?next={}{lost}", http::encode_query(&ctx.path_and_query)))
}

/// Unwraps the signed-in resident of a page, or returns the redirect to sign in.
macro_rules! signed_in_or_redirect {
    ($ctx:expr) => {
        match $ctx.signed_in.as_ref() {
            Some(s) => s,
            None => return Ok(crate::pages::to_sign_in($ctx)),
        }
    };
}
pub(crate) use signed_in_or_redirect;

/// The limits form bodies are read under.
fn limits(state: &State) -> BodyLimits {
    BodyLimits { max_bytes: state.server().body_limit, timeout: state.server().body_timeout }
}

/// Reads a form of a signed-in resident and checks its CSRF token against the session.
async fn session_form(req: Request<Incoming>, signed_in: &SignedIn, state: &State) -> Result<Form, AppError> {
    let pairs = http::read_form(req, limits(state)).await?;
    let form = Form(pairs);
    match form.get(csrf::FIELD) {
        Some(token) if csrf::same(token, &signed_in.csrf) => Ok(form),
        _ => Err(AppError::Csrf),
    }
}

/// Reads a form shown before signing in and checks its signed double-submit token.
async fn pre_session_form(req: Request<Incoming>, state: &State) -> Result<Form, AppError> {
    pre_session_form_within(req, state, limits(state)).await
}

/// [`pre_session_form`] under other limits.
async fn pre_session_form_within(req: Request<Incoming>, state: &State, limits: BodyLimits) -> Result<Form, AppError> {
    let cookie = http::cookie_value(req.headers(), csrf::PRE_COOKIE).map(str::to_owned);
    let pairs = http::read_form(req, limits).await?;
    let form = Form(pairs);
    if state.pre_key().check(cookie.as_deref(), form.get(csrf::FIELD)) { Ok(form) } else { Err(AppError::Csrf) }
}

/// The pre-session token for a form about to be shown, and its cookie. The cookie is set
/// again with every form shown, so that it lasts a day from the last form shown rather than
/// from the first: a form opened just before the day ran out and sent after it would fail its
/// token check and lose what was typed.
fn pre_session_token(ctx: &Ctx, state: &State) -> (String, String) {
    let token = ctx.pre_token.clone().unwrap_or_else(|| state.pre_key().mint());
    let cookie = http::cookie(csrf::PRE_COOKIE, &token, Some(24 * 3600), state.server().secure_cookies);
    (token, cookie)
}

/// The name of the button that switches a form's page to another language: the form comes
/// back as it was typed, in that language, neither sent nor checked.
pub const SWITCH_LANG: &str = "switch-lang";

/// The language a form's switch button asks for, if it was pressed.
fn switched_lang(form: &Form) -> Option<Lang> {
    form.get(SWITCH_LANG).and_then(|code| code.parse().ok())
}

/// `ctx` in language `lang`.
fn in_lang(ctx: &Ctx, lang: Lang) -> Ctx {
    Ctx { lang, ..ctx.clone() }
}

/// Decoded form pairs.
#[derive(Clone, Debug, Default)]
pub struct Form(pub Vec<(String, String)>);

impl Form {
    pub fn get(&self, name: &str) -> Option<&str> {
        http::first(&self.0, name)
    }

    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_owned()
    }
}

/// Parses a row id from a path parameter; anything else is "not found".
fn id_param(value: &str) -> Result<i64, AppError> {
    value.parse::<i64>().ok().filter(|n| *n > 0).ok_or(AppError::NotFound)
}
