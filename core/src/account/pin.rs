//! The resident's PIN: eight symbols from an alphabet without look-alikes, grouped `XXXX-XXXX`.
//!
//! # The alphabet
//!
//! [`PIN_ALPHABET`] has 21 symbols: the digits `3 4 7 9` and the letters
//! `A C E F H J K M N P R T U V W X Y`. Left out, because on a slip or a screen one is read as
//! the other: `0 O Q D`, `1 I L`, `2 Z`, `5 S`, `8 B`, `6 G`. What remains is unambiguous in the
//! fonts of receipt printers and browsers, and eight of these symbols give
//! 21⁸ ≈ 3.8·10¹⁰ PINs ([`PIN_SPACE`]); see [`super::lockout`] for why that is enough.
//!
//! # Typing it
//!
//! [`Pin::parse`] forgives what a resident does when copying the slip: lowercase letters,
//! spaces and dashes anywhere, and Cyrillic letters that look like Latin ones — a resident with a
//! Russian keyboard layout types «К», «М», «Т»… for K, M, T. The Cyrillic
//! «А В Е К М Н Р С Т У Х» (upper and lower case) map to the Latin `A B E K M H P C T Y X`, and
//! «З» to the digit `3`; a mapped symbol outside the alphabet (`B`) is still refused.

use std::fmt;

use rand::{CryptoRng, RngExt};

use super::secret::{self, HashError, SecretHash};
use crate::i18n::{Arg, Lang, tr, tr_args};

/// Number of symbols in a PIN.
pub const PIN_LEN: usize = 8;

/// The symbols a PIN is made of, in ASCII order. See the module documentation for what is left
/// out and why.
pub const PIN_ALPHABET: &[u8] = b"3479ACEFHJKMNPRTUVWXY";

/// How many different PINs exist: `PIN_ALPHABET.len() ^ PIN_LEN`.
pub const PIN_SPACE: u64 = {
    let mut space = 1u64;
    let mut i = 0;
    while i < PIN_LEN {
        space *= PIN_ALPHABET.len() as u64;
        i += 1;
    }
    space
};

/// Largest multiple of the alphabet size that fits in a byte: random bytes at or above it are
/// drawn again, so every symbol is exactly equally likely.
const REJECT_FROM: u8 = (256 / PIN_ALPHABET.len() * PIN_ALPHABET.len()) as u8;

/// A PIN in its canonical form (uppercase ASCII symbols of [`PIN_ALPHABET`]).
///
/// Built only by [`Pin::generate`] or [`Pin::parse`]. It has no `Display` and no `Clone`, and its
/// `Debug` shows `Pin(****-****)`: the only ways out are [`Pin::reveal_grouped`], for the slip, and
/// [`Pin::hash`] / [`Pin::matches`].
pub struct Pin([u8; PIN_LEN]);

/// The plaintext does not outlive its use in memory that is freed and reused.
impl Drop for Pin {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl Pin {
    /// A fresh PIN from a cryptographically secure generator (`rand::rng()` in production). Each
    /// symbol is uniform over the alphabet (rejection sampling, no modulo bias).
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut symbols = [0u8; PIN_LEN];
        for s in &mut symbols {
            let byte = loop {
                let b: u8 = rng.random();
                if b < REJECT_FROM {
                    break b;
                }
            };
            *s = PIN_ALPHABET[usize::from(byte) % PIN_ALPHABET.len()];
        }
        Self(symbols)
    }

    /// Parses a PIN as a resident types it (see the module documentation).
    pub fn parse(input: &str) -> Result<Self, PinParseError> {
        let mut symbols = [0u8; PIN_LEN];
        let mut count = 0usize;
        for c in input.chars().filter(|c| !super::is_separator(*c)) {
            let symbol = canonical_symbol(c).ok_or(PinParseError::InvalidCharacter(c))?;
            if let Some(slot) = symbols.get_mut(count) {
                *slot = symbol;
            }
            count += 1;
        }
        match count {
            0 => Err(PinParseError::Empty),
            PIN_LEN => Ok(Self(symbols)),
            found => Err(PinParseError::WrongLength { found }),
        }
    }

    /// The PIN as printed on the slip, «7KXD-3MTA». Call it only to print the slip.
    pub fn reveal_grouped(&self) -> String {
        let mut s = String::with_capacity(PIN_LEN + 1);
        for (i, b) in self.0.iter().enumerate() {
            if i == PIN_LEN / 2 {
                s.push('-');
            }
            s.push(char::from(*b));
        }
        s
    }

    /// The argon2id hash to store for this PIN (of its canonical form, so every way of typing it
    /// that [`Pin::parse`] accepts verifies).
    pub fn hash(&self) -> Result<SecretHash, HashError> {
        secret::hash_secret(&self.0)
    }

    /// Whether this PIN is the one `hash` was made from (constant time, via argon2).
    pub fn matches(&self, hash: &SecretHash) -> bool {
        secret::verify(hash, &self.0)
    }

    /// Spends the same time as [`Pin::matches`] without any account: call it when the account
    /// number is unknown, so the response time does not reveal which accounts exist.
    pub fn dummy_match(&self) {
        secret::dummy_verify(&self.0);
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(****-****)")
    }
}

/// The alphabet symbol a typed character stands for, if any.
fn canonical_symbol(c: char) -> Option<u8> {
    let latin = match c {
        'А' | 'а' => 'A',
        'В' | 'в' => 'B',
        'Е' | 'е' => 'E',
        'З' | 'з' => '3',
        'К' | 'к' => 'K',
        'М' | 'м' => 'M',
        'Н' | 'н' => 'H',
        'Р' | 'р' => 'P',
        'С' | 'с' => 'C',
        'Т' | 'т' => 'T',
        'У' | 'у' => 'Y',
        'Х' | 'х' => 'X',
        other => other.to_ascii_uppercase(),
    };
    u8::try_from(latin).ok().filter(|b| PIN_ALPHABET.contains(b))
}

/// The digits and the letters a PIN never contains, for the resident's hint: («0, 1, 2, 5, 6, 8»,
/// «B, D, G, I, L, O, Q, S, Z»).
fn excluded_symbols() -> (String, String) {
    let list = |range: std::ops::RangeInclusive<u8>| {
        range.filter(|b| !PIN_ALPHABET.contains(b)).map(|b| char::from(b).to_string()).collect::<Vec<_>>().join(", ")
    };
    (list(b'0'..=b'9'), list(b'A'..=b'Z'))
}

/// Why what the resident typed is not a PIN. It never carries a symbol of a valid PIN: an
/// invalid character is by definition outside the alphabet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinParseError {
    #[error("the PIN is empty")]
    Empty,
    #[error("a PIN has {PIN_LEN} symbols, found {found}")]
    WrongLength { found: usize },
    #[error("{0:?} never occurs in a PIN")]
    InvalidCharacter(char),
}

impl PinParseError {
    /// What the resident reads next to the PIN field.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => tr(lang, "account-pin-empty"),
            Self::WrongLength { found } => tr_args(lang, "account-pin-wrong-length", &[("n", Arg::from(*found))]),
            // a Cyrillic letter that is no Latin letter's twin: the keyboard is in Russian
            Self::InvalidCharacter(c) if is_cyrillic(*c) => {
                tr_args(lang, "account-pin-russian-layout", &[("ch", Arg::from(c.to_string()))])
            }
            Self::InvalidCharacter(c) => {
                let (digits, letters) = excluded_symbols();
                tr_args(
                    lang,
                    "account-pin-invalid-character",
                    &[("ch", Arg::from(c.to_string())), ("digits", digits.into()), ("letters", letters.into())],
                )
            }
        }
    }
}

/// A letter of the Russian alphabet (the basic Cyrillic block, «Ё» included).
fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    const LOOK_ALIKES: &[u8] = b"0OQD1IL2Z5S8B6G";

    #[test]
    fn alphabet_has_no_look_alikes_and_enough_symbols() {
        assert!(PIN_ALPHABET.len() >= 20);
        assert_eq!(PIN_ALPHABET.len(), 21);
        for b in LOOK_ALIKES {
            assert!(!PIN_ALPHABET.contains(b), "{}", char::from(*b));
        }
        for b in PIN_ALPHABET {
            assert!(b.is_ascii_uppercase() || b.is_ascii_digit());
        }
        let mut sorted = PIN_ALPHABET.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, PIN_ALPHABET, "sorted, no duplicates");
        assert_eq!(PIN_SPACE, 21u64.pow(8));
        assert_eq!(usize::from(REJECT_FROM), 252);
    }

    #[test]
    fn generated_pins_have_eight_symbols_from_the_alphabet() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..5000 {
            let pin = Pin::generate(&mut rng);
            assert_eq!(pin.0.len(), PIN_LEN);
            assert!(pin.0.iter().all(|b| PIN_ALPHABET.contains(b)));
            let grouped = pin.reveal_grouped();
            assert_eq!(grouped.len(), 9);
            assert_eq!(grouped.as_bytes()[4], b'-');
        }
    }

    #[test]
    fn works_with_the_thread_rng() {
        let a = Pin::generate(&mut rand::rng());
        let b = Pin::generate(&mut rand::rng());
        // 1 in 3.8·10¹⁰ to fail spuriously.
        assert_ne!(a.reveal_grouped(), b.reveal_grouped());
    }

    /// Symbols are uniform overall and at every position: a chi-squared test over 20 000 PINs
    /// from a seeded generator (deterministic, so it cannot flake), against the 0.1 % critical
    /// value for 20 degrees of freedom (45.31).
    #[test]
    fn symbol_distribution_is_uniform() {
        let mut rng = StdRng::seed_from_u64(0xD15C);
        let n = 20_000usize;
        let k = PIN_ALPHABET.len();
        let mut overall = vec![0u64; k];
        let mut per_position = vec![vec![0u64; k]; PIN_LEN];
        for _ in 0..n {
            let pin = Pin::generate(&mut rng);
            for (pos, b) in pin.0.iter().enumerate() {
                let idx = PIN_ALPHABET.iter().position(|x| x == b).unwrap();
                overall[idx] += 1;
                per_position[pos][idx] += 1;
            }
        }
        let chi2 = |counts: &[u64], total: usize| {
            let expected = total as f64 / k as f64;
            counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum::<f64>()
        };
        let overall_chi2 = chi2(&overall, n * PIN_LEN);
        assert!(overall_chi2 < 45.31, "overall χ² = {overall_chi2}");
        for (pos, counts) in per_position.iter().enumerate() {
            let c = chi2(counts, n);
            assert!(c < 45.31, "position {pos}: χ² = {c}");
        }
        // and the test can tell a biased source apart: all of the first symbol counted twice
        let mut biased = overall.clone();
        biased[0] *= 2;
        assert!(chi2(&biased, n * PIN_LEN + overall[0] as usize) > 45.31);
    }

    #[test]
    fn debug_is_redacted_and_display_does_not_exist() {
        let pin = Pin::parse("7KXE-3MTA").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin(****-****)");
        assert_eq!(format!("{:?}", Some(&pin)), "Some(Pin(****-****))");
        assert_eq!(pin.reveal_grouped(), "7KXE-3MTA");
    }

    #[test]
    fn parse_forgives_case_spaces_and_dashes() {
        for input in ["7KXE-3MTA", "7kxe3mta", " 7kxe 3mta ", "7-K-X-E-3-M-T-A", "7KXE\u{2013}3MTA", "7KXE\u{a0}3MTA"] {
            assert_eq!(Pin::parse(input).unwrap().reveal_grouped(), "7KXE-3MTA", "{input:?}");
        }
    }

    #[test]
    fn parse_maps_cyrillic_look_alikes() {
        // «Р» «Т» «Х» «С» «Е» «М» «К» «Н» «А» «У», upper and lower case, and «З» for 3.
        assert_eq!(Pin::parse("РТХС-ЕМКН").unwrap().reveal_grouped(), "PTXC-EMKH");
        assert_eq!(Pin::parse("ртхс емкн").unwrap().reveal_grouped(), "PTXC-EMKH");
        assert_eq!(Pin::parse("АУ9з-4Тa7").unwrap().reveal_grouped(), "AY93-4TA7");
        // В is B's twin, and B is not in the alphabet.
        assert_eq!(Pin::parse("ВТХС-ЕМКН").unwrap_err(), PinParseError::InvalidCharacter('В'));
    }

    #[test]
    fn every_cyrillic_twin_maps_to_its_latin_letter() {
        let pairs = [
            ('А', 'A'),
            ('Е', 'E'),
            ('К', 'K'),
            ('М', 'M'),
            ('Н', 'H'),
            ('Р', 'P'),
            ('С', 'C'),
            ('Т', 'T'),
            ('У', 'Y'),
            ('Х', 'X'),
        ];
        for (cyr, lat) in pairs {
            for c in [cyr, cyr.to_lowercase().next().unwrap()] {
                assert_eq!(canonical_symbol(c), Some(lat as u8), "{c}");
            }
        }
        for c in ['В', 'в', 'О', 'о', 'Б', 'Ж', 'я', 'Ё'] {
            assert_eq!(canonical_symbol(c), None, "{c}");
        }
    }

    #[test]
    fn parse_refuses_look_alikes_and_other_characters() {
        for (input, bad) in [
            ("7KXO-3MTA", 'O'),
            ("7KX0-3MTA", '0'),
            ("7KX1-3MTA", '1'),
            ("7kxl-3mta", 'l'),
            ("7KXS-3MTA", 'S'),
            ("7KX8-3MTA", '8'),
            ("7KX.-3MTA", '.'),
            ("7KXЖ-3MTA", 'Ж'),
        ] {
            assert_eq!(Pin::parse(input).unwrap_err(), PinParseError::InvalidCharacter(bad), "{input}");
        }
    }

    #[test]
    fn parse_reports_length() {
        assert_eq!(Pin::parse("").unwrap_err(), PinParseError::Empty);
        assert_eq!(Pin::parse(" - ").unwrap_err(), PinParseError::Empty);
        assert_eq!(Pin::parse("7KXE-3MT").unwrap_err(), PinParseError::WrongLength { found: 7 });
        assert_eq!(Pin::parse("7KXE-3MTAA").unwrap_err(), PinParseError::WrongLength { found: 9 });
    }

    #[test]
    fn messages_read_well() {
        assert_eq!(PinParseError::Empty.message(Lang::Ru), "Введите ПИН-код.");
        assert_eq!(PinParseError::WrongLength { found: 7 }.message(Lang::Ru), "В ПИН-коде 8 символов, а введено 7.");
        assert_eq!(PinParseError::WrongLength { found: 1 }.message(Lang::Ru), "В ПИН-коде 8 символов, а введён 1.");
        assert_eq!(
            PinParseError::InvalidCharacter('0').message(Lang::Ru),
            "Символа «0» нет в ПИН-коде. В ПИН-коде не бывает цифр 0, 1, 2, 5, 6, 8 \
             и букв B, D, G, I, L, O, Q, S, Z: сверьте ПИН-код с листком."
        );
        assert_eq!(
            PinParseError::InvalidCharacter('0').message(Lang::En),
            "“0” never occurs in a PIN. A PIN has no digits 0, 1, 2, 5, 6, 8 \
             and no letters B, D, G, I, L, O, Q, S, Z: check it against your slip."
        );
        assert_eq!(PinParseError::WrongLength { found: 9 }.message(Lang::En), "A PIN has 8 characters; you typed 9.");
    }

    /// A PIN typed with the keyboard still in Russian («7ЛЧУ» for «7KXE») was told to check
    /// itself against the slip, which it matched: the letter is the layout's.
    #[test]
    fn a_pin_typed_in_the_russian_layout_says_so() {
        let err = Pin::parse("7ЛЧУ-3ЬЕФ").unwrap_err();
        assert_eq!(err, PinParseError::InvalidCharacter('Л'));
        assert_eq!(
            err.message(Lang::Ru),
            "Символа «Л» нет в ПИН-коде: похоже, клавиатура переключена на русский язык. \
             Переключите её на английский и введите ПИН-код ещё раз."
        );
        assert_eq!(
            err.message(Lang::En),
            "“Л” never occurs in a PIN: the keyboard seems to be set to Russian. \
             Switch it to English and type the PIN again."
        );
        // any Cyrillic letter the PIN cannot take shows the layout; a Latin one is a misreading
        assert!(PinParseError::InvalidCharacter('В').message(Lang::Ru).contains("клавиатура"));
        assert!(!PinParseError::InvalidCharacter('O').message(Lang::Ru).contains("клавиатура"));
    }

    /// Hashing goes through the canonical form: a PIN typed in lowercase Cyrillic verifies against
    /// the hash of the generated one.
    #[test]
    fn hash_and_match_use_the_canonical_form() {
        let pin = Pin::parse("PTXC-EMKH").unwrap();
        let hash = pin.hash().unwrap();
        assert!(Pin::parse("ртхс емкн").unwrap().matches(&hash));
        assert!(!Pin::parse("PTXC-EMKA").unwrap().matches(&hash));
        pin.dummy_match();
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,24}") {
            let _ = Pin::parse(&s);
        }

        /// Generated → grouped → parsed back, and the same through lowercase and Cyrillic twins.
        #[test]
        fn round_trip(seed in any::<u64>(), lower in any::<bool>(), cyrillic in any::<bool>()) {
            let pin = Pin::generate(&mut StdRng::seed_from_u64(seed));
            let grouped = pin.reveal_grouped();
            let mut typed: String = grouped.clone();
            if cyrillic {
                typed = typed.chars().map(|c| match c {
                    'A' => 'А', 'E' => 'Е', 'K' => 'К', 'M' => 'М', 'H' => 'Н', 'P' => 'Р',
                    'C' => 'С', 'T' => 'Т', 'Y' => 'У', 'X' => 'Х', '3' => 'З', other => other,
                }).collect();
            }
            if lower {
                typed = typed.to_lowercase();
            }
            prop_assert_eq!(Pin::parse(&typed).unwrap().reveal_grouped(), grouped);
        }
    }
}
