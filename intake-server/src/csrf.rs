//! Cross-site request forgery tokens.
//!
//! Forms of a signed-in resident carry a token derived from their session token (which only
//! their browser holds, in an HttpOnly cookie): `SHA-256("csrf" ‖ session token)`. It needs no
//! storage and is the same on every server.
//!
//! Forms shown before signing in (sign-in, a question) use a signed double-submit cookie: the
//! cookie and the hidden field carry the same `nonce.HMAC(key, nonce)`, the key shared by the
//! servers through the database (`store::sessions::site_key`). The cookie is set again, with
//! the same token, with every such form shown (`pages::pre_session_token`), so it lasts a day
//! from the last form shown.

use ereception_core::token::{hex, random_token};
use sha2::{Digest, Sha256};

/// The name of the hidden field every state-changing form carries.
pub const FIELD: &str = "csrf";

/// The cookie of the forms shown before signing in.
pub const PRE_COOKIE: &str = "pre";

/// The token of the forms of the session whose cookie holds `session_token`.
pub fn session_token(session_token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"e-reception csrf\0");
    h.update(session_token.as_bytes());
    hex(&h.finalize())
}

/// Compares two strings in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    let mut out = [0u8; 32];
    out.copy_from_slice(&outer.finalize());
    out
}

/// The key that signs the tokens of the forms shown before signing in.
#[derive(Clone)]
pub struct PreSessionKey(Vec<u8>);

impl std::fmt::Debug for PreSessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PreSessionKey(..)")
    }
}

impl PreSessionKey {
    pub fn new(secret: &str) -> Self {
        PreSessionKey(secret.as_bytes().to_vec())
    }

    fn sign(&self, nonce: &str) -> String {
        hex(&hmac_sha256(&self.0, nonce.as_bytes()))
    }

    /// A fresh token: for the cookie and the hidden field alike.
    pub fn mint(&self) -> String {
        let nonce = random_token(16);
        let sig = self.sign(&nonce);
        format!("{nonce}.{sig}")
    }

    /// True when `token` was minted with this key.
    pub fn verify(&self, token: &str) -> bool {
        match token.split_once('.') {
            Some((nonce, sig)) if !nonce.is_empty() && nonce.len() <= 64 => same(&self.sign(nonce), sig),
            _ => false,
        }
    }

    /// True when the cookie and the field carry the same token and it is ours.
    pub fn check(&self, cookie: Option<&str>, field: Option<&str>) -> bool {
        match (cookie, field) {
            (Some(c), Some(f)) => same(c, f) && self.verify(c),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // test case 2
        assert_eq!(
            hex(&hmac_sha256(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // test case 6: a key longer than the block
        assert_eq!(
            hex(&hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn pre_session_tokens_are_signed_and_double_submitted() {
        let key = PreSessionKey::new("secret");
        let token = key.mint();
        assert!(key.verify(&token));
        assert!(key.check(Some(&token), Some(&token)));
        assert!(!key.check(Some(&token), Some(&key.mint())), "cookie and field must agree");
        assert!(!key.check(None, Some(&token)));
        assert!(!key.check(Some(&token), None));
        assert!(!PreSessionKey::new("other").verify(&token), "another key's token");
        let (nonce, _) = token.split_once('.').expect("dot");
        assert!(!key.verify(&format!("{nonce}.{}", "0".repeat(64))), "a forged signature");
        assert!(!key.verify("garbage"));
    }

    #[test]
    fn session_tokens_depend_on_the_session() {
        assert_eq!(session_token("a"), session_token("a"));
        assert_ne!(session_token("a"), session_token("b"));
        assert_ne!(session_token("a"), ereception_core::token::token_hash("a"), "not the stored hash");
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
