//! The request's context: its language, its session, the client's address.

use std::net::IpAddr;
use std::time::Instant;

use chrono::Utc;
use ereception_core::i18n::Lang;
use ereception_core::store::sessions::{self, Session};
use ereception_core::token::token_hash;
use hyper::body::Incoming;
use hyper::{Method, Request};

use crate::csrf;
use crate::error::AppError;
use crate::http::{self, Peer};
use crate::router::Kind;
use crate::state::State;
use crate::views::Chrome;

/// The session cookie.
pub const SESSION_COOKIE: &str = "sid";
/// The language cookie.
pub const LANG_COOKIE: &str = "lang";

/// A signed-in resident's session.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The cookie's token (never logged, never shown).
    pub token: String,
    pub session: Session,
    /// The CSRF token of this session's forms.
    pub csrf: String,
}

/// What a handler knows about the request besides its body.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub lang: Lang,
    pub kind: Kind,
    /// The path and query, to come back to after signing in or switching the language.
    pub path_and_query: String,
    pub query: Vec<(String, String)>,
    pub signed_in: Option<SignedIn>,
    /// The pre-session form token from the cookie, when valid.
    pub pre_token: Option<String>,
    pub client: IpAddr,
    /// The request sends something (a form): a redirect to sign in loses it, and says so.
    pub posted: bool,
}

impl Ctx {
    /// Reads the language and, for pages and the API, the session.
    pub async fn new(req: &Request<Incoming>, state: &State, kind: Kind) -> Result<Ctx, AppError> {
        let headers = req.headers();
        let query = http::query_pairs(req);
        let lang = http::first(&query, "lang")
            .or_else(|| http::cookie_value(headers, LANG_COOKIE))
            .and_then(|l| l.parse().ok())
            .unwrap_or(Lang::Ru);
        let peer = req.extensions().get::<Peer>().map_or(IpAddr::from([127, 0, 0, 1]), |p| p.0.ip());
        let client = http::client_ip(peer, headers, &state.server().trusted_proxies);
        let pre_token =
            http::cookie_value(headers, csrf::PRE_COOKIE).filter(|t| state.pre_key().verify(t)).map(str::to_owned);
        let path_and_query = req.uri().path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let posted = !matches!(*req.method(), Method::GET | Method::HEAD);
        let mut ctx = Ctx { lang, kind, path_and_query, query, signed_in: None, pre_token, client, posted };
        if matches!(kind, Kind::Html | Kind::Api)
            && let Some(token) = http::cookie_value(headers, SESSION_COOKIE).filter(|t| !t.is_empty())
        {
            let token = token.to_owned();
            // reads may take the session from the cache; changes check it in the database
            let read_only = matches!(*req.method(), Method::GET | Method::HEAD);
            let session = match read_only.then(|| token_hash(&token)) {
                Some(hash) => match state.cache().session(&hash, Instant::now()) {
                    Some(s) if s.expires_at > Utc::now() => Some(s),
                    _ => {
                        let read_at = Instant::now();
                        let found = lookup(state, &token).await?;
                        if let Some(s) = &found {
                            state.cache().put_session(hash, s.clone(), read_at);
                        }
                        found
                    }
                },
                None => lookup(state, &token).await?,
            };
            ctx.signed_in = session.map(|session| SignedIn { csrf: csrf::session_token(&token), token, session });
        }
        Ok(ctx)
    }

    /// The page frame: title, navigation, the language switch back to this page.
    pub fn chrome(&self, title: impl Into<String>, has_errors: bool) -> Chrome {
        let (switch_lang, switch_label) = match self.lang {
            Lang::Ru => ("en", "English"),
            Lang::En => ("ru", "Русский"),
        };
        // the switch returns to this page without a `lang` parameter that would override it,
        // nor the one-time notice that the letters' language changed (it would read as if the
        // switch had changed it)
        let back = strip_lang(&self.path_and_query);
        // the navigation item of this page, marked `aria-current="page"`
        let current = match self.path() {
            "/" if self.signed_in.is_some() => "home",
            "/services" => "services",
            "/sign-in" => "sign-in",
            "/questions/new" => "ask",
            "/help" => "help",
            _ => "",
        };
        Chrome {
            lang: self.lang.code(),
            current,
            title: title.into(),
            has_errors,
            signed_in: self.signed_in.is_some(),
            csrf: self.signed_in.as_ref().map(|s| s.csrf.clone()).unwrap_or_default(),
            switch_href: format!("/lang/{switch_lang}?next={}", http::encode_query(&back)),
            switch_lang,
            switch_label,
            switch_form: None,
            default_action: "",
        }
    }

    /// The request's path, without the query.
    pub fn path(&self) -> &str {
        self.path_and_query.split('?').next().unwrap_or("/")
    }

    /// The value of query parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        http::first(&self.query, name)
    }
}

/// The live session of `token`, from the database.
async fn lookup(state: &State, token: &str) -> Result<Option<Session>, AppError> {
    let policy = *state.session_policy();
    let token = token.to_owned();
    state.db(move |c| Ok(sessions::lookup(c, &token, &policy, Utc::now())?)).await
}

/// `path_and_query` without its `lang` parameter.
fn strip_lang(path_and_query: &str) -> String {
    let Some((path, query)) = path_and_query.split_once('?') else { return path_and_query.to_owned() };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !["lang=", "mail=", "signed-out="].iter().any(|n| p.starts_with(n)) && !p.is_empty())
        .collect();
    if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) }
}

#[cfg(test)]
mod tests {
    use super::strip_lang;

    #[test]
    fn the_switch_drops_the_lang_parameter() {
        assert_eq!(strip_lang("/appeals/5?lang=en"), "/appeals/5");
        assert_eq!(strip_lang("/?filed=1&lang=ru"), "/?filed=1");
        assert_eq!(strip_lang("/services"), "/services");
        assert_eq!(strip_lang("/?mail=en"), "/", "the letters' notice is not repeated");
        assert_eq!(strip_lang("/sign-in?signed-out=1"), "/sign-in", "nor the signing out's");
    }
}
