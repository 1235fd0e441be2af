//! A form sent after its session ended, carried through the sign-in page so that nothing
//! typed is lost.
//!
//! When a filing form arrives without a live session, but with the cookie of a session that
//! ended (idle too long) and that session's own CSRF token, the server answers with the
//! sign-in page, which carries the form's values in one hidden field, sealed: encrypted and
//! authenticated (ChaCha20-Poly1305) under a key derived from the servers' shared form key,
//! bound to
//!
//! - the account whose session it was (`store::sessions::owner`),
//! - the form's address,
//! - the browser's pre-session token (the sign-in form's own double-submit token, `csrf`),
//!   so a copied field opens in no other browser,
//! - and a time: it opens for [`MAX_AGE`].
//!
//! After signing in with that same account the form is shown again, filled in, with a notice
//! that it has not been sent: nothing is filed without the resident pressing the button again.
//! Signing in with another account opens the form empty: the field is dropped unopened, so
//! one person's data is never shown to another, nor readable in the page's source meanwhile.
//!
//! The sign-in answers with a redirect to the form's own page (Post/Redirect/Get), so that
//! reloading that page does not send the sign-in again: the form goes there sealed anew in
//! short-lived cookies ([`to_cookies`]) scoped to the form's address and bound to the new
//! session, and the form's `GET` shows it while they last; sending the form clears them. A
//! form too large for cookies that every proxy passes ([`COOKIE_MAX`]) is shown as the
//! sign-in's own answer instead, as a last resort that loses nothing.
//!
//! A session that ended — signed out of in another tab, or expired and followed by a sign-in
//! in another tab — leaves a cookie of its own ([`ENDED_COOKIE`]): the account and that
//! session's CSRF token, sealed. A form the first tab still shows is then not lost: sent with
//! no session, it is carried through the sign-in as after a session that expired; sent once
//! the same resident has signed in again, it is shown again, filled in and unsent.
//!
//! Nothing is stored on the server; nothing carried reaches a log or an address.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use ereception_core::domain::ids::AccountId;
use ring::aead::{Aad, CHACHA20_POLY1305, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use ring::rand::{SecureRandom, SystemRandom};
use serde::{Deserialize, Serialize};

use crate::csrf::hmac_sha256;

/// The name of the sign-in form's hidden field that carries a sealed form.
pub const FIELD: &str = "carried";

/// How long a carried form can be opened after its session ended: as long as a session lives
/// at most, and the pre-session cookie it is bound to (a day) outlives it.
pub const MAX_AGE: Duration = Duration::hours(12);

/// Fields of a form that are not carried: its CSRF token (the session's, which ended), and
/// the buttons that sent it.
const NOT_CARRIED: [&str; 3] = [crate::csrf::FIELD, "action", crate::pages::SWITCH_LANG];

/// A form being carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Carried {
    /// Whose session sent it.
    pub account: AccountId,
    /// The form's address, e.g. `/appeals/new/consultation`.
    pub path: String,
    /// Its fields as sent, but for [`NOT_CARRIED`].
    pub values: Vec<(String, String)>,
}

impl Carried {
    /// The form `values` sent to `path` by `account`'s ended session.
    pub fn new(account: AccountId, path: &str, values: &[(String, String)]) -> Carried {
        let values = values.iter().filter(|(k, _)| !NOT_CARRIED.contains(&k.as_str())).cloned().collect();
        Carried { account, path: path.to_owned(), values }
    }
}

/// What is sealed.
#[derive(Serialize, Deserialize)]
struct Sealed {
    /// The account's id.
    a: i64,
    /// The form's path.
    p: String,
    /// When it was sealed (Unix seconds).
    t: i64,
    /// The fields.
    v: Vec<(String, String)>,
}

/// The key forms are sealed with.
pub struct CarryKey(LessSafeKey);

impl std::fmt::Debug for CarryKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CarryKey(..)")
    }
}

/// Binds a sealed form to its purpose and the browser's pre-session token.
fn aad(flow: &str) -> Vec<u8> {
    let mut aad = b"e-reception carried form v1\0".to_vec();
    aad.extend_from_slice(flow.as_bytes());
    aad
}

/// The `flow` a form carried from the sign-in to its page is sealed for: the new session's
/// CSRF token (pre-session tokens hold a `.`, these do not, so the two never meet).
fn session_flow(session_csrf: &str) -> String {
    format!("session\0{session_csrf}")
}

/// The cookies that hold a form between the sign-in and its page: `carried-0`, `carried-1`…
pub const COOKIE: &str = "carried";

/// At most this many characters of a sealed form go into cookies: with the others the Cookie
/// header stays well within the 8 KiB per header line that common proxies (nginx, Apache)
/// accept, and each cookie within the 4 KiB browsers keep.
pub const COOKIE_MAX: usize = 6000;

/// The characters of one cookie.
const CHUNK: usize = 3000;

/// The most cookies one form takes.
const CHUNKS: usize = COOKIE_MAX.div_ceil(CHUNK);

/// The cookie left by a session that ended (signing out; a sign-in after it expired): whose
/// session it was and its forms' CSRF token, sealed.
pub const ENDED_COOKIE: &str = "ended";

/// What the ended-session cookie seals.
#[derive(Serialize, Deserialize)]
struct Ended {
    /// The account's id.
    a: i64,
    /// The CSRF token of the session that ended.
    c: String,
    /// When (Unix seconds).
    t: i64,
}

/// `Set-Cookie` values that put `sealed` (URL-safe base64) into cookies at `path`, for
/// `max_age` seconds; None when it is too large ([`COOKIE_MAX`]).
pub fn to_cookies(sealed: &str, path: &str, max_age: i64, secure: bool) -> Option<Vec<String>> {
    if sealed.len() > COOKIE_MAX || !path.starts_with('/') || path.contains([';', ',', ' ']) {
        return None;
    }
    let mut out: Vec<String> = sealed
        .as_bytes()
        .chunks(CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let chunk = std::str::from_utf8(chunk).unwrap_or_default();
            crate::http::cookie_at(&format!("{COOKIE}-{i}"), chunk, path, Some(max_age), secure)
        })
        .collect();
    // a larger form carried earlier leaves no chunk behind
    for i in out.len()..CHUNKS {
        out.push(crate::http::cookie_at(&format!("{COOKIE}-{i}"), "", path, Some(0), secure));
    }
    Some(out)
}

/// The sealed form the request's cookies carry, if any.
pub fn from_cookies(headers: &hyper::HeaderMap) -> Option<String> {
    let mut sealed = String::new();
    for i in 0..CHUNKS {
        match crate::http::cookie_value(headers, &format!("{COOKIE}-{i}")).filter(|v| !v.is_empty()) {
            Some(chunk) => sealed.push_str(chunk),
            None => break,
        }
    }
    (!sealed.is_empty()).then_some(sealed)
}

/// `Set-Cookie` values that delete the carrying cookies at `path`.
pub fn clear_cookies(path: &str, secure: bool) -> Vec<String> {
    (0..CHUNKS).map(|i| crate::http::cookie_at(&format!("{COOKIE}-{i}"), "", path, Some(0), secure)).collect()
}

impl CarryKey {
    /// The key derived from the servers' shared secret (so that any server opens what another
    /// sealed), distinct from the one that signs pre-session tokens.
    /// None only if the cipher refuses the key (it takes exactly these 32 bytes).
    pub fn new(secret: &str) -> Option<CarryKey> {
        let derived = hmac_sha256(secret.as_bytes(), b"e-reception carried form key");
        let key = UnboundKey::new(&CHACHA20_POLY1305, &derived).ok()?;
        Some(CarryKey(LessSafeKey::new(key)))
    }

    /// `carried`, sealed at `now` for the browser whose pre-session token is `flow`: text for a
    /// hidden field (URL-safe base64). None only if the system's random source fails.
    pub fn seal(&self, carried: &Carried, flow: &str, now: DateTime<Utc>) -> Option<String> {
        let plain =
            Sealed { a: carried.account.0, p: carried.path.clone(), t: now.timestamp(), v: carried.values.clone() };
        self.seal_json(&plain, aad(flow))
    }

    /// The form sealed in `sealed` for `flow`, if it is ours, unaltered, for this browser and
    /// not older than [`MAX_AGE`] at `now`.
    pub fn open(&self, sealed: &str, flow: &str, now: DateTime<Utc>) -> Option<Carried> {
        let sealed: Sealed = self.open_json(sealed, &aad(flow))?;
        fresh(sealed.t, now)?;
        Some(Carried { account: AccountId(sealed.a), path: sealed.p, values: sealed.v })
    }

    /// `carried`, sealed at `now` for the session whose forms' CSRF token is `session_csrf`:
    /// for the cookies that take it from the sign-in to the form's page.
    pub fn seal_for_session(&self, carried: &Carried, session_csrf: &str, now: DateTime<Utc>) -> Option<String> {
        self.seal(carried, &session_flow(session_csrf), now)
    }

    /// The form [`CarryKey::seal_for_session`] sealed for this session.
    pub fn open_for_session(&self, sealed: &str, session_csrf: &str, now: DateTime<Utc>) -> Option<Carried> {
        self.open(sealed, &session_flow(session_csrf), now)
    }

    /// The ended-session cookie's value: `account`'s session, whose forms' CSRF token is
    /// `session_csrf`, had ended at `now`. None only if the random source fails.
    pub fn seal_ended(&self, account: AccountId, session_csrf: &str, now: DateTime<Utc>) -> Option<String> {
        let plain = Ended { a: account.0, c: session_csrf.to_owned(), t: now.timestamp() };
        self.seal_json(&plain, ended_aad())
    }

    /// The account whose session ended, if `sealed` is an ended-session cookie of ours, not
    /// older than [`MAX_AGE`], and `form_csrf` is that session's CSRF token.
    pub fn open_ended(&self, sealed: &str, form_csrf: &str, now: DateTime<Utc>) -> Option<AccountId> {
        let plain: Ended = self.open_json(sealed, &ended_aad())?;
        fresh(plain.t, now)?;
        crate::csrf::same(&plain.c, form_csrf).then_some(AccountId(plain.a))
    }

    fn seal_json(&self, plain: &impl Serialize, aad: Vec<u8>) -> Option<String> {
        let mut data = serde_json::to_vec(plain).ok()?;
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).ok()?;
        self.0.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad), &mut data).ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Some(URL_SAFE_NO_PAD.encode(out))
    }

    fn open_json<T: serde::de::DeserializeOwned>(&self, sealed: &str, aad: &[u8]) -> Option<T> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed.trim()).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, data) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = data.to_vec();
        let plain = self.0.open_in_place(nonce, Aad::from(aad), &mut data).ok()?;
        serde_json::from_slice(plain).ok()
    }
}

/// The ended-session cookie's purpose, apart from every carried form's.
fn ended_aad() -> Vec<u8> {
    b"e-reception ended session v1".to_vec()
}

/// Some when a seal of Unix time `t` still opens at `now`.
fn fresh(t: i64, now: DateTime<Utc>) -> Option<()> {
    let at = DateTime::<Utc>::from_timestamp(t, 0)?;
    (now >= at - Duration::minutes(5) && now - at <= MAX_AGE).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn a_sealed_form_opens_only_with_its_key_browser_and_time() {
        let key = CarryKey::new("secret").expect("key");
        let now = Utc::now();
        let values = pairs(&[
            ("csrf", "old"),
            ("submission", "k"),
            ("f-question", "Когда «вывоз» мусора?"),
            ("action", "file"),
            ("switch-lang", "en"),
        ]);
        let carried = Carried::new(AccountId(7), "/appeals/new/consultation", &values);
        assert_eq!(carried.values, pairs(&[("submission", "k"), ("f-question", "Когда «вывоз» мусора?")]));
        let sealed = key.seal(&carried, "flow-a", now).expect("sealed");
        assert!(!sealed.contains("вывоз") && !sealed.contains("question"), "not readable: {sealed}");
        assert!(sealed.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "URL-safe");
        assert_eq!(key.open(&sealed, "flow-a", now + Duration::minutes(40)), Some(carried.clone()));
        assert_eq!(key.open(&sealed, "flow-b", now), None, "another browser");
        assert_eq!(CarryKey::new("other").expect("key").open(&sealed, "flow-a", now), None, "another key");
        assert_eq!(key.open(&sealed, "flow-a", now + MAX_AGE + Duration::seconds(1)), None, "too old");
        // one bit changed anywhere is refused
        let mut bytes = URL_SAFE_NO_PAD.decode(&sealed).expect("base64");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        assert_eq!(key.open(&URL_SAFE_NO_PAD.encode(&bytes), "flow-a", now), None);
        assert_eq!(key.open("", "flow-a", now), None);
        assert_eq!(key.open("not base64!", "flow-a", now), None);
        // two seals of one form differ (a fresh nonce each)
        assert_ne!(key.seal(&carried, "flow-a", now), Some(sealed));
    }

    #[test]
    fn a_form_for_the_page_after_signing_in_opens_only_in_that_session() {
        let key = CarryKey::new("secret").expect("key");
        let now = Utc::now();
        let carried = Carried::new(AccountId(7), "/appeals/new/consultation", &pairs(&[("f-question", "Вопрос")]));
        let sealed = key.seal_for_session(&carried, "csrf-a", now).expect("sealed");
        assert_eq!(key.open_for_session(&sealed, "csrf-a", now), Some(carried.clone()));
        assert_eq!(key.open_for_session(&sealed, "csrf-b", now), None, "another session");
        assert_eq!(key.open(&sealed, "csrf-a", now), None, "not a sign-in page's field");
        let field = key.seal(&carried, "csrf-a", now).expect("sealed");
        assert_eq!(key.open_for_session(&field, "csrf-a", now), None, "nor the other way round");
    }

    #[test]
    fn a_sealed_form_goes_into_cookies_at_its_address_and_comes_back_whole() {
        let sealed = "a".repeat(CHUNK) + &"b".repeat(10);
        let cookies = to_cookies(&sealed, "/appeals/new/consultation", 1800, true).expect("fits");
        assert_eq!(cookies.len(), CHUNKS);
        assert!(cookies[0].starts_with(&format!("carried-0={}; Path=/appeals/new/consultation;", "a".repeat(CHUNK))));
        assert!(
            cookies[0].contains("HttpOnly") && cookies[0].contains("Max-Age=1800") && cookies[0].contains("Secure")
        );
        assert!(cookies[1].starts_with("carried-1=bbbbbbbbbb;"), "{}", cookies[1]);
        let mut headers = hyper::HeaderMap::new();
        let sent: Vec<String> = cookies.iter().filter_map(|c| c.split(';').next().map(str::to_owned)).collect();
        headers.insert(hyper::header::COOKIE, sent.join("; ").parse().expect("header"));
        assert_eq!(from_cookies(&headers), Some(sealed));
        assert_eq!(from_cookies(&hyper::HeaderMap::new()), None);
        // a short one deletes the chunks a longer one may have left
        let short = to_cookies("abc", "/appeals/new/consultation", 1800, false).expect("fits");
        assert!(short[1].starts_with("carried-1=;") && short[1].contains("Max-Age=0"), "{}", short[1]);
        assert_eq!(to_cookies(&"a".repeat(COOKIE_MAX + 1), "/appeals/new/x", 1800, false), None, "too large");
        assert_eq!(to_cookies("abc", "/x; Domain=evil", 1800, false), None, "not an address");
        let cleared = clear_cookies("/appeals/new/x", false);
        assert!(cleared.iter().all(|c| c.contains("Path=/appeals/new/x") && c.contains("Max-Age=0")));
    }

    #[test]
    fn the_ended_session_cookie_names_the_account_only_to_that_sessions_forms() {
        let key = CarryKey::new("secret").expect("key");
        let now = Utc::now();
        let sealed = key.seal_ended(AccountId(7), "csrf-a", now).expect("sealed");
        assert!(!sealed.contains("csrf-a"));
        assert_eq!(key.open_ended(&sealed, "csrf-a", now), Some(AccountId(7)));
        assert_eq!(key.open_ended(&sealed, "csrf-b", now), None, "a form of another session");
        assert_eq!(key.open_ended(&sealed, "", now), None, "a form without a token");
        assert_eq!(key.open_ended(&sealed, "csrf-a", now + MAX_AGE + Duration::seconds(1)), None);
        assert_eq!(CarryKey::new("other").expect("key").open_ended(&sealed, "csrf-a", now), None);
        let carried = key.seal(&Carried::new(AccountId(7), "/x", &[]), "csrf-a", now).expect("sealed");
        assert_eq!(key.open_ended(&carried, "csrf-a", now), None, "a carried form is not one");
    }
}
