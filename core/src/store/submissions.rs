//! Filing once per form. The filing form carries a random [`SubmissionKey`] in a hidden field;
//! the appeal filed from it is recorded under the account and that key, so a second POST of the
//! same form (a double click, Back and send again) is answered with the appeal already filed
//! instead of a copy of it.

use std::fmt;

use diesel::prelude::*;

use super::appeals::{self, FileError, FileOutcome, FileRequest};
use super::schema::{appeal_submissions, appeals as appeals_table};
use super::{DbConn, StoreError};
use crate::clock::ProductionCalendar;
use crate::domain::appeal::AppealNumber;
use crate::domain::ids::{AccountId, AppealId};
use crate::token::random_token;

/// The one-time key of a filing form: 1 to 64 characters of `a-z`, `A-Z`, `0-9`, `-`, `_`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SubmissionKey(String);

impl SubmissionKey {
    /// The longest key accepted.
    pub const MAX_LEN: usize = 64;

    /// A fresh random key (128 bits) for a form being shown.
    pub fn generate() -> SubmissionKey {
        SubmissionKey(random_token(16))
    }

    /// A key as a form sent it back; `None` for anything else (the form is then filed
    /// without the once-only guard).
    pub fn parse(s: &str) -> Option<SubmissionKey> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX_LEN
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| SubmissionKey(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SubmissionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SubmissionKey(..)")
    }
}

/// The appeal `account` filed from the form with `key`, if it did (one primary-key lookup).
pub fn filed_with(
    conn: &mut DbConn,
    account: AccountId,
    key: &SubmissionKey,
) -> Result<Option<(AppealId, AppealNumber)>, StoreError> {
    let found: Option<(i64, String)> = appeal_submissions::table
        .inner_join(appeals_table::table)
        .filter(appeal_submissions::account_id.eq(account.0))
        .filter(appeal_submissions::submission_key.eq(key.as_str()))
        .select((appeals_table::id, appeals_table::number))
        .first(conn)
        .optional()?;
    found
        .map(|(id, number)| {
            let parsed = AppealNumber::parse(&number).ok_or_else(|| StoreError::corrupt("appeal number", &number))?;
            Ok((AppealId(id), parsed))
        })
        .transpose()
}

/// Files an appeal inside the caller's transaction, at most once per form: with a `key` that
/// this account has filed with already, nothing is stored and the outcome names the appeal
/// already filed; otherwise [`appeals::file_in`], and the key is recorded with the new appeal.
pub fn file_once_in(
    conn: &mut DbConn,
    req: &FileRequest<'_>,
    key: Option<&SubmissionKey>,
    cal: &ProductionCalendar,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<FileOutcome, FileError> {
    let Some(key) = key else { return appeals::file_in(conn, req, cal, now) };
    if let Some((id, number)) = filed_with(conn, req.account, key)? {
        return Ok(FileOutcome::Filed { id, number });
    }
    let outcome = appeals::file_in(conn, req, cal, now)?;
    if let FileOutcome::Filed { id, .. } = &outcome {
        diesel::insert_into(appeal_submissions::table)
            .values((
                appeal_submissions::account_id.eq(req.account.0),
                appeal_submissions::submission_key.eq(key.as_str()),
                appeal_submissions::appeal_id.eq(id.0),
            ))
            .execute(conn)?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_only_well_formed_ones_parse() {
        let a = SubmissionKey::generate();
        let b = SubmissionKey::generate();
        assert_ne!(a, b);
        assert_eq!(SubmissionKey::parse(a.as_str()), Some(a.clone()));
        assert_eq!(format!("{a:?}"), "SubmissionKey(..)");
        for bad in ["", "has space", "ключ", "a'b", &"x".repeat(SubmissionKey::MAX_LEN + 1)] {
            assert_eq!(SubmissionKey::parse(bad), None, "{bad}");
        }
        assert!(SubmissionKey::parse(&"x".repeat(SubmissionKey::MAX_LEN)).is_some());
    }
}
