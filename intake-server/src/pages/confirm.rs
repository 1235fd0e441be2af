//! E-mail confirmation links (of questions and of the address given at the PIN desk alike),
//! and asking for a new link from the private section.
//!
//! Opening a link changes nothing: mail scanners and link previews open links by themselves,
//! and an address mistyped at the desk must not be confirmed by nobody. The link's page has a
//! button, a `POST` with the pre-session CSRF token (it works signed out, in any browser), and
//! only that confirms.

use chrono::{DateTime, Utc};
use ereception_core::domain::event::ConfirmationPurpose;
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::store::accounts::{self, ConfirmOutcome, ConfirmationLink, PinError, ResendOutcome};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};

use super::{pre_session_form, pre_session_token, session_form, signed_in_or_redirect};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;
use crate::views::{self, ConfirmPage, LinkView, MessagePage, T};

/// A page that says one thing, with links on.
pub(super) fn message(
    ctx: &Ctx,
    status: StatusCode,
    heading: &str,
    paragraphs: Vec<String>,
    links: Vec<LinkView>,
) -> Response<Body> {
    let lang = ctx.lang;
    let view = MessagePage {
        chrome: ctx.chrome(tr(lang, heading), false),
        t: T(lang),
        heading: tr(lang, heading),
        paragraphs,
        reference: None,
        links,
    };
    http::html(status, views::render(&view))
}

fn home(lang: Lang) -> Vec<LinkView> {
    vec![LinkView { href: "/".to_owned(), label: tr(lang, "web-error-home-link") }]
}

fn invalid(ctx: &Ctx) -> Response<Body> {
    message(
        ctx,
        StatusCode::NOT_FOUND,
        "web-confirm-invalid-title",
        vec![tr(ctx.lang, "web-confirm-invalid")],
        home(ctx.lang),
    )
}

fn already(ctx: &Ctx) -> Response<Body> {
    message(ctx, StatusCode::OK, "web-confirm-already-title", vec![tr(ctx.lang, "web-confirm-already")], home(ctx.lang))
}

/// `GET /confirm/{token}`: what the link confirms, and the button that does it.
pub async fn form(ctx: &Ctx, token: &str, state: &State) -> Result<Response<Body>, AppError> {
    let lookup = token.to_owned();
    let link = state.db(move |c| Ok(accounts::confirmation_link(c, &lookup, Utc::now())?)).await?;
    let lang = ctx.lang;
    let (lead, email) = match link {
        ConfirmationLink::Pending { purpose: ConfirmationPurpose::Account, email } => {
            (tr(lang, "web-confirm-page-account"), email)
        }
        ConfirmationLink::Pending { purpose: ConfirmationPurpose::Question, email } => {
            (tr(lang, "web-confirm-page-question"), email)
        }
        ConfirmationLink::AlreadyConfirmed => return Ok(already(ctx)),
        ConfirmationLink::Invalid => return Ok(invalid(ctx)),
    };
    let (csrf, set_cookie) = pre_session_token(ctx, state);
    let view = ConfirmPage {
        chrome: ctx.chrome(tr(lang, "web-confirm-page-title"), false),
        t: T(lang),
        lead,
        // the address itself, so that a mistyped one is seen before it is confirmed
        address: tr_args(lang, "web-confirm-page-address", &[("email", Arg::from(email.as_str()))]),
        action: format!("/confirm/{token}"),
        csrf,
    };
    let mut r = http::html(StatusCode::OK, views::render(&view));
    http::set_cookie(&mut r, &set_cookie);
    Ok(r)
}

/// `POST /confirm/{token}`: confirms — a question enters the clerks' queue, or the address
/// given at the PIN desk gets the resident's letters.
pub async fn confirm(
    req: Request<Incoming>,
    ctx: &Ctx,
    token: &str,
    state: &State,
) -> Result<Response<Body>, AppError> {
    pre_session_form(req, state).await?;
    let token = token.to_owned();
    let outcome = state.db(move |c| Ok(accounts::confirm(c, &token, Utc::now())?)).await?;
    let lang = ctx.lang;
    Ok(match outcome {
        ConfirmOutcome::QuestionConfirmed(id) => {
            tracing::info!(question = id.0, "question confirmed");
            message(
                ctx,
                StatusCode::OK,
                "web-confirm-question-title",
                vec![tr(lang, "web-confirm-question")],
                home(lang),
            )
        }
        ConfirmOutcome::AccountConfirmed(id) => {
            tracing::info!(account = id.0, "e-mail address confirmed");
            message(ctx, StatusCode::OK, "web-confirm-account-title", vec![tr(lang, "web-confirm-account")], home(lang))
        }
        ConfirmOutcome::AlreadyConfirmed => already(ctx),
        ConfirmOutcome::Invalid => invalid(ctx),
    })
}

/// What the private section says beside the button "send the link again": how long a link
/// lives and how often a new one may be asked for.
pub fn resend_note(lang: Lang) -> String {
    tr_args(lang, "web-home-mail-resend-note", &link_limits())
}

/// How long a confirmation link lasts and how often one may be sent, as the texts that state
/// it take them (`days`, `minutes`, `per_day`).
pub(super) fn link_limits() -> [(&'static str, Arg<'static>); 3] {
    [
        ("days", Arg::from(accounts::CONFIRMATION_TTL.num_days())),
        ("minutes", Arg::from(accounts::RESEND_GAP.num_minutes())),
        ("per_day", Arg::from(accounts::RESEND_PER_DAY)),
    ]
}

/// `POST /account/confirmation-link`: mails the signed-in resident's unconfirmed address a new
/// link, at most once per [`accounts::RESEND_GAP`] and [`accounts::RESEND_PER_DAY`] a day.
pub async fn resend(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    session_form(req, signed_in, state).await?;
    let account = signed_in.session.account;
    let outcome = state
        .db(move |c| match accounts::resend_confirmation(c, account, Utc::now()) {
            Ok(outcome) => Ok(Some(outcome)),
            Err(PinError::NoSuchAccount) => Ok(None),
            Err(e) => Err(AppError::Internal(e.to_string())),
        })
        .await?;
    let lang = ctx.lang;
    let back = vec![LinkView { href: "/".to_owned(), label: tr(lang, "web-resend-back") }];
    Ok(match outcome {
        Some(ResendOutcome::Sent) => {
            tracing::info!(account = account.0, "a new confirmation link requested");
            message(ctx, StatusCode::OK, "web-resend-sent-title", vec![tr(lang, "web-resend-sent")], back)
        }
        Some(ResendOutcome::TooSoon { at }) => {
            message(ctx, StatusCode::TOO_MANY_REQUESTS, "web-resend-wait-title", vec![wait_text(lang, at)], back)
        }
        Some(ResendOutcome::AlreadyConfirmed) => already(ctx),
        Some(ResendOutcome::NoAddress) => http::see_other("/"),
        None => return Err(AppError::Refused { status: StatusCode::CONFLICT, message: "web-error-account" }),
    })
}

fn wait_text(lang: Lang, at: DateTime<Utc>) -> String {
    tr_args(lang, "web-resend-wait", &[("time", Arg::from(super::text::datetime(at, lang)))])
}
