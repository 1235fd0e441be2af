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
        let mut data = serde_json::to_vec(&plain).ok()?;
        let mut nonce = [0u8; NONCE_LEN];
        SystemRandom::new().fill(&mut nonce).ok()?;
        self.0.seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), Aad::from(aad(flow)), &mut data).ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&data);
        Some(URL_SAFE_NO_PAD.encode(out))
    }

    /// The form sealed in `sealed` for `flow`, if it is ours, unaltered, for this browser and
    /// not older than [`MAX_AGE`] at `now`.
    pub fn open(&self, sealed: &str, flow: &str, now: DateTime<Utc>) -> Option<Carried> {
        let bytes = URL_SAFE_NO_PAD.decode(sealed.trim()).ok()?;
        if bytes.len() < NONCE_LEN {
            return None;
        }
        let (nonce, data) = bytes.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut data = data.to_vec();
        let plain = self.0.open_in_place(nonce, Aad::from(aad(flow)), &mut data).ok()?;
        let sealed: Sealed = serde_json::from_slice(plain).ok()?;
        let at = DateTime::<Utc>::from_timestamp(sealed.t, 0)?;
        if now < at - Duration::minutes(5) || now - at > MAX_AGE {
            return None;
        }
        Some(Carried { account: AccountId(sealed.a), path: sealed.p, values: sealed.v })
    }
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
}
