//! Applicant accounts: what the one-window desk hands a resident and what signing in checks.
//!
//! - [`number`]: the [`AccountNumber`] printed on the slip (random, with a Damm check digit).
//! - [`pin`]: the [`Pin`] (8 symbols from an alphabet without look-alikes) and its forgiving parser.
//! - [`secret`]: argon2id hashing of PINs and clerk passwords, with a dummy verification for
//!   unknown accounts.
//! - [`lockout`]: the sign-in lockout state machine and the bound on guesses it guarantees.
//! - [`slip`]: the printable slip, rendered as plain text at 32, 42 or 48 columns.
//!
//! Everything here is pure: no database, no clock reads (the current time is passed in as a
//! `DateTime<Utc>`), no files. A plaintext PIN exists only in a [`Pin`] value and in the slip
//! text handed to the printer; it is never logged, stored or shown by `Debug`.

pub mod lockout;
pub mod number;
pub mod pin;
pub mod secret;
pub mod slip;

pub use lockout::{FailureOutcome, Locked, LockoutPolicy, LockoutPolicyError, SignInState, sign_in_failed_message};
pub use number::{AccountNumber, AccountNumberError};
pub use pin::{PIN_ALPHABET, PIN_LEN, PIN_SPACE, Pin, PinParseError};
pub use secret::{HashError, SecretHash, dummy_verify, filler_hash, hash_secret, prepare_dummy, verify};
pub use slip::{SlipData, SlipEmail, SlipWidth, SlipWidthError, render_slip};

use chrono::{DateTime, FixedOffset, Utc};

use crate::i18n::Lang;

/// Moscow time: UTC+3 all year round since 26 October 2014.
const MOSCOW: FixedOffset = match FixedOffset::east_opt(3 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+3 is a valid offset"),
};

/// `t` on the Moscow wall clock.
fn moscow(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&MOSCOW)
}

/// «14:35», Moscow time.
fn moscow_hh_mm(t: DateTime<Utc>) -> String {
    moscow(t).format("%H:%M").to_string()
}

/// The Moscow date of `t`: «05.03.2026» in Russian, «2026-03-05» in English.
fn moscow_date(t: DateTime<Utc>, lang: Lang) -> String {
    let format = match lang {
        Lang::Ru => "%d.%m.%Y",
        Lang::En => "%Y-%m-%d",
    };
    moscow(t).format(format).to_string()
}

/// Characters a person types between groups of digits or symbols: spaces of any kind and dashes.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn moscow_time_is_utc_plus_three() {
        let t = Utc.with_ymd_and_hms(2026, 3, 5, 22, 35, 0).unwrap();
        assert_eq!(moscow_hh_mm(t), "01:35");
        assert_eq!(moscow_date(t, Lang::Ru), "06.03.2026");
        assert_eq!(moscow_date(t, Lang::En), "2026-03-06");
    }

    #[test]
    fn separators_are_spaces_and_dashes_only() {
        for c in [' ', '\t', '\u{a0}', '-', '\u{2013}', '\u{2014}'] {
            assert!(is_separator(c), "{c:?}");
        }
        for c in ['.', '_', '/', '0', 'a'] {
            assert!(!is_separator(c), "{c:?}");
        }
    }
}
