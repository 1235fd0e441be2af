//! The router: one table of `(method, pattern)` → page, one [`route`] that matches it and
//! calls the handler, explicit 404 and 405. The OpenAPI document is checked against this
//! table (`tests/it`), so the two cannot drift apart.

use std::time::Instant;

use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use crate::ctx::Ctx;
use crate::error::AppError;
use crate::http::{self, Body};
use crate::pages;
use crate::state::State;

/// What a route serves, which decides how errors look and whether a session is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// HTML pages.
    Html,
    /// The JSON API for signed-in residents (`/api/…`), described by the OpenAPI document.
    Api,
    /// The public Open311 GeoReport v2 endpoints (`/open311/v2/…`), also in the document.
    Open311,
    /// Static files and the service's own endpoints.
    Asset,
}

/// The methods we serve.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
}

impl Verb {
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
        }
    }
}

/// Every page the server has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    MailLanguage,
    SignInForm,
    SignIn,
    SignOut,
    Services,
    AppealForm,
    FileAppeal,
    Appeal,
    WithdrawForm,
    Withdraw,
    Document,
    QuestionForm,
    Ask,
    QuestionSent,
    ConfirmForm,
    Confirm,
    ResendConfirmation,
    EmailForm,
    ChangeEmail,
    Help,
    Privacy,
    SwitchLang,
    Stylesheet,
    Health,
    ApiAppeals,
    ApiAppeal,
    OpenApi,
    Open311Services,
    Open311Service,
    Open311Request,
    Open311Requests,
}

/// One route.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    pub verb: Verb,
    /// Segments: literals, `{name}`, or `{name}.json`.
    pub pattern: &'static str,
    pub page: Page,
    pub kind: Kind,
    /// Described by the OpenAPI document.
    pub documented: bool,
}

const fn r(verb: Verb, pattern: &'static str, page: Page, kind: Kind) -> Route {
    let documented = matches!(kind, Kind::Api | Kind::Open311);
    Route { verb, pattern, page, kind, documented }
}

/// The routing table. The links in e-mails (`core::links`) lead to `/`, `/appeals/{id}` and
/// `/confirm/{token}` (whose `GET` only shows the button that `POST`s the confirmation).
pub static ROUTES: &[Route] = &[
    r(Verb::Get, "/", Page::Home, Kind::Html),
    r(Verb::Post, "/account/mail-language", Page::MailLanguage, Kind::Html),
    r(Verb::Post, "/account/confirmation-link", Page::ResendConfirmation, Kind::Html),
    r(Verb::Get, "/account/email", Page::EmailForm, Kind::Html),
    r(Verb::Post, "/account/email", Page::ChangeEmail, Kind::Html),
    r(Verb::Get, "/sign-in", Page::SignInForm, Kind::Html),
    r(Verb::Post, "/sign-in", Page::SignIn, Kind::Html),
    r(Verb::Post, "/sign-out", Page::SignOut, Kind::Html),
    r(Verb::Get, "/services", Page::Services, Kind::Html),
    r(Verb::Get, "/appeals/new/{code}", Page::AppealForm, Kind::Html),
    r(Verb::Post, "/appeals/new/{code}", Page::FileAppeal, Kind::Html),
    r(Verb::Get, "/appeals/{id}", Page::Appeal, Kind::Html),
    r(Verb::Get, "/appeals/{id}/withdraw", Page::WithdrawForm, Kind::Html),
    r(Verb::Post, "/appeals/{id}/withdraw", Page::Withdraw, Kind::Html),
    r(Verb::Get, "/appeals/{id}/documents/{document}", Page::Document, Kind::Html),
    r(Verb::Get, "/questions/new", Page::QuestionForm, Kind::Html),
    r(Verb::Post, "/questions/new", Page::Ask, Kind::Html),
    r(Verb::Get, "/questions/sent", Page::QuestionSent, Kind::Html),
    r(Verb::Get, "/confirm/{token}", Page::ConfirmForm, Kind::Html),
    r(Verb::Post, "/confirm/{token}", Page::Confirm, Kind::Html),
    r(Verb::Get, "/help", Page::Help, Kind::Html),
    r(Verb::Get, "/privacy", Page::Privacy, Kind::Html),
    r(Verb::Get, "/lang/{lang}", Page::SwitchLang, Kind::Html),
    r(Verb::Get, "/static/style.css", Page::Stylesheet, Kind::Asset),
    r(Verb::Get, "/health", Page::Health, Kind::Asset),
    r(Verb::Get, "/api/v1/appeals", Page::ApiAppeals, Kind::Api),
    r(Verb::Get, "/api/v1/appeals/{id}", Page::ApiAppeal, Kind::Api),
    Route { verb: Verb::Get, pattern: "/api/v1/openapi.json", page: Page::OpenApi, kind: Kind::Api, documented: false },
    // where API tools look for it first
    Route { verb: Verb::Get, pattern: "/openapi.json", page: Page::OpenApi, kind: Kind::Asset, documented: false },
    r(Verb::Get, "/open311/v2/services.json", Page::Open311Services, Kind::Open311),
    r(Verb::Get, "/open311/v2/services/{service_code}.json", Page::Open311Service, Kind::Open311),
    r(Verb::Get, "/open311/v2/requests/{service_request_id}.json", Page::Open311Request, Kind::Open311),
    r(Verb::Get, "/open311/v2/requests.json", Page::Open311Requests, Kind::Open311),
];

/// The path parameters of a matched route.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }
}

/// What matching a request found.
#[derive(Debug)]
pub enum Matched {
    Route(&'static Route, Params),
    /// The path exists, not with this method.
    MethodNotAllowed {
        allow: Vec<&'static str>,
        kind: Kind,
    },
    NotFound,
}

fn match_pattern(pattern: &'static str, path: &str) -> Option<Params> {
    let mut pat = pattern.split('/');
    let mut segs = path.split('/');
    let mut params = Vec::new();
    loop {
        match (pat.next(), segs.next()) {
            (None, None) => return Some(Params(params)),
            (Some(p), Some(s)) => {
                if let Some(inner) = p.strip_prefix('{') {
                    let (name, suffix) = inner.split_once('}')?;
                    let value = s.strip_suffix(suffix)?;
                    if value.is_empty() || value.len() > 200 {
                        return None;
                    }
                    params.push((name, value.to_owned()));
                } else if p != s {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// Matches `method` and `path` against [`ROUTES`]. `HEAD` is served as `GET`. A path served
/// with other methods is [`Matched::MethodNotAllowed`], with the methods it is served with
/// (`HEAD` among them wherever `GET` is).
pub fn match_route(method: &Method, path: &str) -> Matched {
    let verb = match *method {
        Method::GET | Method::HEAD => Some(Verb::Get),
        Method::POST => Some(Verb::Post),
        _ => None,
    };
    let mut allow = Vec::new();
    let mut kind = Kind::Html;
    for route in ROUTES {
        if let Some(params) = match_pattern(route.pattern, path) {
            if Some(route.verb) == verb {
                return Matched::Route(route, params);
            }
            kind = route.kind;
            allow.push(route.verb.as_str());
            // a `GET` is also served as `HEAD`, and `Allow` says so
            if route.verb == Verb::Get {
                allow.push("HEAD");
            }
        }
    }
    if allow.is_empty() { Matched::NotFound } else { Matched::MethodNotAllowed { allow, kind } }
}

/// `path` when it is a form's page: a page that is shown by a `GET` and sent by a `POST` to
/// the same address (the sign-in, a filing form, the question form…). An error answering the
/// `POST` links back to it.
pub fn form_page(path: &str) -> Option<&str> {
    let served = |verb: Verb| {
        ROUTES.iter().any(|r| r.verb == verb && r.kind == Kind::Html && match_pattern(r.pattern, path).is_some())
    };
    (served(Verb::Get) && served(Verb::Post)).then_some(path)
}

/// Whether `path` is a page a `GET` shows (somewhere to come back to after signing in).
pub fn shown_by_get(path: &str) -> bool {
    ROUTES.iter().any(|r| r.verb == Verb::Get && r.kind == Kind::Html && match_pattern(r.pattern, path).is_some())
}

fn kind_of_path(path: &str) -> Kind {
    if path.starts_with("/api/") {
        Kind::Api
    } else if path.starts_with("/open311/") {
        Kind::Open311
    } else {
        Kind::Html
    }
}

/// Answers one request. Never fails: every error is a response.
pub async fn route(req: Request<Incoming>, state: &State) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let (pattern, mut response) = match match_route(&method, &path) {
        Matched::Route(route, params) => {
            let response = match Ctx::new(&req, state, route.kind).await {
                Ok(ctx) => pages::handle(route.page, req, &ctx, &params, state).await,
                Err(e) => e.into_response(&fallback_ctx(route.kind)),
            };
            (route.pattern, response)
        }
        Matched::MethodNotAllowed { allow, kind } => {
            let mut response =
                AppError::Refused { status: StatusCode::METHOD_NOT_ALLOWED, message: "web-error-method" }
                    .into_response(&quick_ctx(&req, kind));
            if let Ok(v) = HeaderValue::from_str(&allow.join(", ")) {
                response.headers_mut().insert(header::ALLOW, v);
            }
            ("(method not allowed)", response)
        }
        Matched::NotFound => {
            let kind = kind_of_path(&path);
            // a page keeps the visitor's session, so a signed-in resident sees their own menu
            let ctx = match kind {
                Kind::Html => Ctx::new(&req, state, kind).await.unwrap_or_else(|_| quick_ctx(&req, kind)),
                _ => quick_ctx(&req, kind),
            };
            ("(not found)", AppError::NotFound.into_response(&ctx))
        }
    };
    http::secure_headers(&mut response, state.server().secure_cookies);
    // the pattern, never the path: paths carry confirmation and public tokens
    tracing::info!(
        method = %method,
        route = pattern,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// A context for error pages of unmatched requests: the language, no session.
fn quick_ctx(req: &Request<Incoming>, kind: Kind) -> Ctx {
    let query = http::query_pairs(req);
    let lang = http::first(&query, "lang")
        .or_else(|| http::cookie_value(req.headers(), crate::ctx::LANG_COOKIE))
        .and_then(|l| l.parse().ok())
        .unwrap_or_default();
    Ctx {
        lang,
        kind,
        path_and_query: "/".to_owned(),
        query,
        signed_in: None,
        pre_token: None,
        client: std::net::IpAddr::from([127, 0, 0, 1]),
        posted: false,
    }
}

fn fallback_ctx(kind: Kind) -> Ctx {
    Ctx {
        lang: Default::default(),
        kind,
        path_and_query: "/".to_owned(),
        query: Vec::new(),
        signed_in: None,
        pre_token: None,
        client: std::net::IpAddr::from([127, 0, 0, 1]),
        posted: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(method: Method, path: &str) -> Option<(Page, Params)> {
        match match_route(&method, path) {
            Matched::Route(r, p) => Some((r.page, p)),
            _ => None,
        }
    }

    #[test]
    fn patterns_match_segments_and_suffixes() {
        let (p, params) = page(Method::GET, "/appeals/42").expect("matched");
        assert_eq!((p, params.get("id")), (Page::Appeal, "42"));
        let (p, params) = page(Method::GET, "/appeals/42/documents/7").expect("matched");
        assert_eq!((p, params.get("id"), params.get("document")), (Page::Document, "42", "7"));
        let (p, params) = page(Method::GET, "/open311/v2/requests/abc.json").expect("matched");
        assert_eq!((p, params.get("service_request_id")), (Page::Open311Request, "abc"));
        assert_eq!(page(Method::GET, "/open311/v2/requests/.json"), None);
        assert_eq!(page(Method::GET, "/open311/v2/requests/abc"), None);
        assert_eq!(page(Method::GET, "/appeals/new/consultation").map(|x| x.0), Some(Page::AppealForm));
        assert_eq!(page(Method::HEAD, "/").map(|x| x.0), Some(Page::Home));
        assert_eq!(page(Method::GET, "/appeals/"), None);
        assert_eq!(page(Method::GET, "/nowhere"), None);
    }

    #[test]
    fn forms_are_known_by_their_get_and_post() {
        assert_eq!(form_page("/questions/new"), Some("/questions/new"));
        assert_eq!(form_page("/appeals/new/consultation"), Some("/appeals/new/consultation"));
        assert_eq!(form_page("/sign-in"), Some("/sign-in"));
        assert_eq!(form_page("/sign-out"), None, "no page of its own");
        assert_eq!(form_page("/account/mail-language"), None);
        assert_eq!(form_page("/nowhere"), None);
    }

    #[test]
    fn wrong_method_is_405_with_allow() {
        match match_route(&Method::DELETE, "/sign-in") {
            Matched::MethodNotAllowed { allow, .. } => assert_eq!(allow, ["GET", "HEAD", "POST"]),
            other => panic!("{other:?}"),
        }
        // QA: `Allow` left out `HEAD`, which every `GET` route also answers
        match match_route(&Method::POST, "/api/v1/appeals") {
            Matched::MethodNotAllowed { allow, kind } => {
                assert_eq!(allow, ["GET", "HEAD"]);
                assert_eq!(kind, Kind::Api);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(match_route(&Method::GET, "/zzz"), Matched::NotFound));
    }

    #[test]
    fn the_links_in_emails_are_served() {
        use ereception_core::domain::ids::AppealId;
        use ereception_core::links;
        for link in [links::cabinet(""), links::appeal("", AppealId(12)), links::confirm("", "abcdefghijklmnop")] {
            assert!(matches!(match_route(&Method::GET, &link), Matched::Route(..)), "{link}");
        }
    }
}
