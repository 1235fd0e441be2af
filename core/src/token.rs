//! Random tokens (sessions, confirmation links, public appeal ids) and the hashes under which
//! secret ones are stored.

use std::fmt::Write as _;

use rand::Rng;
use sha2::{Digest, Sha256};

/// The alphabet of tokens: lower-case RFC 4648 base32, safe in URLs and case-insensitive
/// enough to survive a mail client.
const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

/// A token of `bytes` random bytes from the operating system's CSPRNG (via `rand::rng()`),
/// base32-encoded without padding. 20 bytes give 32 characters and 160 bits.
pub fn random_token(bytes: usize) -> String {
    let mut raw = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut raw);
    encode(&raw)
}

fn encode(raw: &[u8]) -> String {
    let mut out = String::with_capacity(raw.len() * 8 / 5 + 1);
    let mut buffer: u32 = 0;
    let mut bits = 0;
    for &byte in raw {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

/// The SHA-256 of a token, hex-encoded: what the database stores for secret tokens (a
/// database dump must not let anyone sign in or confirm an address). Tokens carry 160 bits of
/// entropy, so a fast hash is enough; PINs, being short, use argon2 instead.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.trim().as_bytes()))
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// True when `s` looks like a token this module made (so garbage is refused before a query).
pub fn is_token(s: &str) -> bool {
    (16..=128).contains(&s.len()) && s.bytes().all(|b| ALPHABET.contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648_vectors() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "my");
        assert_eq!(encode(b"fo"), "mzxq");
        assert_eq!(encode(b"foo"), "mzxw6");
        assert_eq!(encode(b"foob"), "mzxw6yq");
        assert_eq!(encode(b"fooba"), "mzxw6ytb");
        assert_eq!(encode(b"foobar"), "mzxw6ytboi");
    }

    #[test]
    fn tokens_are_random_and_well_formed() {
        let a = random_token(20);
        let b = random_token(20);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert!(is_token(&a));
        assert!(!is_token("../etc/passwd"));
        assert_eq!(token_hash(&a).len(), 64);
        assert_eq!(token_hash(&a), token_hash(&format!(" {a} ")));
    }
}
