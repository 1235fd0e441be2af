//! Another address for the letters, asked for by the resident in the private section.
//!
//! A confirmed address is replaced only once the new one is confirmed through the link mailed
//! to it (`accounts::change_email`): a mistyped address loses no letters, and a letter to the
//! old one says that a change was asked for, so that a change made by somebody else with the
//! PIN is noticed. An address never confirmed (or none) is replaced at once.

use chrono::Utc;
use ereception_core::domain::appeal::FieldErrors;
use ereception_core::domain::question::EmailAddress;
use ereception_core::i18n::{Arg, Msg, tr, tr_args};
use ereception_core::store::accounts::{self, EmailChange, PinError};
use hyper::body::Incoming;
use hyper::{Request, Response, StatusCode};

use super::form::errors_of;
use super::{Form, in_lang, session_form, signed_in_or_redirect, switched_lang};
use crate::ctx::{Ctx, SignedIn};
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;
use crate::views::{self, EmailPage, FieldView, LinkView, T};

/// Shows the form with `typed` and `errors`.
async fn page(
    ctx: &Ctx,
    signed_in: &SignedIn,
    state: &State,
    typed: String,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response<Body>, AppError> {
    let account = signed_in.session.account;
    let (found, pending) = state
        .db(move |c| {
            let found = accounts::get(c, account)?;
            let pending = accounts::pending_email(c, account, Utc::now())?;
            Ok((found, pending))
        })
        .await?;
    let Some(found) = found else { return Err(AppError::NotFound) };
    let lang = ctx.lang;
    let current = match (&found.email, found.email_confirmed) {
        (Some(email), true) => tr_args(lang, "web-email-current", &[("email", Arg::from(email.as_str()))]),
        (Some(email), false) => tr_args(lang, "web-email-current-unconfirmed", &[("email", Arg::from(email.as_str()))]),
        (None, _) => tr(lang, "web-email-current-none"),
    };
    let pending = pending.map(|p| tr_args(lang, "web-email-pending", &[("email", Arg::from(p))]));
    let (by_field, summary) = errors_of(errors, lang, |field| (field == "email").then(|| tr(lang, "web-email-new")));
    let view = EmailPage {
        chrome: ctx.chrome(tr(lang, "web-email-title"), !summary.is_empty()).keeping("email-form", ""),
        t: T(lang),
        error_title: tr(lang, "web-error-summary-title"),
        error_lead: String::new(),
        errors: summary,
        csrf: signed_in.csrf.clone(),
        current,
        pending,
        fields: vec![FieldView {
            kind: "text",
            input_type: "email",
            name: "email".to_owned(),
            label: tr(lang, "web-email-new"),
            hint: Some(tr(lang, "web-email-new-hint")),
            value: typed,
            error: by_field.get("email").cloned(),
            required: true,
            autocomplete: "email",
            width: "input-w30",
            ..FieldView::default()
        }],
        note: tr_args(lang, "web-email-note", &super::confirm::link_limits()),
    };
    Ok(http::html(status, views::render(&view)))
}

/// `GET /account/email`: the current address, a change waiting for its confirmation, the form.
pub async fn form(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    page(ctx, signed_in, state, String::new(), &FieldErrors::default(), StatusCode::OK).await
}

/// `POST /account/email`: mails the new address its link (and, when it is to replace a
/// confirmed one, the confirmed one a word about it).
pub async fn change(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let form: Form = session_form(req, signed_in, state).await?;
    let typed = form.text("email");
    if let Some(lang) = switched_lang(&form) {
        let mut r = page(&in_lang(ctx, lang), signed_in, state, typed, &FieldErrors::default(), StatusCode::OK).await?;
        super::misc::remember_lang(&mut r, lang, state);
        return Ok(r);
    }
    let refuse = |message: Msg| {
        let mut errors = FieldErrors::default();
        errors.push("email", message);
        errors
    };
    let new = match EmailAddress::parse_field(&typed) {
        Ok(new) => new,
        Err(message) => {
            return page(ctx, signed_in, state, typed, &refuse(message), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let account = signed_in.session.account;
    let asked = new.clone();
    let outcome = state
        .db(move |c| {
            let before = accounts::get(c, account)?.and_then(|a| a.email);
            let waiting = accounts::pending_email(c, account, Utc::now())?;
            match accounts::change_email(c, account, &asked, Utc::now()) {
                Ok(outcome) => Ok(Some((outcome, before, waiting))),
                Err(PinError::NoSuchAccount) => Ok(None),
                Err(e) => Err(AppError::Internal(e.to_string())),
            }
        })
        .await?;
    let Some((outcome, before, waiting)) = outcome else {
        return Err(AppError::Refused { status: StatusCode::CONFLICT, message: "web-error-account" });
    };
    let lang = ctx.lang;
    let email = |id: &str, address: &str| tr_args(lang, id, &[("email", Arg::from(address))]);
    let (heading, paragraphs) = match outcome {
        EmailChange::Replaced => {
            tracing::info!(account = account.0, "the letters' address replaced, its link sent");
            ("web-email-sent-title", vec![email("web-email-sent", new.as_str()), tr(lang, "web-email-sent-next")])
        }
        EmailChange::Requested => {
            tracing::info!(account = account.0, "a change of the letters' address requested");
            let old = before.unwrap_or_default();
            (
                "web-email-sent-title",
                vec![email("web-email-sent", new.as_str()), email("web-email-sent-meanwhile", &old)],
            )
        }
        EmailChange::Unchanged => match waiting {
            Some(_) => ("web-email-kept-title", vec![email("web-email-called-off", new.as_str())]),
            None => ("web-email-kept-title", vec![email("web-email-same", new.as_str())]),
        },
        EmailChange::TooSoon { at } => {
            let when = super::text::datetime(at, lang);
            let errors = refuse(Msg::new("web-email-error-too-soon").arg("time", when));
            return page(ctx, signed_in, state, typed, &errors, StatusCode::TOO_MANY_REQUESTS).await;
        }
    };
    let back = vec![LinkView { href: "/".to_owned(), label: tr(lang, "web-resend-back") }];
    Ok(super::confirm::message(ctx, StatusCode::OK, heading, paragraphs, back))
}
