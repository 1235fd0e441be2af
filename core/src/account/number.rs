//! The account number printed on the slip: ten digits, random, with a Damm check digit.
//!
//! It is neither the registry id nor the e-mail address and says nothing about the resident or
//! the order of issue: nine random digits (the first non-zero, so the number never loses a digit
//! in a spreadsheet) and a check digit. The check digit is computed with the Damm algorithm, which
//! catches every single mistyped digit and every swap of two adjacent digits, so a slip misread
//! over the phone is refused before any lookup rather than reaching another resident's account.

use std::fmt;
use std::str::FromStr;

use rand::{CryptoRng, RngExt};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Lang, tr, tr_args};

/// Number of digits, check digit included.
pub const ACCOUNT_NUMBER_LEN: usize = 10;

/// The Damm algorithm's operation table: a totally anti-symmetric quasigroup of order 10
/// (H. M. Damm, 2004), in the form given in his thesis.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm interim digit of `digits` (each 0–9). Appending it as a check digit makes the
/// interim of the whole sequence zero.
fn damm_interim(digits: impl IntoIterator<Item = u8>) -> u8 {
    digits.into_iter().fold(0u8, |interim, d| DAMM[usize::from(interim)][usize::from(d % 10)])
}

/// An applicant's account number: ten ASCII digits, the last one a Damm check digit, the first
/// non-zero. Built only by [`AccountNumber::generate`] or [`AccountNumber::parse`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccountNumber(String);

impl AccountNumber {
    /// A fresh random number from a cryptographically secure generator (`rand::rng()` in
    /// production). About 9·10⁸ numbers exist; the caller retries on the rare collision with an
    /// existing account.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut digits = [0u8; ACCOUNT_NUMBER_LEN];
        digits[0] = rng.random_range(1..=9u8);
        for d in &mut digits[1..ACCOUNT_NUMBER_LEN - 1] {
            *d = rng.random_range(0..=9u8);
        }
        digits[ACCOUNT_NUMBER_LEN - 1] = damm_interim(digits[..ACCOUNT_NUMBER_LEN - 1].iter().copied());
        Self(digits.iter().map(|d| char::from(b'0' + d)).collect())
    }

    /// Parses a number as a resident or a clerk types it: spaces and dashes anywhere are ignored
    /// («123 456 78 90», «123-456-7890», «1234567890»).
    pub fn parse(input: &str) -> Result<Self, AccountNumberError> {
        let mut digits = String::with_capacity(ACCOUNT_NUMBER_LEN);
        for c in input.chars().filter(|c| !super::is_separator(*c)) {
            if !c.is_ascii_digit() {
                return Err(AccountNumberError::InvalidCharacter(c));
            }
            digits.push(c);
        }
        if digits.is_empty() {
            return Err(AccountNumberError::Empty);
        }
        if digits.len() != ACCOUNT_NUMBER_LEN {
            return Err(AccountNumberError::WrongLength { found: digits.len() });
        }
        if digits.starts_with('0') {
            return Err(AccountNumberError::LeadingZero);
        }
        if damm_interim(digits.bytes().map(|b| b - b'0')) != 0 {
            return Err(AccountNumberError::WrongCheckDigit);
        }
        Ok(Self(digits))
    }

    /// The ten digits without separators, as stored in the database.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Grouped as a Russian phone number, «123 456 78 90»: the way people read ten digits aloud.
impl fmt::Display for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.0;
        match (s.get(0..3), s.get(3..6), s.get(6..8), s.get(8..10)) {
            (Some(a), Some(b), Some(c), Some(d)) => write!(f, "{a} {b} {c} {d}"),
            _ => f.write_str(s),
        }
    }
}

impl FromStr for AccountNumber {
    type Err = AccountNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for AccountNumber {
    type Error = AccountNumberError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<AccountNumber> for String {
    fn from(n: AccountNumber) -> Self {
        n.0
    }
}

/// Why a typed account number is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountNumberError {
    #[error("the account number is empty")]
    Empty,
    #[error("an account number has only digits, found {0:?}")]
    InvalidCharacter(char),
    #[error("an account number has {ACCOUNT_NUMBER_LEN} digits, found {found}")]
    WrongLength { found: usize },
    #[error("an account number never starts with 0")]
    LeadingZero,
    #[error("the check digit of the account number does not match (a digit mistyped or two swapped)")]
    WrongCheckDigit,
}

impl AccountNumberError {
    /// What the resident (or the clerk) reads next to the field.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::Empty => tr(lang, "account-number-empty"),
            Self::InvalidCharacter(c) => {
                tr_args(lang, "account-number-invalid-character", &[("ch", Arg::from(c.to_string()))])
            }
            Self::WrongLength { found } => tr_args(lang, "account-number-wrong-length", &[("n", Arg::from(*found))]),
            Self::LeadingZero => tr(lang, "account-number-leading-zero"),
            Self::WrongCheckDigit => tr(lang, "account-number-wrong-check-digit"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may unwrap
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn digits(n: &AccountNumber) -> Vec<u8> {
        n.as_str().bytes().map(|b| b - b'0').collect()
    }

    fn from_digits(d: &[u8]) -> String {
        d.iter().map(|d| char::from(b'0' + d)).collect()
    }

    fn sample(count: usize) -> Vec<AccountNumber> {
        let mut rng = StdRng::seed_from_u64(0x5eed_0001);
        (0..count).map(|_| AccountNumber::generate(&mut rng)).collect()
    }

    #[test]
    fn damm_matches_the_published_example() {
        // Wikipedia's worked example: 572 → check digit 4.
        assert_eq!(damm_interim([5, 7, 2]), 4);
        assert_eq!(damm_interim([5, 7, 2, 4]), 0);
    }

    #[test]
    fn damm_table_is_a_quasigroup_with_zero_diagonal() {
        for (i, row) in DAMM.iter().enumerate() {
            assert_eq!(row[i], 0, "diagonal");
            let mut seen = [false; 10];
            for &x in row {
                seen[usize::from(x)] = true;
            }
            assert!(seen.iter().all(|s| *s), "row {i} is a permutation");
            let mut seen = [false; 10];
            for r in &DAMM {
                seen[usize::from(r[i])] = true;
            }
            assert!(seen.iter().all(|s| *s), "column {i} is a permutation");
        }
    }

    #[test]
    fn generated_numbers_are_ten_digits_valid_and_start_non_zero() {
        for n in sample(2000) {
            assert_eq!(n.as_str().len(), ACCOUNT_NUMBER_LEN);
            assert!(n.as_str().bytes().all(|b| b.is_ascii_digit()));
            assert!(!n.as_str().starts_with('0'));
            assert_eq!(AccountNumber::parse(n.as_str()), Ok(n.clone()));
        }
    }

    #[test]
    fn generated_numbers_are_not_sequential_and_rarely_repeat() {
        let numbers = sample(2000);
        let distinct: std::collections::HashSet<_> = numbers.iter().collect();
        assert!(distinct.len() >= 1995, "{} distinct of 2000", distinct.len());
        let first_digits: std::collections::HashSet<_> = numbers.iter().map(|n| n.as_str().as_bytes()[0]).collect();
        assert_eq!(first_digits.len(), 9, "every leading digit 1–9 occurs");
    }

    /// Every substitution of one digit by another, at every position, of every number in the
    /// sample is refused.
    #[test]
    fn every_single_digit_error_is_detected() {
        for n in sample(300) {
            let d = digits(&n);
            for pos in 0..ACCOUNT_NUMBER_LEN {
                for wrong in 0..10u8 {
                    if wrong == d[pos] {
                        continue;
                    }
                    let mut typo = d.clone();
                    typo[pos] = wrong;
                    let err = AccountNumber::parse(&from_digits(&typo)).unwrap_err();
                    assert!(
                        matches!(err, AccountNumberError::WrongCheckDigit | AccountNumberError::LeadingZero),
                        "{typo:?}: {err:?}"
                    );
                }
            }
        }
    }

    /// Every swap of two different adjacent digits (the check digit included) is refused.
    #[test]
    fn every_adjacent_transposition_is_detected() {
        let mut checked = 0;
        for n in sample(300) {
            let d = digits(&n);
            for pos in 0..ACCOUNT_NUMBER_LEN - 1 {
                if d[pos] == d[pos + 1] {
                    continue;
                }
                let mut swapped = d.clone();
                swapped.swap(pos, pos + 1);
                assert!(AccountNumber::parse(&from_digits(&swapped)).is_err(), "{swapped:?}");
                checked += 1;
            }
        }
        assert!(checked > 2000);
    }

    /// The property behind the two tests above, over every pair of digits and every interim
    /// state: the table detects all single errors and all adjacent transpositions, wherever
    /// they occur in a number.
    #[test]
    fn damm_detects_errors_from_any_interim_state() {
        for interim in 0..10usize {
            for a in 0..10usize {
                for b in 0..10usize {
                    if a != b {
                        assert_ne!(DAMM[interim][a], DAMM[interim][b], "single error");
                        let ab = DAMM[usize::from(DAMM[interim][a])][b];
                        let ba = DAMM[usize::from(DAMM[interim][b])][a];
                        assert_ne!(ab, ba, "transposition {a}{b} from interim {interim}");
                    }
                }
            }
        }
    }

    #[test]
    fn parse_accepts_spaces_and_dashes() {
        let n = sample(1).pop().unwrap();
        let s = n.as_str();
        let spaced = format!("{} {} {} {}", &s[0..3], &s[3..6], &s[6..9], &s[9..]);
        let dashed = format!("{}-{}-{}", &s[0..3], &s[3..6], &s[6..]);
        let phone = n.to_string();
        for input in [s.to_owned(), spaced, dashed, phone, format!("  {s}\t")] {
            assert_eq!(AccountNumber::parse(&input), Ok(n.clone()), "{input:?}");
        }
    }

    #[test]
    fn parse_errors_are_distinct() {
        assert_eq!(AccountNumber::parse(""), Err(AccountNumberError::Empty));
        assert_eq!(AccountNumber::parse(" - "), Err(AccountNumberError::Empty));
        assert_eq!(AccountNumber::parse("123456789"), Err(AccountNumberError::WrongLength { found: 9 }));
        assert_eq!(AccountNumber::parse("12345678901"), Err(AccountNumberError::WrongLength { found: 11 }));
        assert_eq!(AccountNumber::parse("12345б7890"), Err(AccountNumberError::InvalidCharacter('б')));
        assert_eq!(AccountNumber::parse("123.456.789"), Err(AccountNumberError::InvalidCharacter('.')));
        // 012345678 → Damm check digit; the number is well-formed except for the leading zero.
        let check = damm_interim([0, 1, 2, 3, 4, 5, 6, 7, 8]);
        let zero = format!("012345678{check}");
        assert_eq!(AccountNumber::parse(&zero), Err(AccountNumberError::LeadingZero));
        let check = damm_interim([5, 7, 2, 0, 0, 0, 0, 0, 1]);
        let wrong = format!("572000001{}", (check + 1) % 10);
        assert_eq!(AccountNumber::parse(&wrong), Err(AccountNumberError::WrongCheckDigit));
    }

    #[test]
    fn display_groups_like_a_phone_number() {
        let check = damm_interim([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let n = AccountNumber::parse(&format!("123456789{check}")).unwrap();
        assert_eq!(n.to_string(), format!("123 456 78 9{check}"));
        assert_eq!(n.as_str(), format!("123456789{check}"));
    }

    #[test]
    fn string_conversions_round_trip_through_the_plain_digits() {
        // serde goes through these two conversions (`try_from = "String", into = "String"`).
        let n = sample(1).pop().unwrap();
        let s = String::from(n.clone());
        assert_eq!(s, n.as_str());
        assert_eq!(AccountNumber::try_from(s).unwrap(), n);
        assert!(AccountNumber::try_from("1234".to_owned()).is_err());
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let errors = [
            AccountNumberError::Empty,
            AccountNumberError::InvalidCharacter('x'),
            AccountNumberError::WrongLength { found: 9 },
            AccountNumberError::LeadingZero,
            AccountNumberError::WrongCheckDigit,
        ];
        for lang in Lang::ALL {
            for e in &errors {
                let m = e.message(lang);
                assert!(!m.starts_with("account-"), "{lang}: {m}");
            }
        }
        assert_eq!(
            AccountNumberError::WrongLength { found: 9 }.message(Lang::Ru),
            "Номер личного кабинета состоит из 10 цифр, а введено 9."
        );
        assert_eq!(
            AccountNumberError::WrongLength { found: 1 }.message(Lang::Ru),
            "Номер личного кабинета состоит из 10 цифр, а введена 1."
        );
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,24}") {
            let _ = AccountNumber::parse(&s);
        }

        #[test]
        fn display_parses_back(seed in any::<u64>()) {
            let n = AccountNumber::generate(&mut StdRng::seed_from_u64(seed));
            prop_assert_eq!(AccountNumber::parse(&n.to_string()), Ok(n));
        }
    }
}
