//! The private section: the resident's appeals, the service choice, the filing form, an
//! appeal's page, withdrawal and document downloads.

use std::collections::BTreeMap;

use chrono::{NaiveDate, Utc};
use ereception_core::clock::moscow_date;
use ereception_core::domain::appeal::{Appeal, AppealForm};
use ereception_core::domain::catalogue::{Service, ServiceKind};
use ereception_core::domain::district::District;
use ereception_core::domain::event::{Event, EventKind};
use ereception_core::domain::ids::{AccountId, AppealId, DocumentId};
use ereception_core::domain::person::Address;
use ereception_core::domain::status::{Command, Status, StatusKind};
use ereception_core::i18n::{Arg, Lang, tr, tr_args};
use ereception_core::store::appeals::{self, DecisionBy, DocumentMeta, FileOutcome};
use ereception_core::store::submissions::{self, SubmissionKey};
use ereception_core::store::{accounts, catalogue, districts, residents};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::form::{self, Filled};
use super::text::{self, date, datetime};
use super::{Form, id_param, in_lang, session_form, signed_in_or_redirect, switched_lang};
use crate::carry::{self, Carried};
use crate::ctx::Ctx;
use crate::error::AppError;
use crate::filing::Filing;
use crate::http::{self, Body};
use crate::router::{self, Matched, Page};
use crate::state::State;
use crate::views::{
    self, AppealFormPage, AppealLink, AppealPage, AppealRowView, CorrectsView, DocumentView, EntryView, ErrorItem,
    FiledView, HomePage, MailView, MessageView, OverdueView, PanelItem, PanelView, ServiceCardView, ServicesPage, T,
    WithdrawPage,
};
use ereception_core::timeline::{self, Audience, TimelineEntry};

/// How many appeals the private section lists.
const LIST_LIMIT: i64 = 200;

/// `GET /`: the resident's appeals, newest first.
pub async fn home(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let account = signed_in.session.account;
    let today = moscow_date(Utc::now());
    let (found, pending, name, list, services, councils) = state
        .db(move |c| {
            let found = accounts::get(c, account)?;
            let pending = accounts::pending_email(c, account, Utc::now())?;
            let name = match &found {
                Some(a) => residents::get(c, a.resident)?.map(|r| r.name),
                None => None,
            };
            let list = appeals::list_for_account(c, account, None, LIST_LIMIT)?;
            let services = services_of(c, list.iter().map(|a| a.service.as_str()))?;
            // The councils to contact, only where an appeal is overdue (usually none).
            let mut councils = BTreeMap::new();
            for a in list.iter().filter(|a| is_overdue(a, today)) {
                if !councils.contains_key(a.district.as_str())
                    && let Some(d) = districts::get(c, a.district.as_str())?
                {
                    councils.insert(a.district.as_str().to_owned(), d);
                }
            }
            Ok((found, pending, name, list, services, councils))
        })
        .await?;
    let Some(found) = found else { return Err(AppError::NotFound) };
    let lang = ctx.lang;
    let greeting = match name {
        Some(n) => {
            let called = match &n.patronymic {
                Some(p) => format!("{} {p}", n.name),
                None => n.name.clone(),
            };
            tr_args(lang, "web-home-greeting", &[("name", Arg::from(called))])
        }
        None => tr(lang, "web-home-greeting-plain"),
    };
    let appeals = list
        .iter()
        .map(|a| {
            let kind = a.status.kind();
            AppealRowView {
                href: format!("/appeals/{}", a.id.0),
                number: a.number.to_string(),
                service: service_title(&services, a.service.as_str(), lang),
                status: text::status(kind, lang),
                tone: text::tone(kind),
                filed: date(moscow_date(a.filed_at), lang),
                due: date(a.due, lang),
                open: kind.is_open(),
                overdue: overdue_view(a, today, councils.get(a.district.as_str()), lang),
            }
        })
        .collect();
    // After the switch of the letters' language, the page says what it now is.
    let banner = match ctx.param("mail") {
        Some(code) if code == found.lang.code() => Some(tr(lang, mail_changed_id(found.lang))),
        _ => None,
    };
    let view = HomePage {
        chrome: ctx.chrome(tr(lang, "web-home-title"), false),
        t: T(lang),
        greeting,
        banner,
        appeals,
        mail: mail_view(&found, pending, lang),
        csrf: signed_in.csrf.clone(),
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

/// The note on where letters go, in the page's language `lang`, naming the letters' own.
fn mail_view(account: &accounts::Account, pending: Option<String>, lang: Lang) -> MailView {
    let letters = tr(lang, if account.lang == Lang::En { "web-mail-lang-en" } else { "web-mail-lang-ru" });
    let text = match (&account.email, account.email_confirmed) {
        (Some(email), true) => {
            tr_args(lang, "web-home-mail-to", &[("email", Arg::from(email.as_str())), ("language", Arg::from(letters))])
        }
        (Some(email), false) => tr_args(lang, "web-home-mail-unconfirmed", &[("email", Arg::from(email.as_str()))]),
        (None, _) => tr(lang, "web-home-mail-none"),
    };
    let other = if account.lang == Lang::En { Lang::Ru } else { Lang::En };
    let switch_label = tr(lang, if other == Lang::En { "web-home-mail-switch-en" } else { "web-home-mail-switch-ru" });
    let resend_note = (account.email.is_some() && !account.email_confirmed).then(|| super::confirm::resend_note(lang));
    let pending = pending.map(|p| tr_args(lang, "web-email-pending", &[("email", Arg::from(p))]));
    let change_label = tr(lang, if account.email.is_some() { "web-home-mail-change" } else { "web-home-mail-add" });
    MailView { text, switch_to: other.code(), switch_label, resend_note, pending, change_label }
}

fn mail_changed_id(letters: Lang) -> &'static str {
    if letters == Lang::En { "web-home-mail-changed-en" } else { "web-home-mail-changed-ru" }
}

/// `POST /account/mail-language`: the language of the resident's letters.
pub async fn mail_language(req: Request<Incoming>, ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let form = session_form(req, signed_in, state).await?;
    let Some(chosen) = form.get("lang").and_then(|code| code.parse::<Lang>().ok()) else {
        return Err(AppError::BadRequest);
    };
    let account = signed_in.session.account;
    let changed = state.db(move |c| Ok(accounts::set_lang(c, account, chosen)?)).await?;
    if !changed {
        return Err(AppError::NotFound);
    }
    tracing::info!(account = account.0, lang = chosen.code(), "mail language chosen");
    Ok(http::see_other(&format!("/?mail={}", chosen.code())))
}

fn services_of<'a>(
    c: &mut ereception_core::store::DbConn,
    codes: impl Iterator<Item = &'a str>,
) -> Result<BTreeMap<String, Service>, AppError> {
    let mut out = BTreeMap::new();
    for code in codes {
        if !out.contains_key(code)
            && let Some(s) = catalogue::get(c, code)?
        {
            out.insert(code.to_owned(), s);
        }
    }
    Ok(out)
}

fn service_title(services: &BTreeMap<String, Service>, code: &str, lang: Lang) -> String {
    services.get(code).map_or_else(|| code.to_owned(), |s| s.title.get(lang).to_owned())
}

/// `GET /services`: the services on offer, each saying whether it needs a visit.
pub async fn services(ctx: &Ctx, state: &State) -> Result<Response<Body>, AppError> {
    let offered = state.db(|c| Ok(catalogue::active(c)?)).await?;
    let lang = ctx.lang;
    let services = offered
        .services()
        .iter()
        .map(|s| ServiceCardView {
            title: s.title.get(lang).to_owned(),
            description: s.description.get(lang).to_owned(),
            term: s.term.describe(lang),
            visit_note: text::visit_note(s, lang),
            originals: capitalised(&s.originals.iter().map(|o| o.title.get(lang)).collect::<Vec<_>>().join("; ")),
            href: format!("/appeals/new/{}", s.code),
        })
        .collect();
    let view = ServicesPage {
        chrome: ctx.chrome(tr(lang, "web-services-title"), false),
        t: T(lang),
        signed_in: ctx.signed_in.is_some(),
        services,
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

/// `text` with its first letter capitalised, as a list of originals starts a line.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A service on offer by code, or 404.
async fn offered_service(state: &State, code: &str) -> Result<Service, AppError> {
    let code = code.to_owned();
    state
        .db(move |c| {
            let offered = catalogue::active(c)?;
            Ok(offered.get(&code).cloned())
        })
        .await?
        .ok_or(AppError::NotFound)
}

/// The refused appeal of this resident and service that a new one corrects, or 404.
async fn refused_appeal(state: &State, account: AccountId, id: &str, service: &Service) -> Result<Appeal, AppError> {
    let id = AppealId(id_param(id)?);
    let appeal = state.db(move |c| Ok(appeals::get_for_account(c, account, id)?)).await?.ok_or(AppError::NotFound)?;
    let refused = matches!(appeal.status.kind(), StatusKind::RefusedToRegister | StatusKind::Refused);
    if !refused || appeal.service != service.code {
        return Err(AppError::NotFound);
    }
    Ok(appeal)
}

/// What the form page needs besides the service.
struct FormShown<'a> {
    values: &'a [(String, String)],
    errors: BTreeMap<String, String>,
    summary: Vec<ErrorItem>,
    /// The summary's heading and lead, when they differ from the default.
    summary_title: Option<String>,
    summary_lead: String,
    add_row: Option<&'a str>,
    corrects: Option<&'a Appeal>,
    /// Above the form: it is shown again after signing in, not sent yet.
    notice: Option<String>,
}

impl<'a> FormShown<'a> {
    /// `values` shown as they are: no errors, no notice.
    fn plain(values: &'a [(String, String)], corrects: Option<&'a Appeal>) -> FormShown<'a> {
        FormShown {
            values,
            errors: BTreeMap::new(),
            summary: Vec::new(),
            summary_title: None,
            summary_lead: String::new(),
            add_row: None,
            corrects,
            notice: None,
        }
    }
}

fn form_page(
    ctx: &Ctx,
    service: &Service,
    shown: FormShown<'_>,
    status: StatusCode,
) -> Result<Response<Body>, AppError> {
    let lang = ctx.lang;
    let csrf = ctx.signed_in.as_ref().map(|s| s.csrf.clone()).unwrap_or_default();
    let filled = Filled { values: shown.values, errors: &shown.errors, lang };
    // a corrected appeal says so in the browser's tab and above the title, not only in a notice
    let (caption, page_title) = match shown.corrects {
        Some(_) => (
            tr(lang, "web-form-caption-corrected"),
            tr_args(lang, "web-form-title-corrected", &[("service", service.title.get(lang).into())]),
        ),
        None => (tr(lang, "web-form-caption"), service.title.get(lang).to_owned()),
    };
    let view = AppealFormPage {
        chrome: ctx.chrome(page_title, !shown.summary.is_empty()).keeping("appeal-form", "file"),
        t: T(lang),
        caption,
        error_title: shown.summary_title.unwrap_or_else(|| tr(lang, "web-error-summary-title")),
        error_lead: shown.summary_lead,
        errors: shown.summary,
        service_title: service.title.get(lang).to_owned(),
        service_description: service.description.get(lang).to_owned(),
        visit_note: text::visit_note(service, lang),
        check_note: tr(
            lang,
            match service.kind {
                ServiceKind::Consultation => "web-form-check-note-consultation",
                ServiceKind::Document => "web-form-check-note",
            },
        ),
        action: format!("/appeals/new/{}", service.code),
        csrf,
        // the key the form came with, kept through its error pages; a new form gets a new one
        submission: submission_key(shown.values).unwrap_or_else(SubmissionKey::generate).as_str().to_owned(),
        notice: shown.notice,
        corrects: shown.corrects.map(|a| CorrectsView {
            id: a.id.0,
            number: a.number.to_string(),
            href: format!("/appeals/{}", a.id.0),
            text: tr(lang, "web-form-corrects"),
        }),
        identity: form::identity_fields(&filled),
        fields: form::service_fields(service, &filled, shown.add_row),
    };
    Ok(http::html(status, views::render(&view)))
}

/// The form's one-time key, when it sent a well-formed one.
fn submission_key(values: &[(String, String)]) -> Option<SubmissionKey> {
    values.iter().find(|(k, _)| k == "submission").and_then(|(_, v)| SubmissionKey::parse(v))
}

/// `GET /appeals/new/{code}`: the filing form; with `?corrects=ID`, pre-filled from that
/// refused appeal.
pub async fn new_form(
    headers: &hyper::HeaderMap,
    ctx: &Ctx,
    code: &str,
    state: &State,
) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    // a form sent after its session ended, brought here by the sign-in: shown filled in, unsent,
    // for as long as its cookies last (a reload shows it again); sending it clears them
    let carried = carry::from_cookies(headers)
        .and_then(|sealed| state.carry_key().open_for_session(&sealed, &signed_in.csrf, Utc::now()))
        .filter(|c| c.account == signed_in.session.account && c.path == ctx.path())
        .filter(|c| ctx.param("corrects").is_none_or(|id| http::first(&c.values, "corrects") == Some(id)));
    if let Some(carried) = carried {
        return refilled(ctx, carried, state).await;
    }
    let service = offered_service(state, code).await?;
    let corrects = match ctx.param("corrects") {
        Some(id) => Some(refused_appeal(state, signed_in.session.account, id, &service).await?),
        None => None,
    };
    // corrected once already: say so here rather than after the form is filled in again
    if let Some(old) = &corrects {
        let id = old.id;
        if let Some(live) = state.db(move |c| Ok(appeals::live_correction(c, id)?)).await? {
            return Err(AppError::AlreadyCorrected { id: live.id.0, number: live.number.to_string() });
        }
    }
    let values = corrects.as_ref().map(|a| a.draft.to_form()).unwrap_or_default();
    form_page(ctx, &service, FormShown::plain(&values, corrects.as_ref()), StatusCode::OK)
}

/// The filing form a [`Carried`] form was sent from after its session ended, shown again to
/// the resident who has just signed in (the same account, checked by the sign-in): filled in
/// as it was sent, with a notice that it has not been sent. Nothing is checked or filed.
pub async fn refilled(ctx: &Ctx, carried: Carried, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let code = match router::match_route(&Method::POST, &carried.path) {
        Matched::Route(route, params) if route.page == Page::FileAppeal => params.get("code").to_owned(),
        _ => return Ok(http::see_other(&carried.path)),
    };
    let service = offered_service(state, &code).await?;
    // a correction stays one of this resident's refused appeals
    let corrects = match http::first(&carried.values, "corrects").filter(|v| !v.is_empty()) {
        Some(id) => Some(refused_appeal(state, signed_in.session.account, id, &service).await?),
        None => None,
    };
    let shown = FormShown {
        notice: Some(tr(ctx.lang, "web-form-carried")),
        ..FormShown::plain(&carried.values, corrects.as_ref())
    };
    form_page(ctx, &service, shown, StatusCode::OK)
}

/// `POST /appeals/new/{code}`: parses the form (every error at once), checks the registration
/// data against the registry, files through the group-commit queue and goes to the appeal's
/// page.
pub async fn file(req: Request<Incoming>, ctx: &Ctx, code: &str, state: &State) -> Result<Response<Body>, AppError> {
    // the session ended while the form was being filled in: it is carried through the sign-in
    let Some(signed_in) = ctx.signed_in.as_ref() else { return super::auth::sent_after_session(req, ctx, state).await };
    // a form carried through the sign-in is sent now: its page no longer shows it refilled
    let clear_carried = carry::from_cookies(req.headers()).is_some();
    let mut r = file_signed_in(req, ctx, signed_in, code, state).await?;
    if clear_carried {
        for c in carry::clear_cookies(ctx.path(), state.server().secure_cookies) {
            http::set_cookie(&mut r, &c);
        }
    }
    Ok(r)
}

/// [`file`] with a live session.
async fn file_signed_in(
    req: Request<Incoming>,
    ctx: &Ctx,
    signed_in: &crate::ctx::SignedIn,
    code: &str,
    state: &State,
) -> Result<Response<Body>, AppError> {
    let account = signed_in.session.account;
    let ended = http::cookie_value(req.headers(), carry::ENDED_COOKIE).map(str::to_owned);
    let form = Form(http::read_form(req, super::limits(state)).await?);
    if !form.get(crate::csrf::FIELD).is_some_and(|t| crate::csrf::same(t, &signed_in.csrf)) {
        // a form of this resident's session that ended, sent from another tab after signing
        // in again: shown again, filled in and unsent, rather than refused and lost
        let of_ended = ended.and_then(|e| state.carry_key().open_ended(&e, &form.text(crate::csrf::FIELD), Utc::now()));
        if of_ended != Some(account) {
            return Err(AppError::Csrf);
        }
        tracing::info!(account = account.0, "a form of an ended session is shown again after signing in");
        return refilled(ctx, Carried::new(account, ctx.path(), &form.0), state).await;
    }
    let service = offered_service(state, code).await?;
    let corrects = match form.get("corrects").filter(|v| !v.is_empty()) {
        Some(id) => Some(refused_appeal(state, account, id, &service).await?),
        None => None,
    };
    let values = &form.0;
    let mut shown = FormShown::plain(values, corrects.as_ref());
    // the language switch: the same form in the other language, neither checked nor filed
    if let Some(lang) = switched_lang(&form) {
        let mut r = form_page(&in_lang(ctx, lang), &service, shown, StatusCode::OK)?;
        super::misc::remember_lang(&mut r, lang, state);
        return Ok(r);
    }
    if let Some(key) = form.get("action").and_then(|a| a.strip_prefix("add-row:")) {
        shown.add_row = Some(key);
        return form_page(ctx, &service, shown, StatusCode::OK);
    }
    if let Some((key, index)) =
        form.get("action").and_then(|a| a.strip_prefix("remove-row:")).and_then(|r| r.rsplit_once(':'))
    {
        let index = index.parse::<usize>().map_err(|_| AppError::BadRequest)?;
        let values = form::without_row(values, key, index);
        shown.values = &values;
        return form_page(ctx, &service, shown, StatusCode::OK);
    }
    let today = moscow_date(Utc::now());
    let draft = match AppealForm::new(values).parse(&service, today) {
        Ok(draft) => draft,
        Err(errors) => {
            (shown.errors, shown.summary) =
                form::errors_of(&errors, ctx.lang, |f| form::label_of(&service, f, ctx.lang));
            return form_page(ctx, &service, shown, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let submission = submission_key(values);
    // the form sent again (Back after filing, a fix typed in, «Отправить» once more): the
    // appeal already filed, not a copy — and, when the form was changed meanwhile, a notice
    // that the changes were not kept, rather than «Обращение принято» as if they were
    if let Some(key) = submission.clone() {
        let earlier = state
            .db(move |c| {
                let Some((id, _)) = submissions::filed_with(c, account, &key)? else { return Ok(None) };
                Ok(appeals::get_for_account(c, account, id)?)
            })
            .await?;
        if let Some(earlier) = earlier {
            let mark = if earlier.draft == draft { "filed" } else { "resent" };
            return Ok(http::see_other(&format!("/appeals/{}?{mark}=1", earlier.id.0)));
        }
    }
    let filing = Filing { account, draft, lang: ctx.lang, corrects: corrects.as_ref().map(|a| a.id), submission };
    match state.file(filing).await? {
        FileOutcome::Filed { id, .. } => {
            tracing::info!(appeal = id.0, account = account.0, "appeal filed");
            Ok(http::see_other(&format!("/appeals/{}?filed=1", id.0)))
        }
        FileOutcome::IdentityMismatch(check) => {
            (shown.errors, shown.summary) = form::mismatch_errors(&check, ctx.lang);
            shown.summary_title = Some(tr(ctx.lang, "web-form-mismatch-title"));
            shown.summary_lead = tr(ctx.lang, "web-form-mismatch-lead");
            form_page(ctx, &service, shown, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// Everything an appeal's page (and the API) shows.
pub struct AppealData {
    pub appeal: Appeal,
    pub service: Option<Service>,
    pub events: Vec<Event>,
    pub documents: Vec<DocumentMeta>,
    pub corrects: Option<Appeal>,
    /// For a refused appeal: the corrected appeals filed from it by the same resident, oldest
    /// first.
    pub corrections: Vec<Appeal>,
    /// The district the appeal belongs to: its council's address and hours.
    pub district: Option<District>,
}

impl AppealData {
    /// The corrected appeal that stands (the latest not withdrawn): while there is one, the
    /// refused appeal takes no other (`store::appeals::live_correction`).
    pub fn live_correction(&self) -> Option<&Appeal> {
        self.corrections.iter().rev().find(|a| a.status.kind() != StatusKind::Withdrawn)
    }
}

/// Loads an appeal of the signed-in resident, or 404 — for anyone else's exactly as for one
/// that does not exist.
pub async fn load(state: &State, account: AccountId, id: &str) -> Result<AppealData, AppError> {
    let id = AppealId(id_param(id)?);
    state
        .db(move |c| {
            let Some(appeal) = appeals::get_for_account(c, account, id)? else { return Ok(None) };
            let service = catalogue::get(c, appeal.service.as_str())?;
            let events = appeals::timeline(c, id)?;
            let documents = appeals::documents(c, id)?;
            let corrects = match appeal.corrects {
                Some(old) => appeals::get_for_account(c, account, old)?,
                None => None,
            };
            // only a refused appeal is ever corrected
            let corrections = if matches!(appeal.status.kind(), StatusKind::RefusedToRegister | StatusKind::Refused) {
                let mut all = appeals::corrections(c, id)?;
                all.retain(|a| a.resident == appeal.resident);
                all
            } else {
                Vec::new()
            };
            let district = districts::get(c, appeal.district.as_str())?;
            Ok(Some(AppealData { appeal, service, events, documents, corrects, corrections, district }))
        })
        .await?
        .ok_or(AppError::NotFound)
}

/// The timeline entries of an appeal (the applicant's view).
pub fn timeline_of(data: &AppealData, lang: Lang) -> Vec<TimelineEntry> {
    timeline::entries(&data.events, lang, &Audience::Applicant)
}

pub fn document_href(appeal: AppealId, document: DocumentId) -> String {
    format!("/appeals/{}/documents/{}", appeal.0, document.0)
}

/// Whether an open appeal's deadline has passed (Moscow date) while the council still owes the
/// result. A document ready to collect is not late, and a suspended appeal's clock is stopped.
fn is_overdue(appeal: &Appeal, today: NaiveDate) -> bool {
    let kind = appeal.status.kind();
    // While the council waits for the resident's originals the page asks them to bring them:
    // telling them at the same time that the council is late would send them to complain.
    kind.deadline_runs() && kind != StatusKind::OriginalsRequired && appeal.due < today
}

/// The warning on an overdue appeal: since when, and whom to contact.
fn overdue_view(appeal: &Appeal, today: NaiveDate, district: Option<&District>, lang: Lang) -> Option<OverdueView> {
    if !is_overdue(appeal, today) {
        return None;
    }
    let mut lines = vec![tr(lang, "web-overdue-lead")];
    if let Some(d) = district {
        lines.push(tr_args(lang, "web-overdue-where", &[("address", Arg::from(d.council_address.as_str()))]));
        lines.push(tr_args(lang, "web-overdue-hours", &[("hours", Arg::from(d.office_hours.as_str()))]));
        if let Some(phone) = d.phone.as_deref().filter(|p| !p.trim().is_empty()) {
            lines.push(tr_args(lang, "web-overdue-phone", &[("phone", Arg::from(phone))]));
        }
    }
    Some(OverdueView {
        title: tr_args(lang, "web-overdue-title", &[("date", Arg::from(date(appeal.due, lang)))]),
        lines,
    })
}

/// The block that says what the resident must know or do now, by status.
fn panel(appeal: &Appeal, lang: Lang) -> Option<PanelView> {
    let d = |day| date(day, lang);
    let line = |id: &str, args: &[(&str, Arg<'_>)]| tr_args(lang, id, args);
    match &appeal.status {
        Status::RefusedToRegister(r) | Status::Refused(r) => Some(PanelView {
            tone: "refused",
            title: tr(lang, "web-panel-refused-title"),
            lines: r
                .added_explanation()
                .map(|text| vec![line("web-tl-explanation", &[("text", Arg::from(text))])])
                .unwrap_or_default(),
            items: r
                .grounds
                .iter()
                .map(|g| PanelItem {
                    title: g.text.get(lang).to_owned(),
                    details: vec![line("web-tl-remedy", &[("text", Arg::from(g.remedy.get(lang)))])],
                })
                .collect(),
        }),
        Status::OriginalsRequired(req) | Status::Suspended(req) => {
            let suspended = matches!(appeal.status, Status::Suspended(_));
            let list: Vec<&str> = req.originals.iter().map(|o| o.title.get(lang)).collect();
            let mut lines = vec![
                line("web-tl-originals-what", &[("list", Arg::from(list.join("; ")))]),
                line("web-tl-originals-where", &[("place", Arg::from(req.place.as_str()))]),
            ];
            if suspended {
                lines.insert(0, tr(lang, "web-panel-suspended-lead"));
            } else {
                lines.push(line("web-tl-originals-by", &[("date", Arg::from(d(req.by)))]));
                // the service's own date has passed: say what it now waits on
                if appeal.due < moscow_date(Utc::now()) {
                    lines.push(line("web-panel-originals-due-passed", &[("date", Arg::from(d(appeal.due)))]));
                }
            }
            Some(PanelView {
                tone: if suspended { "refused" } else { "action" },
                title: tr(lang, if suspended { "web-panel-suspended-title" } else { "web-panel-originals-title" }),
                lines,
                items: Vec::new(),
            })
        }
        Status::Ready(p) => Some(PanelView {
            tone: "action",
            title: tr(lang, "web-panel-ready-title"),
            lines: vec![
                line("web-tl-ready-where", &[("place", Arg::from(p.place.as_str()))]),
                line("web-tl-ready-hours", &[("hours", Arg::from(p.hours.as_str()))]),
                line("web-tl-ready-from", &[("date", Arg::from(d(p.from)))]),
                line("web-tl-ready-bring", &[("bring", Arg::from(p.bring.as_str()))]),
            ],
            items: Vec::new(),
        }),
        Status::IssuedElectronically(_) => Some(PanelView {
            tone: "done",
            title: tr(lang, "web-panel-issued-electronically-title"),
            lines: vec![tr(lang, "web-panel-issued-electronically")],
            items: Vec::new(),
        }),
        Status::Answered { text } => Some(PanelView {
            tone: "done",
            title: tr(lang, "web-panel-answered-title"),
            lines: text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect(),
            items: Vec::new(),
        }),
        _ => None,
    }
}

/// `GET /appeals/{id}`: the appeal, its timeline, documents and messages.
pub async fn show(ctx: &Ctx, id: &str, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let data = load(state, signed_in.session.account, id).await?;
    let lang = ctx.lang;
    let a = &data.appeal;
    let kind = a.status.kind();
    let service_title = data.service.as_ref().map_or_else(|| a.service.to_string(), |s| s.title.get(lang).to_owned());
    // people named in the appeal that the registry check could not match: said at once, so
    // that a typo can be fixed now rather than after the clerk's refusal
    let unmatched: Vec<String> = a.check.unmatched().map(|p| p.person.name.full()).collect();
    let check_note = (ctx.param("filed").is_some() && !unmatched.is_empty())
        .then(|| tr_args(lang, "web-appeal-filed-unmatched", &[("names", Arg::from(unmatched.join(", ")))]));
    let banner = if ctx.param("filed").is_some() {
        Some(tr_args(lang, "web-appeal-filed-banner", &[("number", Arg::from(a.number.to_string()))]))
    } else if ctx.param("resent").is_some() {
        Some(tr_args(lang, "web-appeal-resent-banner", &[("number", Arg::from(a.number.to_string()))]))
    } else if ctx.param("withdrawn").is_some() && kind == StatusKind::Withdrawn {
        Some(tr(lang, "web-appeal-withdrawn-banner"))
    } else if ctx.param("withdraw").is_some() && !kind.is_open() && kind != StatusKind::Withdrawn {
        Some(tr(lang, "web-appeal-not-withdrawable"))
    } else {
        None
    };
    // «Подано исправленное обращение № …» leads to it (entries follow the events one to one)
    let corrected_link = |event: &Event| match &event.kind {
        EventKind::Corrected { number } => {
            data.corrections.iter().find(|c| c.number.to_string() == *number).map(|c| format!("/appeals/{}", c.id.0))
        }
        _ => None,
    };
    let timeline = timeline_of(&data, lang)
        .into_iter()
        .zip(&data.events)
        .rev()
        .map(|(e, event)| EntryView {
            when: e.when,
            title: e.title,
            href: corrected_link(event),
            actor: e.actor,
            details: e.details,
            tone: e.tone.as_str(),
            document_href: e.document.map(|d| document_href(a.id, d)),
        })
        .collect();
    let messages = data
        .events
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Message { text } => Some(MessageView {
                when: datetime(e.at, lang),
                lines: text.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect(),
            }),
            _ => None,
        })
        .rev()
        .collect();
    let documents = data
        .documents
        .iter()
        .map(|d| DocumentView {
            href: document_href(a.id, d.id),
            name: d.file_name.clone(),
            size: text::size(d.size, lang),
        })
        .collect();
    let refused = matches!(kind, StatusKind::RefusedToRegister | StatusKind::Refused);
    let view = AppealPage {
        chrome: ctx.chrome(format!("{} — {service_title}", a.number), false),
        t: T(lang),
        banner,
        banner_warns: ctx.param("resent").is_some() && ctx.param("filed").is_none(),
        check_note,
        number: a.number.to_string(),
        service_title,
        status: timeline::status_line(&a.status, data.service.as_ref(), lang),
        tone: text::tone(kind),
        filed: datetime(a.filed_at, lang),
        register_by: (kind == StatusKind::Submitted).then(|| date(a.register_by, lang)),
        due: date(a.due, lang),
        open: kind.is_open(),
        overdue: overdue_view(a, moscow_date(Utc::now()), data.district.as_ref(), lang),
        // how the service is provided is news while it runs; once done, the panel says what happened
        // while originals are awaited, «one visit, to collect the document» is not what the
        // resident is living through: the panel above says what to bring and where
        visit_note: if kind.is_open() && !matches!(kind, StatusKind::OriginalsRequired | StatusKind::Suspended) {
            data.service.as_ref().map(|s| text::visit_note(s, lang)).unwrap_or_default()
        } else {
            String::new()
        },
        corrects: data
            .corrects
            .as_ref()
            .map(|c| AppealLink { href: format!("/appeals/{}", c.id.0), number: c.number.to_string() }),
        panel: panel(a, lang),
        corrected_by: data
            .live_correction()
            .map(|c| AppealLink { href: format!("/appeals/{}", c.id.0), number: c.number.to_string() }),
        correct_href: (refused && data.live_correction().is_none())
            .then(|| format!("/appeals/new/{}?corrects={}", a.service, a.id.0)),
        documents,
        messages,
        timeline,
        filed_data: filed_view(a, data.service.as_ref(), lang),
        withdraw_href: kind.is_open().then(|| format!("/appeals/{}/withdraw", a.id.0)),
        open311_href: open311_link(state, &a.public_token, lang),
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

/// The appeal's Open311 address, whole (it is copied into other programs) and in the page's
/// language: `…/open311/v2/requests/{token}.json`, with `?lang=en` for English.
fn open311_link(state: &State, token: &str, lang: Lang) -> String {
    let base = state.settings().public_base_url.trim_end_matches('/');
    let query = if lang == Lang::Ru { String::new() } else { format!("?lang={}", lang.code()) };
    format!("{base}/open311/v2/requests/{token}.json{query}")
}

/// What the appeal says: the applicant's details (they matched the registry; shown as the
/// registry spells them), then the service's own fields.
fn filed_view(a: &Appeal, service: Option<&Service>, lang: Lang) -> Vec<FiledView> {
    let id = &a.check.registry_spelling(&a.draft.identity);
    let address = Address {
        district: a.district.clone(),
        street: id.street.clone(),
        house: id.house.clone(),
        building: id.building.clone(),
        structure: id.structure.clone(),
        flat: id.flat.clone(),
    };
    let mut out = vec![
        FiledView { label: tr(lang, "web-filed-applicant"), lines: vec![id.name.full()] },
        FiledView { label: tr(lang, "web-filed-birth-date"), lines: vec![date(id.birth_date, lang)] },
        FiledView { label: tr(lang, "web-filed-address"), lines: vec![address.line()] },
    ];
    out.extend(
        timeline::filed_fields(service, &a.draft.fields, lang, |d| date(d, lang))
            .into_iter()
            .map(|f| FiledView { label: f.label, lines: f.lines }),
    );
    out
}

/// `GET /appeals/{id}/withdraw`: the confirmation step.
pub async fn withdraw_form(ctx: &Ctx, id: &str, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let data = load(state, signed_in.session.account, id).await?;
    let a = &data.appeal;
    // nothing to ask once it is final: the appeal's page, saying why
    match a.status.kind() {
        StatusKind::Withdrawn => return Ok(http::see_other(&format!("/appeals/{}?withdrawn=1", a.id.0))),
        kind if !kind.is_open() => return Ok(http::see_other(&format!("/appeals/{}?withdraw=closed", a.id.0))),
        _ => {}
    }
    let lang = ctx.lang;
    let view = WithdrawPage {
        chrome: ctx.chrome(tr(lang, "web-withdraw-title"), false),
        t: T(lang),
        number: a.number.to_string(),
        service_title: data.service.as_ref().map_or_else(|| a.service.to_string(), |s| s.title.get(lang).to_owned()),
        action: format!("/appeals/{}/withdraw", a.id.0),
        back_href: format!("/appeals/{}", a.id.0),
        csrf: signed_in.csrf.clone(),
    };
    Ok(http::html(StatusCode::OK, views::render(&view)))
}

/// `POST /appeals/{id}/withdraw`: withdraws an open appeal of the resident.
pub async fn withdraw(req: Request<Incoming>, ctx: &Ctx, id: &str, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    session_form(req, signed_in, state).await?;
    let account = signed_in.session.account;
    let id = AppealId(id_param(id)?);
    let calendar = state.settings().calendar.clone();
    let already = state
        .db(move |c| {
            // sent again (Back, then the button once more): the appeal is withdrawn, as asked
            let mine = appeals::get_for_account(c, account, id)?;
            if mine.is_some_and(|a| a.status.kind() == StatusKind::Withdrawn) {
                return Ok(true);
            }
            appeals::decide(c, id, Command::Withdraw, &DecisionBy::Applicant(account), &calendar, Utc::now())?;
            Ok(false)
        })
        .await?;
    if !already {
        tracing::info!(appeal = id.0, account = account.0, "appeal withdrawn");
    }
    Ok(http::see_other(&format!("/appeals/{}?withdrawn=1", id.0)))
}

/// The media types a document is served as; anything else is a download of bytes.
fn served_media_type(media_type: &str) -> &'static str {
    match media_type.trim().to_ascii_lowercase().as_str() {
        "application/pdf" => "application/pdf",
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "text/plain" | "text/plain; charset=utf-8" => "text/plain; charset=utf-8",
        "application/xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

/// `Content-Disposition` for a download named `name` (RFC 6266, with an ASCII fallback).
/// A Russian letter in Latin letters (the passport transliteration of order № 889, ё as e).
fn translit(c: char) -> Option<&'static str> {
    const LOWER: [&str; 33] = [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
    ];
    const UPPER: [&str; 33] = [
        "A", "B", "V", "G", "D", "E", "E", "Zh", "Z", "I", "I", "K", "L", "M", "N", "O", "P", "R", "S", "T", "U", "F",
        "Kh", "Ts", "Ch", "Sh", "Shch", "Ie", "Y", "", "E", "Iu", "Ia",
    ];
    const ORDER: &str = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    let lower = c.to_lowercase().next()?;
    let i = ORDER.chars().position(|l| l == lower)?;
    Some(if lower == c { LOWER[i] } else { UPPER[i] })
}

fn disposition(name: &str) -> String {
    // the plain-ASCII name for old clients: Cyrillic transliterated, spaces and the rest as `_`
    let ascii: String = name
        .chars()
        .map(|c| match translit(c) {
            Some(latin) => latin.to_owned(),
            None if c.is_ascii_graphic() && c != '"' && c != '\\' => c.to_string(),
            None => "_".to_owned(),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", http::encode_query(name).replace('/', "%2F"))
}

/// `GET /appeals/{id}/documents/{document}`: a document issued electronically, only to the
/// appeal's applicant.
pub async fn document(ctx: &Ctx, id: &str, document: &str, state: &State) -> Result<Response<Body>, AppError> {
    let signed_in = signed_in_or_redirect!(ctx);
    let account = signed_in.session.account;
    let id = AppealId(id_param(id)?);
    let doc = DocumentId(id_param(document)?);
    let found = state
        .db(move |c| {
            if appeals::get_for_account(c, account, id)?.is_none() {
                return Ok(None);
            }
            Ok(appeals::document_content(c, id, doc)?)
        })
        .await?;
    let Some((meta, content)) = found else { return Err(AppError::NotFound) };
    let mut r = http::response(StatusCode::OK, served_media_type(&meta.media_type), content);
    if let Ok(v) = HeaderValue::from_str(&disposition(&meta.file_name)) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    tracing::info!(appeal = id.0, document = doc.0, "document downloaded");
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_are_named_safely() {
        assert_eq!(
            disposition("Удостоверение.pdf"),
            "attachment; filename=\"Udostoverenie.pdf\"; filename*=UTF-8''%D0%A3%D0%B4%D0%BE%D1%81%D1%82%D0%BE%D0%B2%D0%B5%D1%80%D0%B5%D0%BD%D0%B8%D0%B5.pdf"
        );
        assert_eq!(disposition("a\"b.txt"), "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt");
        assert!(
            disposition("Выписка ЭП-0412 (Щукина Юлия).pdf")
                .starts_with("attachment; filename=\"Vypiska_EP-0412_(Shchukina_Iuliia).pdf\";")
        );
        assert_eq!(served_media_type("application/PDF"), "application/pdf");
        assert_eq!(served_media_type("text/html"), "application/octet-stream");
    }
}
