//! Applicant accounts: PINs issued at the desk, sign-in with lockout, e-mail confirmation.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::residents;
use super::schema::{accounts, email_confirmations, events, outbox, residents as residents_t, sign_in_strangers};
use super::{DbConn, StoreError, audit, backend, ts, utc, write_txn};
use crate::account::{AccountNumber, FailureOutcome, HashError, LockoutPolicy, Pin, SecretHash, SignInState};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::event::{Actor, ConfirmationPurpose, EventKind, PinEnd};
use crate::domain::ids::{AccountId, ClerkId, QuestionId, ResidentId};
use crate::domain::person::Resident;
use crate::domain::question::EmailAddress;
use crate::i18n::{Lang, Msg};
use crate::token::{random_token, token_hash};

/// How long a confirmation link stays valid.
pub const CONFIRMATION_TTL: Duration = Duration::days(7);

#[derive(Queryable, Selectable)]
#[diesel(table_name = accounts)]
struct AccountRow {
    id: i64,
    number: String,
    resident_id: i64,
    pin_hash: String,
    email: Option<String>,
    email_confirmed_at: Option<NaiveDateTime>,
    lang: String,
    issued_by: String,
    issued_at: NaiveDateTime,
    desk: String,
    failed_attempts: i32,
    lockout_level: i32,
    locked_until: Option<NaiveDateTime>,
    last_failure_at: Option<NaiveDateTime>,
    revoked_at: Option<NaiveDateTime>,
}

/// An applicant account, without its PIN hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: AccountId,
    pub number: AccountNumber,
    pub resident: ResidentId,
    pub email: Option<String>,
    /// Personal data is mailed only to a confirmed address.
    pub email_confirmed: bool,
    pub lang: Lang,
    pub issued_by: String,
    pub issued_at: DateTime<Utc>,
    pub desk: String,
    pub revoked: bool,
}

impl AccountRow {
    fn account(&self) -> Result<Account, StoreError> {
        Ok(Account {
            id: AccountId(self.id),
            number: AccountNumber::parse(&self.number).map_err(|e| StoreError::corrupt("account number", e))?,
            resident: ResidentId(self.resident_id),
            email: self.email.clone(),
            email_confirmed: self.email_confirmed_at.is_some(),
            lang: self.lang.parse().map_err(|e| StoreError::corrupt("language", e))?,
            issued_by: self.issued_by.clone(),
            issued_at: utc(self.issued_at),
            desk: self.desk.clone(),
            revoked: self.revoked_at.is_some(),
        })
    }

    fn sign_in_state(&self) -> SignInState {
        super::sign_in_state(self.failed_attempts, self.lockout_level, self.locked_until, self.last_failure_at)
    }
}

/// Who issues a PIN: a clerk at the desk, or an administrator from the command line.
#[derive(Clone, Debug)]
pub struct Issuer {
    /// The name printed on the slip.
    pub name: String,
    pub clerk: Option<ClerkId>,
    pub audit: AuditActor,
    /// The desk: «окно 3», or `cli`.
    pub desk: String,
}

/// A PIN to issue.
#[derive(Clone, Debug)]
pub struct IssueRequest {
    pub resident: ResidentId,
    pub email: Option<EmailAddress>,
    pub lang: Lang,
    /// Revoke an active PIN first (re-issue), instead of refusing.
    pub replace: bool,
}

/// A PIN was issued: show it once, on the slip.
#[derive(Debug)]
pub struct IssuedPin {
    pub account: Account,
    pub resident: Resident,
    pub pin: Pin,
    /// The confirmation link's token, when an e-mail address was given (mailed by the outbox)
    /// and it is not the address the resident's previous account had confirmed.
    pub confirmation: Option<String>,
}

/// The outcome of issuing: a new PIN, or the resident already holds an active one.
#[derive(Debug)]
pub enum IssuePinOutcome {
    Issued(Box<IssuedPin>),
    AlreadyActive(Account),
}

/// Why a PIN could not be issued or revoked.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("no such resident")]
    NoSuchResident,
    #[error("the resident is no longer in the registry")]
    ResidentLeft,
    #[error("no such account")]
    NoSuchAccount,
    /// Revoked at `at` (`reason`: as typed, or the system's code, `reissued`, `left-registry`).
    #[error("the account is already revoked")]
    AlreadyRevoked { at: DateTime<Utc>, reason: String },
    #[error("hashing the PIN failed: {0}")]
    Hash(#[from] HashError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(PinError);

impl PinError {
    pub fn message(&self) -> Msg {
        match self {
            PinError::NoSuchResident => Msg::new("pin-error-no-such-resident"),
            PinError::ResidentLeft => Msg::new("pin-error-resident-left"),
            PinError::NoSuchAccount => Msg::new("pin-error-no-such-account"),
            PinError::AlreadyRevoked { at, reason } => Msg::new("pin-error-already-revoked")
                .arg("at", at.with_timezone(&crate::clock::MOSCOW_OFFSET).format("%d.%m.%Y %H:%M").to_string())
                .arg("reason", reason.as_str()),
            PinError::Hash(_) | PinError::Store(_) => Msg::new("error-internal"),
        }
    }
}

fn active_row(conn: &mut DbConn, resident: ResidentId) -> Result<Option<AccountRow>, StoreError> {
    Ok(accounts::table
        .filter(accounts::resident_id.eq(resident.0))
        .filter(accounts::revoked_at.is_null())
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?)
}

/// The resident's active account, if any.
pub fn active_for_resident(conn: &mut DbConn, resident: ResidentId) -> Result<Option<Account>, StoreError> {
    active_row(conn, resident)?.map(|r| r.account()).transpose()
}

/// Which of `residents` hold an active PIN (one query over `accounts_one_active`), for lists.
pub fn with_active_pin(
    conn: &mut DbConn,
    residents: &[ResidentId],
) -> Result<std::collections::HashSet<ResidentId>, StoreError> {
    let mut found = std::collections::HashSet::new();
    // well under either backend's limit of bound values per statement
    for chunk in residents.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|r| r.0).collect();
        let holders: Vec<i64> = accounts::table
            .filter(accounts::resident_id.eq_any(ids))
            .filter(accounts::revoked_at.is_null())
            .select(accounts::resident_id)
            .load(conn)?;
        found.extend(holders.into_iter().map(ResidentId));
    }
    Ok(found)
}

/// An account by id.
pub fn get(conn: &mut DbConn, id: AccountId) -> Result<Option<Account>, StoreError> {
    accounts::table.find(id.0).select(AccountRow::as_select()).first(conn).optional()?.map(|r| r.account()).transpose()
}

/// Sets the language of the account's letters: the resident's choice in the private section
/// (the clerk sets it at the desk). Letters of later events use it. Returns false for a revoked
/// or unknown account.
pub fn set_lang(conn: &mut DbConn, account: AccountId, lang: Lang) -> Result<bool, StoreError> {
    let n = diesel::update(accounts::table.find(account.0))
        .filter(accounts::revoked_at.is_null())
        .set(accounts::lang.eq(lang.code()))
        .execute(conn)?;
    Ok(n == 1)
}

/// An account by number.
pub fn by_number(conn: &mut DbConn, number: &AccountNumber) -> Result<Option<Account>, StoreError> {
    accounts::table
        .filter(accounts::number.eq(number.as_str()))
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?
        .map(|r| r.account())
        .transpose()
}

/// Revokes one account, for every reason there is (revoked, re-issued, the resident left the
/// registry in `import`), with its audit row.
fn revoke_row(
    conn: &mut DbConn,
    row_id: i64,
    why: PinEnd,
    reason: &str,
    import: Option<i64>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(accounts::table.find(row_id))
        .set((accounts::revoked_at.eq(ts(now)), accounts::revoke_reason.eq(reason)))
        .execute(conn)?;
    // Its confirmation letters not sent yet would carry links that no longer work (the link
    // of a revoked account is refused): they are dropped, events stay in the history.
    let confirmations = events::table
        .filter(events::account_id.eq(row_id))
        .filter(events::kind.eq(EventKind::ConfirmationRequested { purpose: ConfirmationPurpose::Account }.name()))
        .select(events::id);
    let dropped = diesel::delete(
        outbox::table
            .filter(outbox::status.eq(super::outbox::state::PENDING))
            .filter(outbox::event_id.eq_any(confirmations)),
    )
    .execute(conn)?;
    // the resident is told at the address they confirmed (a PIN issued in their name to
    // somebody else is noticed); who did it is the audit row's to say
    super::appeals::insert_event_for(
        conn,
        super::appeals::EventSubject { account: Some(AccountId(row_id)), ..Default::default() },
        &Actor::System,
        &EventKind::PinRevoked { why },
        now,
    )?;
    let mut details = json!({ "reason": reason, "confirmation_letters_dropped": dropped });
    if let Some(import) = import {
        details["import"] = json!(import);
    }
    audit::record(conn, now, actor, AuditAction::PinRevoked, &format!("account:{row_id}"), &details)
}

/// Issues a PIN to a resident found in the registry.
///
/// The PIN is generated and hashed before the transaction; inside it, the account row, the
/// e-mail confirmation (when an address is given) and the audit row are written together. The
/// plaintext PIN exists only in the returned value.
pub fn issue_pin(
    conn: &mut DbConn,
    req: &IssueRequest,
    issuer: &Issuer,
    now: DateTime<Utc>,
) -> Result<IssuePinOutcome, PinError> {
    let mut rng = rand::rng();
    let pin = Pin::generate(&mut rng);
    let hash = pin.hash()?;
    write_txn(conn, |conn| {
        let resident = residents::get(conn, req.resident)?.ok_or(PinError::NoSuchResident)?;
        if resident.left {
            return Err(PinError::ResidentLeft);
        }
        if let Some(existing) = active_row(conn, req.resident)? {
            if !req.replace {
                return Ok(IssuePinOutcome::AlreadyActive(existing.account()?));
            }
            revoke_row(conn, existing.id, PinEnd::Reissued, "reissued", None, &issuer.audit, now)?;
        }
        // The same address as the resident's previous account, confirmed there, stays
        // confirmed: otherwise every event of their appeals would go unmailed until a new link
        // is followed. Another address is confirmed as usual.
        let confirmed_before = match &req.email {
            Some(email) => accounts::table
                .filter(accounts::resident_id.eq(req.resident.0))
                .order((accounts::issued_at.desc(), accounts::id.desc()))
                .select((accounts::email, accounts::email_confirmed_at))
                .first::<(Option<String>, Option<NaiveDateTime>)>(conn)
                .optional()?
                .and_then(|(previous, at)| at.filter(|_| previous.as_deref() == Some(email.as_str()))),
            None => None,
        };
        // Account numbers are random; a collision is astronomically rare but retried.
        let mut number = AccountNumber::generate(&mut rng);
        while accounts::table.filter(accounts::number.eq(number.as_str())).count().get_result::<i64>(conn)? > 0 {
            number = AccountNumber::generate(&mut rng);
        }
        let id: i64 = diesel::insert_into(accounts::table)
            .values((
                accounts::number.eq(number.as_str()),
                accounts::resident_id.eq(req.resident.0),
                accounts::pin_hash.eq(hash.as_str()),
                accounts::email.eq(req.email.as_ref().map(EmailAddress::as_str)),
                accounts::email_confirmed_at.eq(confirmed_before),
                accounts::lang.eq(req.lang.code()),
                accounts::issued_by.eq(&issuer.name),
                accounts::issued_by_clerk_id.eq(issuer.clerk.map(|c| c.0)),
                accounts::issued_at.eq(ts(now)),
                accounts::desk.eq(&issuer.desk),
                accounts::failed_attempts.eq(0),
                accounts::lockout_level.eq(0),
            ))
            .returning(accounts::id)
            .get_result(conn)?;
        let confirmation = match &req.email {
            Some(email) if confirmed_before.is_none() => {
                Some(request_confirmation(conn, ConfirmationPurpose::Account, Some(AccountId(id)), None, email, now)?)
            }
            _ => None,
        };
        audit::record(
            conn,
            now,
            &issuer.audit,
            AuditAction::PinIssued,
            &format!("account:{id}"),
            &json!({
                "resident": req.resident.0,
                "desk": issuer.desk,
                "email_given": req.email.is_some(),
                "email_confirmed_before": confirmed_before.is_some(),
            }),
        )?;
        let row: AccountRow = accounts::table.find(id).select(AccountRow::as_select()).first(conn)?;
        Ok(IssuePinOutcome::Issued(Box::new(IssuedPin { account: row.account()?, resident, pin, confirmation })))
    })
}

/// A demo account to create without a PIN (see [`insert_filler_account`]).
#[derive(Clone, Debug)]
pub struct FillerAccount<'a> {
    pub resident: ResidentId,
    pub email: Option<&'a EmailAddress>,
    /// Record the address as confirmed at issue (no confirmation link is made).
    pub email_confirmed: bool,
    pub lang: Lang,
}

/// Creates an account for demo data whose PIN hash is [`crate::account::filler_hash`]: a valid
/// argon2id hash of a secret nobody knows, precomputed, so nothing is hashed and nobody can sign
/// in with it. Appeals need an account; only the demo's printed PIN holders need a real PIN.
///
/// The account row and its audit row (`demo_data_created`, naming the resident) are written in
/// one transaction. A resident with an active account is refused by the one-active-PIN index.
pub fn insert_filler_account(
    conn: &mut DbConn,
    filler: &FillerAccount<'_>,
    issuer: &Issuer,
    now: DateTime<Utc>,
) -> Result<Account, PinError> {
    let hash = crate::account::filler_hash();
    let mut rng = rand::rng();
    write_txn(conn, |conn| {
        let resident = residents::get(conn, filler.resident)?.ok_or(PinError::NoSuchResident)?;
        if resident.left {
            return Err(PinError::ResidentLeft);
        }
        let mut number = AccountNumber::generate(&mut rng);
        while accounts::table.filter(accounts::number.eq(number.as_str())).count().get_result::<i64>(conn)? > 0 {
            number = AccountNumber::generate(&mut rng);
        }
        let confirmed_at = (filler.email_confirmed && filler.email.is_some()).then(|| ts(now));
        let id: i64 = diesel::insert_into(accounts::table)
            .values((
                accounts::number.eq(number.as_str()),
                accounts::resident_id.eq(filler.resident.0),
                accounts::pin_hash.eq(hash.as_str()),
                accounts::email.eq(filler.email.map(EmailAddress::as_str)),
                accounts::email_confirmed_at.eq(confirmed_at),
                accounts::lang.eq(filler.lang.code()),
                accounts::issued_by.eq(&issuer.name),
                accounts::issued_by_clerk_id.eq(issuer.clerk.map(|c| c.0)),
                accounts::issued_at.eq(ts(now)),
                accounts::desk.eq(&issuer.desk),
                accounts::failed_attempts.eq(0),
                accounts::lockout_level.eq(0),
            ))
            .returning(accounts::id)
            .get_result(conn)?;
        audit::record(
            conn,
            now,
            &issuer.audit,
            AuditAction::DemoDataCreated,
            &format!("account:{id}"),
            &json!({ "resident": filler.resident.0, "filler": true }),
        )?;
        let row: AccountRow = accounts::table.find(id).select(AccountRow::as_select()).first(conn)?;
        Ok(row.account()?)
    })
}

/// Revokes an account's PIN. Its appeals stay; the resident gets a new PIN at the desk.
pub fn revoke(
    conn: &mut DbConn,
    number: &AccountNumber,
    reason: &str,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Account, PinError> {
    write_txn(conn, |conn| {
        let row: AccountRow = accounts::table
            .filter(accounts::number.eq(number.as_str()))
            .select(AccountRow::as_select())
            .first(conn)
            .optional()?
            .ok_or(PinError::NoSuchAccount)?;
        if let Some(at) = row.revoked_at {
            // when and why, so that a second revocation at the desk is told apart from a mistake
            let reason: Option<String> = accounts::table.find(row.id).select(accounts::revoke_reason).first(conn)?;
            return Err(PinError::AlreadyRevoked { at: utc(at), reason: reason.unwrap_or_default() });
        }
        let reason = if reason.trim().is_empty() { "revoked" } else { reason.trim() };
        revoke_row(conn, row.id, PinEnd::Revoked, reason, None, actor, now)?;
        let row: AccountRow = accounts::table.find(row.id).select(AccountRow::as_select()).first(conn)?;
        Ok(row.account()?)
    })
}

/// Revokes the active PINs of residents who left the registry (inside an import's
/// transaction). Returns how many.
pub(crate) fn revoke_for_left_residents(
    conn: &mut DbConn,
    import_id: i64,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let ids: Vec<i64> = accounts::table
        .inner_join(residents_t::table)
        .filter(accounts::revoked_at.is_null())
        .filter(residents_t::left_at.eq(ts(now)))
        .select(accounts::id)
        .load(conn)?;
    for id in &ids {
        revoke_row(conn, *id, PinEnd::LeftRegistry, "left-registry", Some(import_id), actor, now)?;
    }
    Ok(i64::try_from(ids.len()).unwrap_or(i64::MAX))
}

/// How a resident's sign-in attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplicantSignIn {
    SignedIn(Account),
    /// Wrong account number or PIN. `attempts_left` is counted for every well-formed number
    /// alike: an active account's own counters, or, for a number with no active account (never
    /// issued, or revoked), counters kept under the number's keyed hash with the same policy, so
    /// that neither the count nor a lockout tells a real number from an unknown one. It is
    /// `None` only for a malformed number, which the server refuses before any lookup.
    Failed {
        attempts_left: Option<u32>,
    },
    Locked {
        until: DateTime<Utc>,
    },
}

/// Checks an account number and PIN as typed, with the lockout policy. Unknown or revoked
/// accounts cost the same argon2 verification as known ones, and their failures are counted
/// and locked out the same way (see [`ApplicantSignIn::Failed`]).
///
/// The three steps, [`sign_in_lookup`], [`SignInAttempt::verify`] and [`sign_in_finish`], are
/// public on their own for a server that runs argon2 on threads of its own: it holds no
/// database connection while it verifies, and its argon2 threads do nothing else.
pub fn sign_in(
    conn: &mut DbConn,
    number: &str,
    pin: &str,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<ApplicantSignIn, StoreError> {
    let attempt = sign_in_lookup(conn, number, pin, now)?;
    if let Some(locked) = attempt.locked() {
        return Ok(locked);
    }
    let ok = attempt.verify()?;
    sign_in_finish(conn, &attempt, ok, policy, now)
}

/// A sign-in attempt between looking the account up and recording the outcome.
pub struct SignInAttempt {
    pin: Option<Pin>,
    row: Option<AccountRow>,
    /// For a well-formed number with no active account: the keyed hash its failures are
    /// counted under.
    stranger: Option<String>,
    locked_until: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for SignInAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never the PIN; the account only by its row id
        f.debug_struct("SignInAttempt")
            .field("account", &self.row.as_ref().map(|r| r.id))
            .field("locked_until", &self.locked_until)
            .finish_non_exhaustive()
    }
}

impl SignInAttempt {
    /// The outcome without any verification, when the account is locked now.
    pub fn locked(&self) -> Option<ApplicantSignIn> {
        self.locked_until.map(|until| ApplicantSignIn::Locked { until })
    }

    /// The argon2 verification (CPU only, about one core for tens of milliseconds): whether
    /// the PIN is the account's. Unknown accounts and malformed PINs spend the same time on a
    /// dummy verification and are never right.
    pub fn verify(&self) -> Result<bool, StoreError> {
        match (&self.row, &self.pin) {
            (Some(row), Some(pin)) => {
                let hash = SecretHash::parse(&row.pin_hash).map_err(|e| StoreError::corrupt("PIN hash", e))?;
                Ok(pin.matches(&hash))
            }
            (None, Some(pin)) => {
                pin.dummy_match();
                Ok(false)
            }
            (_, None) => {
                crate::account::dummy_verify(b"not a pin");
                Ok(false)
            }
        }
    }
}

/// The first step of [`sign_in`]: the account of `number` (if any, and not revoked) and the
/// PIN as typed. Reads only.
pub fn sign_in_lookup(
    conn: &mut DbConn,
    number: &str,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<SignInAttempt, StoreError> {
    let pin = Pin::parse(pin).ok();
    let number = AccountNumber::parse(number).ok();
    let row = match &number {
        Some(number) => accounts::table
            .filter(accounts::number.eq(number.as_str()))
            .filter(accounts::revoked_at.is_null())
            .select(AccountRow::as_select())
            .first(conn)
            .optional()?,
        None => None,
    };
    let (stranger, state) = match (&row, &number) {
        (Some(row), _) => (None, Some(row.sign_in_state())),
        (None, Some(number)) => {
            let hash = stranger_hash(conn, number, now)?;
            let state = stranger_state(conn, &hash)?;
            (Some(hash), Some(state))
        }
        (None, None) => (None, None),
    };
    let locked_until = state.and_then(|s| s.check(now).err().map(|locked| locked.until));
    Ok(SignInAttempt { pin, row, stranger, locked_until })
}

/// The key under which failures for a number with no active account are counted: the SHA-256
/// of the number keyed with a random site key shared through the database. Plain SHA-256 would
/// not hide the number: there are only 9·10⁸ of them.
fn stranger_hash(conn: &mut DbConn, number: &AccountNumber, now: DateTime<Utc>) -> Result<String, StoreError> {
    use sha2::{Digest, Sha256};
    let key = super::sessions::site_key(conn, "sign-in-numbers", now)?;
    let mut hasher = Sha256::new();
    hasher.update(key.as_bytes());
    hasher.update(b"\0");
    hasher.update(number.as_str().as_bytes());
    Ok(crate::token::hex(&hasher.finalize()))
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = sign_in_strangers)]
struct StrangerRow {
    failed_attempts: i32,
    lockout_level: i32,
    locked_until: Option<NaiveDateTime>,
    last_failure_at: Option<NaiveDateTime>,
}

impl StrangerRow {
    fn sign_in_state(&self) -> SignInState {
        super::sign_in_state(self.failed_attempts, self.lockout_level, self.locked_until, self.last_failure_at)
    }
}

/// The counters of a number with no active account (fresh when none were kept).
fn stranger_state(conn: &mut DbConn, hash: &str) -> Result<SignInState, StoreError> {
    Ok(sign_in_strangers::table
        .find(hash)
        .select(StrangerRow::as_select())
        .first(conn)
        .optional()?
        .map_or_else(SignInState::default, |r| r.sign_in_state()))
}

/// What a counted failure tells the resident.
fn failure_outcome(state: &mut SignInState, policy: &LockoutPolicy, now: DateTime<Utc>) -> ApplicantSignIn {
    match state.record_failure(policy, now) {
        FailureOutcome::AttemptsLeft(n) => ApplicantSignIn::Failed { attempts_left: Some(n) },
        FailureOutcome::LockedUntil(until) => ApplicantSignIn::Locked { until },
    }
}

/// Counts a failure for a number with no active account, exactly as for an account.
fn record_stranger_failure(
    conn: &mut DbConn,
    hash: &str,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<ApplicantSignIn, StoreError> {
    write_txn(conn, |conn| {
        backend::lock_stranger(conn, hash)?;
        let row: StrangerRow = sign_in_strangers::table.find(hash).select(StrangerRow::as_select()).first(conn)?;
        let mut state = row.sign_in_state();
        let outcome = failure_outcome(&mut state, policy, now);
        diesel::update(sign_in_strangers::table.find(hash))
            .set((
                sign_in_strangers::failed_attempts.eq(i32::try_from(state.failed_attempts).unwrap_or(i32::MAX)),
                sign_in_strangers::lockout_level.eq(i32::try_from(state.lockout_level).unwrap_or(i32::MAX)),
                sign_in_strangers::locked_until.eq(state.locked_until.map(ts)),
                sign_in_strangers::last_failure_at.eq(state.last_failure_at.map(ts)),
            ))
            .execute(conn)?;
        Ok(outcome)
    })
}

/// Deletes the counters of numbers with no active account whose quiet period has passed (they
/// would count from zero anyway). Returns how many.
pub fn purge_strangers(conn: &mut DbConn, policy: &LockoutPolicy, now: DateTime<Utc>) -> Result<usize, StoreError> {
    let quiet_since = ts(now - policy.level_reset_after);
    Ok(diesel::delete(
        sign_in_strangers::table
            .filter(sign_in_strangers::last_failure_at.is_null().or(sign_in_strangers::last_failure_at.le(quiet_since)))
            .filter(sign_in_strangers::locked_until.is_null().or(sign_in_strangers::locked_until.le(quiet_since))),
    )
    .execute(conn)?)
}

/// The last step of [`sign_in`]: records the verification's outcome `ok` under the lockout
/// policy and says how the attempt ended.
pub fn sign_in_finish(
    conn: &mut DbConn,
    attempt: &SignInAttempt,
    ok: bool,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<ApplicantSignIn, StoreError> {
    if let Some(locked) = attempt.locked() {
        return Ok(locked);
    }
    let Some(row) = &attempt.row else {
        return match &attempt.stranger {
            Some(hash) => record_stranger_failure(conn, hash, policy, now),
            None => Ok(ApplicantSignIn::Failed { attempts_left: None }),
        };
    };
    if ok {
        // The usual case, a correct PIN on an account with nothing to forget, writes nothing:
        // a sign-in storm then costs argon2 and two reads, not a write lock each. The second
        // read sees failures that other servers counted while we verified.
        let fresh: AccountRow = accounts::table.find(row.id).select(AccountRow::as_select()).first(conn)?;
        if fresh.revoked_at.is_some() {
            // revoked while we verified: from now on the number is a stranger's
            let number = AccountNumber::parse(&fresh.number).map_err(|e| StoreError::corrupt("account number", e))?;
            let hash = stranger_hash(conn, &number, now)?;
            return record_stranger_failure(conn, &hash, policy, now);
        }
        let before = fresh.sign_in_state();
        if let Err(locked) = before.check(now) {
            return Ok(ApplicantSignIn::Locked { until: locked.until });
        }
        let mut after = before;
        after.record_success(policy, now);
        if after == before {
            return Ok(ApplicantSignIn::SignedIn(fresh.account()?));
        }
    }
    write_txn(conn, |conn| {
        backend::lock_account(conn, row.id)?;
        let fresh: AccountRow = accounts::table.find(row.id).select(AccountRow::as_select()).first(conn)?;
        let mut state = fresh.sign_in_state();
        let outcome = if ok {
            // A failure counted by another server while we verified may have locked it.
            if let Err(locked) = state.check(now) {
                return Ok(ApplicantSignIn::Locked { until: locked.until });
            }
            state.record_success(policy, now);
            ApplicantSignIn::SignedIn(fresh.account()?)
        } else {
            failure_outcome(&mut state, policy, now)
        };
        diesel::update(accounts::table.find(row.id))
            .set((
                accounts::failed_attempts.eq(i32::try_from(state.failed_attempts).unwrap_or(i32::MAX)),
                accounts::lockout_level.eq(i32::try_from(state.lockout_level).unwrap_or(i32::MAX)),
                accounts::locked_until.eq(state.locked_until.map(ts)),
                accounts::last_failure_at.eq(state.last_failure_at.map(ts)),
            ))
            .execute(conn)?;
        Ok(outcome)
    })
}

/// Records a confirmation request and returns the link's token (inside the caller's
/// transaction). Only the token's hash is stored.
pub(crate) fn request_confirmation(
    conn: &mut DbConn,
    purpose: ConfirmationPurpose,
    account: Option<AccountId>,
    question: Option<QuestionId>,
    email: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let token = random_token(20);
    diesel::insert_into(email_confirmations::table)
        .values((
            email_confirmations::token_hash.eq(token_hash(&token)),
            email_confirmations::purpose.eq(purpose.as_str()),
            email_confirmations::account_id.eq(account.map(|a| a.0)),
            email_confirmations::question_id.eq(question.map(|q| q.0)),
            email_confirmations::email.eq(email.as_str()),
            email_confirmations::created_at.eq(ts(now)),
            email_confirmations::expires_at.eq(ts(now + CONFIRMATION_TTL)),
        ))
        .execute(conn)?;
    let kind = EventKind::ConfirmationRequested { purpose };
    super::appeals::insert_event_mailed(
        conn,
        super::appeals::EventSubject { account, question, appeal: None },
        &Actor::System,
        &kind,
        now,
        Some(super::outbox::Link { to: email, token: &token }),
    )?;
    Ok(token)
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = email_confirmations)]
struct ConfirmationRow {
    id: i64,
    purpose: String,
    account_id: Option<i64>,
    question_id: Option<i64>,
    email: String,
    expires_at: NaiveDateTime,
    confirmed_at: Option<NaiveDateTime>,
}

/// What following a confirmation link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmOutcome {
    /// The account's address is confirmed: personal data may be mailed to it now.
    AccountConfirmed(AccountId),
    /// The question enters the clerks' queue.
    QuestionConfirmed(QuestionId),
    /// The link was already used; nothing changed.
    AlreadyConfirmed,
    /// Unknown, expired, or for an address the account no longer has.
    Invalid,
}

/// Follows a confirmation link.
pub fn confirm(conn: &mut DbConn, token: &str, now: DateTime<Utc>) -> Result<ConfirmOutcome, StoreError> {
    if !crate::token::is_token(token.trim()) {
        return Ok(ConfirmOutcome::Invalid);
    }
    let hash = token_hash(token);
    write_txn(conn, |conn| {
        let row: Option<ConfirmationRow> = email_confirmations::table
            .filter(email_confirmations::token_hash.eq(&hash))
            .select(ConfirmationRow::as_select())
            .first(conn)
            .optional()?;
        let Some(ConfirmationRow {
            id,
            purpose,
            account_id: account,
            question_id: question,
            email,
            expires_at,
            confirmed_at,
        }) = row
        else {
            return Ok(ConfirmOutcome::Invalid);
        };
        if confirmed_at.is_some() {
            return Ok(ConfirmOutcome::AlreadyConfirmed);
        }
        if utc(expires_at) < now {
            return Ok(ConfirmOutcome::Invalid);
        }
        let purpose = ConfirmationPurpose::parse(&purpose).ok_or_else(|| StoreError::corrupt("purpose", &purpose))?;
        let outcome = match (purpose, account, question) {
            (ConfirmationPurpose::Account, Some(account), _) => {
                // The address must still be the account's own, or the change asked for last:
                // it may have changed since.
                match account_link(conn, account, id, &email)? {
                    AccountLink::Invalid => return Ok(ConfirmOutcome::Invalid),
                    AccountLink::AlreadyConfirmed => {
                        // confirmed already through another link sent to the same address
                        diesel::update(email_confirmations::table.find(id))
                            .set(email_confirmations::confirmed_at.eq(ts(now)))
                            .execute(conn)?;
                        return Ok(ConfirmOutcome::AlreadyConfirmed);
                    }
                    AccountLink::ConfirmsOwn => {
                        diesel::update(accounts::table.find(account))
                            .set(accounts::email_confirmed_at.eq(ts(now)))
                            .execute(conn)?;
                    }
                    AccountLink::Replaces => {
                        diesel::update(accounts::table.find(account))
                            .set((accounts::email.eq(&email), accounts::email_confirmed_at.eq(ts(now))))
                            .execute(conn)?;
                    }
                }
                ConfirmOutcome::AccountConfirmed(AccountId(account))
            }
            (ConfirmationPurpose::Question, _, Some(question)) => {
                super::questions::mark_confirmed(conn, QuestionId(question), now)?;
                ConfirmOutcome::QuestionConfirmed(QuestionId(question))
            }
            _ => return Err(StoreError::corrupt("email confirmation", "purpose without its subject")),
        };
        diesel::update(email_confirmations::table.find(id))
            .set(email_confirmations::confirmed_at.eq(ts(now)))
            .execute(conn)?;
        let subject = super::appeals::EventSubject {
            account: account.map(AccountId),
            question: question.map(QuestionId),
            appeal: None,
        };
        super::appeals::insert_event_for(conn, subject, &Actor::System, &EventKind::EmailConfirmed { purpose }, now)?;
        Ok(outcome)
    })
}

/// What a confirmation link would do if followed, without doing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmationLink {
    /// Valid and unused: following it confirms `email` for this purpose (the page names the
    /// address, so that a mistyped one is seen before it is confirmed).
    Pending { purpose: ConfirmationPurpose, email: String },
    /// Used already; following it again changes nothing.
    AlreadyConfirmed,
    /// Unknown, expired, or for an address the account no longer has.
    Invalid,
}

/// Looks a confirmation link up (reads only). Opening the link shows a page with a button;
/// only the button's `POST` calls [`confirm`], because mail scanners open links by themselves.
pub fn confirmation_link(conn: &mut DbConn, token: &str, now: DateTime<Utc>) -> Result<ConfirmationLink, StoreError> {
    if !crate::token::is_token(token.trim()) {
        return Ok(ConfirmationLink::Invalid);
    }
    let row: Option<ConfirmationRow> = email_confirmations::table
        .filter(email_confirmations::token_hash.eq(token_hash(token)))
        .select(ConfirmationRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(ConfirmationLink::Invalid) };
    if row.confirmed_at.is_some() {
        return Ok(ConfirmationLink::AlreadyConfirmed);
    }
    if utc(row.expires_at) < now {
        return Ok(ConfirmationLink::Invalid);
    }
    let purpose =
        ConfirmationPurpose::parse(&row.purpose).ok_or_else(|| StoreError::corrupt("purpose", &row.purpose))?;
    if let (ConfirmationPurpose::Account, Some(account)) = (purpose, row.account_id) {
        match account_link(conn, account, row.id, &row.email)? {
            AccountLink::Invalid => return Ok(ConfirmationLink::Invalid),
            AccountLink::AlreadyConfirmed => return Ok(ConfirmationLink::AlreadyConfirmed),
            AccountLink::ConfirmsOwn | AccountLink::Replaces => {}
        }
    }
    Ok(ConfirmationLink::Pending { purpose, email: row.email })
}

/// The shortest time between two confirmation links of one account.
pub const RESEND_GAP: Duration = Duration::minutes(5);
/// The most confirmation links of one account in any 24 hours (the one made at the desk
/// included).
pub const RESEND_PER_DAY: i64 = 5;

/// What asking for a new confirmation link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResendOutcome {
    /// A new link is on its way (the outbox mails it); earlier links stay valid until they expire.
    Sent,
    /// The address is confirmed already: nothing to send.
    AlreadyConfirmed,
    /// The account has no e-mail address (it is given at the desk).
    NoAddress,
    /// Too soon after the last link, or the day's links are used up: a new one may be asked
    /// for from `at`.
    TooSoon { at: DateTime<Utc> },
}

/// The account, not revoked, locked for this transaction (its links are counted and sent one
/// request at a time).
fn locked_active(conn: &mut DbConn, account: AccountId) -> Result<AccountRow, PinError> {
    backend::lock_account(conn, account.0)?;
    accounts::table
        .find(account.0)
        .filter(accounts::revoked_at.is_null())
        .select(AccountRow::as_select())
        .first(conn)
        .optional()?
        .ok_or(PinError::NoSuchAccount)
}

/// Sends the account's address a new confirmation link, at most one per [`RESEND_GAP`] and
/// [`RESEND_PER_DAY`] in 24 hours (the first links expire after [`CONFIRMATION_TTL`]; a resident
/// who missed the letter asks for another in the private section).
pub fn resend_confirmation(
    conn: &mut DbConn,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<ResendOutcome, PinError> {
    write_txn(conn, |conn| {
        let row = locked_active(conn, account)?;
        let Some(email) = row.email.as_deref() else { return Ok(ResendOutcome::NoAddress) };
        if row.email_confirmed_at.is_some() {
            return Ok(ResendOutcome::AlreadyConfirmed);
        }
        let email = EmailAddress::parse(email).ok_or_else(|| StoreError::corrupt("e-mail address", "unparsable"))?;
        if let Some(at) = next_link_at(conn, account, now)? {
            return Ok(ResendOutcome::TooSoon { at });
        }
        request_confirmation(conn, ConfirmationPurpose::Account, Some(account), None, &email, now)?;
        Ok(ResendOutcome::Sent)
    })
}

/// When the account may be sent its next confirmation link, if not now: one per
/// [`RESEND_GAP`], [`RESEND_PER_DAY`] in any 24 hours (links to a new address included, so
/// that the form cannot be made to mail strangers).
fn next_link_at(
    conn: &mut DbConn,
    account: AccountId,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let recent: Vec<NaiveDateTime> = email_confirmations::table
        .filter(email_confirmations::account_id.eq(account.0))
        .filter(email_confirmations::purpose.eq(ConfirmationPurpose::Account.as_str()))
        .filter(email_confirmations::created_at.gt(ts(now - Duration::days(1))))
        .order(email_confirmations::created_at.asc())
        .select(email_confirmations::created_at)
        .load(conn)?;
    if let Some(last) = recent.last().map(|t| utc(*t) + RESEND_GAP).filter(|at| *at > now) {
        return Ok(Some(last));
    }
    if i64::try_from(recent.len()).unwrap_or(i64::MAX) >= RESEND_PER_DAY
        && let Some(first) = recent.first()
    {
        return Ok(Some(utc(*first) + Duration::days(1)));
    }
    Ok(None)
}

/// What asking for another address for the letters did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailChange {
    /// The account had no confirmed address: the new one takes the place of the old (or of
    /// none) at once, unconfirmed, and a link to confirm it is on its way.
    Replaced,
    /// The account has a confirmed address: letters go on to it until the link just sent to
    /// the new one is followed, and a letter to it says that a change was asked for.
    Requested,
    /// The address is the account's confirmed one: nothing is sent, and a change asked for
    /// before is called off.
    Unchanged,
    /// Too soon after the last link, or the day's links are used up: from `at`.
    TooSoon { at: DateTime<Utc> },
}

/// Another address for the account's letters, asked for in the private section. A confirmed
/// address is replaced only when the new one is confirmed (see [`confirm`]), so that a typo
/// loses no letters and a change made by somebody else with the PIN is noticed at the old one.
pub fn change_email(
    conn: &mut DbConn,
    account: AccountId,
    new: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<EmailChange, PinError> {
    write_txn(conn, |conn| {
        let row = locked_active(conn, account)?;
        let same = row.email.as_deref() == Some(new.as_str());
        if same && row.email_confirmed_at.is_some() {
            call_off_changes(conn, account, new, now)?;
            return Ok(EmailChange::Unchanged);
        }
        if let Some(at) = next_link_at(conn, account, now)? {
            return Ok(EmailChange::TooSoon { at });
        }
        let confirmed = row.email_confirmed_at.is_some();
        if !confirmed {
            diesel::update(accounts::table.find(account.0)).set(accounts::email.eq(new.as_str())).execute(conn)?;
        }
        request_confirmation(conn, ConfirmationPurpose::Account, Some(account), None, new, now)?;
        if !confirmed {
            return Ok(EmailChange::Replaced);
        }
        let kind = EventKind::EmailChangeRequested { to: new.as_str().to_owned() };
        let subject = super::appeals::EventSubject { account: Some(account), ..Default::default() };
        super::appeals::insert_event_for(conn, subject, &Actor::Applicant(account), &kind, now)?;
        Ok(EmailChange::Requested)
    })
}

/// Ends the links to addresses other than `current` that are still waiting: a change asked
/// for and then taken back.
fn call_off_changes(
    conn: &mut DbConn,
    account: AccountId,
    current: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    diesel::update(
        email_confirmations::table
            .filter(email_confirmations::account_id.eq(account.0))
            .filter(email_confirmations::purpose.eq(ConfirmationPurpose::Account.as_str()))
            .filter(email_confirmations::confirmed_at.is_null())
            .filter(email_confirmations::expires_at.gt(ts(now)))
            .filter(email_confirmations::email.ne(current.as_str())),
    )
    // expired a moment ago: a link is good up to its expiry, inclusive
    .set(email_confirmations::expires_at.eq(ts(now - Duration::seconds(1))))
    .execute(conn)?;
    Ok(())
}

/// The address a change was asked for, while its link waits: the newest link of the account,
/// unused, not expired, to an address other than its confirmed one.
pub fn pending_email(conn: &mut DbConn, account: AccountId, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
    let Some((current, Some(_))) = accounts::table
        .find(account.0)
        .select((accounts::email, accounts::email_confirmed_at))
        .first::<(Option<String>, Option<NaiveDateTime>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let newest: Option<ConfirmationRow> = email_confirmations::table
        .filter(email_confirmations::account_id.eq(account.0))
        .filter(email_confirmations::purpose.eq(ConfirmationPurpose::Account.as_str()))
        .order(email_confirmations::id.desc())
        .select(ConfirmationRow::as_select())
        .first(conn)
        .optional()?;
    Ok(newest
        .filter(|r| r.confirmed_at.is_none() && utc(r.expires_at) >= now && Some(&r.email) != current.as_ref())
        .map(|r| r.email))
}

/// Whether the confirmation row `id` is the account's newest: only the newest link to a new
/// address may replace a confirmed one (a later change, or a call-off, ends the earlier).
fn is_newest_link(conn: &mut DbConn, account: i64, id: i64) -> Result<bool, StoreError> {
    let newest: Option<i64> = email_confirmations::table
        .filter(email_confirmations::account_id.eq(account))
        .filter(email_confirmations::purpose.eq(ConfirmationPurpose::Account.as_str()))
        .select(diesel::dsl::max(email_confirmations::id))
        .first(conn)?;
    Ok(newest == Some(id))
}

/// What an account link to `email` does now: confirm the account's own address, replace its
/// confirmed one (a change asked for), or nothing (the address is no longer the account's, or
/// a newer link took its place).
enum AccountLink {
    ConfirmsOwn,
    Replaces,
    AlreadyConfirmed,
    Invalid,
}

fn account_link(conn: &mut DbConn, account: i64, id: i64, email: &str) -> Result<AccountLink, StoreError> {
    let current: Option<(Option<String>, Option<NaiveDateTime>)> = accounts::table
        .find(account)
        .filter(accounts::revoked_at.is_null())
        .select((accounts::email, accounts::email_confirmed_at))
        .first(conn)
        .optional()?;
    Ok(match current {
        None => AccountLink::Invalid,
        Some((Some(own), confirmed)) if own == email => {
            if confirmed.is_some() {
                AccountLink::AlreadyConfirmed
            } else {
                AccountLink::ConfirmsOwn
            }
        }
        Some((_, Some(_))) if is_newest_link(conn, account, id)? => AccountLink::Replaces,
        Some(_) => AccountLink::Invalid,
    })
}

/// Events about an account (confirmation requests and confirmations), oldest first.
pub fn account_event_count(conn: &mut DbConn, account: AccountId) -> Result<i64, StoreError> {
    Ok(events::table.filter(events::account_id.eq(account.0)).count().get_result(conn)?)
}
