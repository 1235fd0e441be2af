//! Questions without a PIN. Each one mails a confirmation link (`super::confirm`), so the form
//! is throttled per client address here and capped per recipient address in core.

use chrono::Utc;
use ereception_core::domain::appeal::FieldErrors;
use ereception_core::domain::ids::DistrictCode;
use ereception_core::domain::question::{EmailAddress, QuestionDraft};
use ereception_core::i18n::{Arg, Msg, tr, tr_args};
use ereception_core::registry::parse_address_line;
use ereception_core::store::districts;
use ereception_core::store::questions::{self, QuestionError};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode};
use std::time::Instant;

use super::form::errors_of;
use super::{Form, in_lang, pre_session_form, pre_session_token, switched_lang};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::http::{self, Body};
use crate::state::State;
use crate::views::{self, FieldView, LinkView, MessagePage, OptionView, QuestionFormPage, T};

fn field(name: &str, label: String, value: String, error: Option<String>) -> FieldView {
    FieldView {
        kind: "text",
        input_type: "text",
        name: name.to_owned(),
        label,
        value,
        error,
        required: true,
        ..FieldView::default()
    }
}

/// Shows the form with `form`'s values and `errors` (by field).
async fn page(
    ctx: &Ctx,
    state: &State,
    form: &Form,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response<Body>, AppError> {
    let lang = ctx.lang;
    let all = state.db(|c| Ok(districts::list(c)?)).await?;
    let (by_field, summary) = errors_of(errors, lang, |field| {
        let id = match field {
            "name" => "web-question-name",
            "email" => "web-question-email",
            "district" => "web-question-district",
            "address" => "web-question-address-label",
            "text" => "web-question-text",
            _ => return None,
        };
        Some(tr(lang, id))
    });
    let err = |name: &str| by_field.get(name).cloned();
    let chosen = form.text("district");
    let (csrf, set_cookie) = pre_session_token(ctx, state);
    let view = QuestionFormPage {
        chrome: ctx.chrome(tr(lang, "web-question-title"), !summary.is_empty()).keeping("question-form", ""),
        t: T(lang),
        error_title: tr(lang, "web-error-summary-title"),
        error_lead: String::new(),
        errors: summary,
        csrf,
        fields_before: vec![
            FieldView {
                autocomplete: "name",
                ..field("name", tr(lang, "web-question-name"), form.text("name"), err("name"))
            },
            FieldView {
                input_type: "email",
                autocomplete: "email",
                hint: Some(tr(lang, "web-question-email-hint")),
                ..field("email", tr(lang, "web-question-email"), form.text("email"), err("email"))
            },
        ],
        fields_after: vec![FieldView {
            kind: "textarea",
            hint: Some(tr(lang, "web-question-text-hint")),
            ..field("text", tr(lang, "web-question-text"), form.get("text").unwrap_or_default().to_owned(), err("text"))
        }],
        districts: all
            .iter()
            .map(|d| OptionView {
                id: format!("district-{}", d.code),
                value: d.code.to_string(),
                label: d.name.clone(),
                checked: d.code.as_str() == chosen,
            })
            .collect(),
        district_error: err("district"),
        address: form.text("address"),
        address_error: err("address"),
    };
    let mut r = http::html(status, views::render(&view));
    http::set_cookie(&mut r, &set_cookie);
    Ok(r)
}

/// `GET /questions/new`: the question form.
pub async fn form(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    page(ctx, state, &Form::default(), &FieldErrors::default(), StatusCode::OK).await
}

/// `POST /questions/new`: records the question; it reaches the clerks once the e-mail is
/// confirmed through the link the outbox sends.
pub async fn ask(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let form = pre_session_form(req, state).await?;
    // the language switch: the same form in the other language, neither checked nor sent
    if let Some(lang) = switched_lang(&form) {
        let mut r = page(&in_lang(ctx, lang), state, &form, &FieldErrors::default(), StatusCode::OK).await?;
        super::misc::remember_lang(&mut r, lang, state);
        return Ok(r);
    }
    // The address is kept with the question either way (the clerk must know which house «our
    // house» is); it also finds the district when none was chosen.
    let address = form.text("address");
    let parsed = QuestionDraft::parse_form(
        &form.text("name"),
        &form.text("email"),
        &address,
        form.get("text").unwrap_or_default(),
    );
    let mut errors = match &parsed {
        Ok(_) => FieldErrors::default(),
        Err(e) => e.clone(),
    };
    let address_refused = errors.for_field("address").is_some();
    // The district: chosen from the list, or found from the address.
    let chosen = form.text("district");
    let district = if !chosen.trim().is_empty() {
        match DistrictCode::parse(chosen.trim()) {
            Some(code) => {
                let lookup = code.clone();
                let known = state.db(move |c| Ok(districts::get(c, lookup.as_str())?.is_some())).await?;
                if !known {
                    errors.push("district", Msg::new("web-question-error-district"));
                }
                Some(code)
            }
            None => {
                errors.push("district", Msg::new("web-question-error-district"));
                None
            }
        }
    } else if address_refused {
        None // the address's own error says what is wrong
    } else if !address.trim().is_empty() {
        match parse_address_line(&address) {
            Some(parsed) => {
                let found = state.db(move |c| Ok(questions::district_for_address(c, &parsed)?)).await?;
                if found.is_none() {
                    errors.push("address", Msg::new("web-question-error-address-unknown"));
                }
                found
            }
            None => {
                errors.push("address", Msg::new("web-question-error-address"));
                None
            }
        }
    } else {
        errors.push("district", Msg::new("web-question-error-no-district"));
        None
    };
    // the summary follows the form's order: name, email, district or address, text
    let order = |f: &str| match f {
        "name" => 0,
        "email" => 1,
        "district" | "address" => 2,
        _ => 3,
    };
    errors.0.sort_by_key(|e| order(&e.field));
    let (Ok(draft), Some(district), true) = (parsed, district, errors.is_empty()) else {
        return page(ctx, state, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    // Only a question that would mail a link is counted: mistakes cost nothing.
    if let Err(wait) = state.questions_throttle().check(ctx.client, Instant::now()) {
        tracing::warn!("questions throttled for a client address");
        // the form comes back as typed, the question kept in it: a page in its place («save
        // the text yourself») left it only behind the Back button, and many residents share
        // one address (a mobile operator's, a library's)
        let mut errors = FieldErrors::default();
        let minutes = i64::try_from(wait.as_secs().div_ceil(60)).unwrap_or(60).max(1);
        errors.push("text", Msg::new("web-question-error-too-many-questions").arg("minutes", minutes));
        let mut r = page(ctx, state, &form, &errors, StatusCode::TOO_MANY_REQUESTS).await?;
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(r);
    }
    let calendar = state.settings().calendar.clone();
    let lang = ctx.lang;
    let email = draft.email.as_str().to_owned();
    let asked = state
        .db(move |c| match questions::ask(c, &district, &draft, lang, &calendar, Utc::now()) {
            Ok(asked) => Ok(Ok(asked)),
            Err(QuestionError::UnknownDistrict(_)) => Ok(Err(None)),
            Err(QuestionError::TooManyLetters { retry_at }) => Ok(Err(Some(retry_at))),
            Err(QuestionError::Store(e)) => Err(e.into()),
            Err(other) => Err(AppError::Internal(other.to_string())),
        })
        .await?;
    match asked {
        Ok(asked) => {
            tracing::info!(question = asked.id.0, "question asked, awaiting e-mail confirmation");
            let mut r = http::see_other(SENT);
            // the next page names the address, so that a typo in it is seen at once
            http::set_cookie(&mut r, &sent_to_cookie(&email, state.server().secure_cookies));
            Ok(r)
        }
        Err(None) => {
            let mut errors = FieldErrors::default();
            errors.push("district", Msg::new("web-question-error-district"));
            page(ctx, state, &form, &errors, StatusCode::UNPROCESSABLE_ENTITY).await
        }
        Err(Some(retry_at)) => {
            // the address has had its letters for the day: nothing was written
            tracing::warn!("question refused: the recipient address had its confirmation letters for the day");
            let mut errors = FieldErrors::default();
            let when = super::text::datetime(retry_at, lang);
            errors.push("email", Msg::new("web-question-error-too-many-letters").arg("time", when));
            page(ctx, state, &form, &errors, StatusCode::TOO_MANY_REQUESTS).await
        }
    }
}

/// The page a question sent leads to.
const SENT: &str = "/questions/sent";

/// The cookie that carries the address the confirmation letter went to, to the next page only
/// (its path), for an hour; never in the address bar, where it would stay in the history.
const SENT_TO_COOKIE: &str = "sent_to";

fn sent_to_cookie(email: &str, secure: bool) -> String {
    format!(
        "{SENT_TO_COOKIE}={}; Path={SENT}; Max-Age=3600; HttpOnly; SameSite=Lax{}",
        http::encode_query(email),
        if secure { "; Secure" } else { "" }
    )
}

/// `GET /questions/sent`: where the letter went and what happens next.
pub fn sent(req: &Request<Incoming>, ctx: &Ctx) -> Result<Response<Body>, AppError> {
    let lang = ctx.lang;
    let email = http::cookie_value(req.headers(), SENT_TO_COOKIE)
        .and_then(|v| serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("e={v}")).ok())
        .and_then(|mut pairs| pairs.pop())
        .map(|(_, e)| e)
        .filter(|e| EmailAddress::parse(e).is_some());
    let mut paragraphs = Vec::new();
    let mut links = Vec::new();
    if let Some(email) = &email {
        paragraphs.push(tr_args(lang, "web-question-sent-to", &[("email", Arg::from(email.as_str()))]));
    }
    paragraphs.push(tr(lang, "web-question-sent"));
    paragraphs.push(tr(lang, "web-question-sent-spam"));
    if email.is_some() {
        paragraphs.push(tr(lang, "web-question-sent-wrong"));
        links.push(LinkView { href: "/questions/new".to_owned(), label: tr(lang, "web-question-ask-again") });
    }
    links.push(LinkView { href: "/".to_owned(), label: tr(lang, "web-error-home-link") });
    let view = MessagePage {
        chrome: ctx.chrome(tr(lang, "web-question-sent-title"), false),
        t: T(lang),
        heading: tr(lang, "web-question-sent-title"),
        paragraphs,
        reference: None,
        links,
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}
