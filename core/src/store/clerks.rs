//! Clerks, supervisors and administrators: accounts, sign-in with lockout, management.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::schema::{clerks, districts};
use super::{DbConn, StoreError, audit, ts, write_txn};
use crate::account::{HashError, LockoutPolicy, SecretHash, SignInState, dummy_verify, hash_secret, verify};
use crate::domain::audit::{AuditAction, AuditActor};
use crate::domain::clerk::{Clerk, MIN_PASSWORD_LEN, Role, parse_login};
use crate::domain::ids::{ClerkId, DistrictCode};
use crate::i18n::Msg;

#[derive(Queryable, Selectable)]
#[diesel(table_name = clerks)]
struct ClerkRow {
    id: i64,
    login: String,
    full_name: String,
    role: String,
    district_code: Option<String>,
    password_hash: String,
    disabled_at: Option<NaiveDateTime>,
    failed_attempts: i32,
    lockout_level: i32,
    locked_until: Option<NaiveDateTime>,
    last_failure_at: Option<NaiveDateTime>,
}

impl ClerkRow {
    fn clerk(&self) -> Result<Clerk, StoreError> {
        Ok(Clerk {
            id: ClerkId(self.id),
            login: self.login.clone(),
            full_name: self.full_name.clone(),
            role: Role::parse(&self.role).ok_or_else(|| StoreError::corrupt("clerk role", &self.role))?,
            district: self
                .district_code
                .as_deref()
                .map(|c| DistrictCode::parse(c).ok_or_else(|| StoreError::corrupt("district code", c)))
                .transpose()?,
            disabled: self.disabled_at.is_some(),
        })
    }

    fn sign_in_state(&self) -> SignInState {
        super::sign_in_state(self.failed_attempts, self.lockout_level, self.locked_until, self.last_failure_at)
    }
}

/// Why a clerk account could not be created or changed.
#[derive(Debug, thiserror::Error)]
pub enum ClerkError {
    #[error("the login must be 2–32 characters of a-z, 0-9, '.', '_', '-', starting with a letter")]
    BadLogin,
    #[error("the login {0:?} is taken")]
    LoginTaken(String),
    #[error("no clerk has the login {0:?}")]
    NoSuchClerk(String),
    #[error("the password must be at least {MIN_PASSWORD_LEN} characters")]
    WeakPassword,
    #[error("the full name is empty")]
    EmptyName,
    #[error("district {0} is not in the database")]
    UnknownDistrict(String),
    #[error("a {0} must belong to a district")]
    DistrictRequired(Role),
    #[error("hashing the password failed: {0}")]
    Hash(#[from] HashError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

super::query_errors_are_store_errors!(ClerkError);

impl ClerkError {
    /// What an administrator reads.
    pub fn message(&self) -> Msg {
        match self {
            ClerkError::BadLogin => Msg::new("clerk-error-bad-login"),
            ClerkError::LoginTaken(l) => Msg::new("clerk-error-login-taken").arg("login", l.as_str()),
            ClerkError::NoSuchClerk(l) => Msg::new("clerk-error-no-such-clerk").arg("login", l.as_str()),
            ClerkError::WeakPassword => Msg::new("clerk-error-weak-password").arg("min", MIN_PASSWORD_LEN),
            ClerkError::EmptyName => Msg::new("clerk-error-empty-name"),
            ClerkError::UnknownDistrict(d) => Msg::new("error-unknown-district").arg("code", d.as_str()),
            ClerkError::DistrictRequired(r) => Msg::new("clerk-error-district-required").arg("role", r.as_str()),
            ClerkError::Hash(_) | ClerkError::Store(_) => Msg::new("error-internal"),
        }
    }
}

/// A clerk account to create.
#[derive(Clone, Debug)]
pub struct NewClerk<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub district: Option<&'a DistrictCode>,
    pub password: &'a str,
}

fn check_password(password: &str) -> Result<(), ClerkError> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(ClerkError::WeakPassword);
    }
    Ok(())
}

fn check_district(conn: &mut DbConn, role: Role, district: Option<&DistrictCode>) -> Result<(), ClerkError> {
    match district {
        None if role != Role::Administrator => Err(ClerkError::DistrictRequired(role)),
        None => Ok(()),
        Some(code) => {
            let n: i64 = districts::table.filter(districts::code.eq(code.as_str())).count().get_result(conn)?;
            if n == 0 { Err(ClerkError::UnknownDistrict(code.to_string())) } else { Ok(()) }
        }
    }
}

/// Hashes a password outside any transaction (argon2 takes tens of milliseconds).
pub fn hash_password(password: &str) -> Result<SecretHash, ClerkError> {
    check_password(password)?;
    Ok(hash_secret(password.as_bytes())?)
}

/// Creates a clerk account with an already hashed password (see [`hash_password`]).
pub fn add(
    conn: &mut DbConn,
    new: &NewClerk<'_>,
    hash: &SecretHash,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Clerk, ClerkError> {
    let login = parse_login(new.login).ok_or(ClerkError::BadLogin)?;
    let full_name = new.full_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if full_name.is_empty() {
        return Err(ClerkError::EmptyName);
    }
    write_txn(conn, |conn| {
        check_district(conn, new.role, new.district)?;
        let taken: i64 = clerks::table.filter(clerks::login.eq(&login)).count().get_result(conn)?;
        if taken > 0 {
            return Err(ClerkError::LoginTaken(login.clone()));
        }
        let id: i64 = diesel::insert_into(clerks::table)
            .values((
                clerks::login.eq(&login),
                clerks::full_name.eq(&full_name),
                clerks::role.eq(new.role.as_str()),
                clerks::district_code.eq(new.district.map(|d| d.to_string())),
                clerks::password_hash.eq(hash.as_str()),
                clerks::failed_attempts.eq(0),
                clerks::lockout_level.eq(0),
                clerks::created_at.eq(ts(now)),
                clerks::password_changed_at.eq(ts(now)),
            ))
            .returning(clerks::id)
            .get_result(conn)?;
        audit::record(
            conn,
            now,
            actor,
            AuditAction::ClerkAdded,
            &format!("clerk:{login}"),
            &json!({ "role": new.role.as_str(), "district": new.district.map(|d| d.to_string()) }),
        )?;
        Ok(Clerk {
            id: ClerkId(id),
            login: login.clone(),
            full_name: full_name.clone(),
            role: new.role,
            district: new.district.cloned(),
            disabled: false,
        })
    })
}

fn row_by_login(conn: &mut DbConn, login: &str) -> Result<Option<ClerkRow>, StoreError> {
    let login = login.trim().to_lowercase();
    Ok(clerks::table.filter(clerks::login.eq(login)).select(ClerkRow::as_select()).first(conn).optional()?)
}

/// A clerk by login.
pub fn get_by_login(conn: &mut DbConn, login: &str) -> Result<Option<Clerk>, StoreError> {
    row_by_login(conn, login)?.map(|r| r.clerk()).transpose()
}

/// A clerk by id.
pub fn get(conn: &mut DbConn, id: ClerkId) -> Result<Option<Clerk>, StoreError> {
    clerks::table.find(id.0).select(ClerkRow::as_select()).first(conn).optional()?.map(|r| r.clerk()).transpose()
}

/// Every clerk, by login.
pub fn list(conn: &mut DbConn) -> Result<Vec<Clerk>, StoreError> {
    clerks::table
        .select(ClerkRow::as_select())
        .order(clerks::login.asc())
        .load(conn)?
        .iter()
        .map(ClerkRow::clerk)
        .collect()
}

/// The clerks of a district (for reassignment), enabled ones only.
pub fn in_district(conn: &mut DbConn, district: &DistrictCode) -> Result<Vec<Clerk>, StoreError> {
    clerks::table
        .filter(clerks::district_code.eq(district.as_str()))
        .filter(clerks::disabled_at.is_null())
        .select(ClerkRow::as_select())
        .order(clerks::full_name.asc())
        .load(conn)?
        .iter()
        .map(ClerkRow::clerk)
        .collect()
}

/// How a sign-in attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInOutcome {
    SignedIn(Clerk),
    /// Wrong login or password; `attempts_left` only when the login exists (shown to the
    /// clerk at a desk, where the login is not a secret).
    Failed {
        attempts_left: Option<u32>,
    },
    Locked {
        until: DateTime<Utc>,
    },
    Disabled,
}

/// Checks a login and password, counting failures and locking as the policy says.
///
/// The argon2 verification runs before the write transaction, which only updates counters.
pub fn sign_in(
    conn: &mut DbConn,
    login: &str,
    password: &str,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, StoreError> {
    verify_password(conn, login, password, policy, now, AuditAction::ClerkSignedIn)
}

/// Checks the password of a clerk unlocking their locked terminal: exactly a sign-in — a
/// wrong password is a failed sign-in, counted towards the same lockout and audited as one —
/// except that success is audited as `clerk_screen_unlocked`.
pub fn unlock(
    conn: &mut DbConn,
    login: &str,
    password: &str,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
) -> Result<SignInOutcome, StoreError> {
    verify_password(conn, login, password, policy, now, AuditAction::ClerkScreenUnlocked)
}

/// Records that a clerk ended their session at the terminal (the counterpart of the sign-in's
/// row, so that the log shows who sat at a desk when).
pub fn record_signed_out(conn: &mut DbConn, login: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
    record_at_desk(conn, login, AuditAction::ClerkSignedOut, &json!({}), now)
}

/// Records that a clerk's terminal locked: `idle_minutes` after that many minutes without a
/// key, none when the clerk locked it by hand.
pub fn record_screen_locked(
    conn: &mut DbConn,
    login: &str,
    idle_minutes: Option<u32>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let details = match idle_minutes {
        Some(m) => json!({ "reason": "idle", "idle_minutes": m }),
        None => json!({ "reason": "key" }),
    };
    record_at_desk(conn, login, AuditAction::ClerkScreenLocked, &details, now)
}

/// An audit row of something the clerk `login` did at their terminal, about themselves.
fn record_at_desk(
    conn: &mut DbConn,
    login: &str,
    action: AuditAction,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    write_txn(conn, |conn| {
        audit::record(conn, now, &AuditActor::clerk(login), action, &format!("clerk:{login}"), details)
    })
}

fn verify_password(
    conn: &mut DbConn,
    login: &str,
    password: &str,
    policy: &LockoutPolicy,
    now: DateTime<Utc>,
    success: AuditAction,
) -> Result<SignInOutcome, StoreError> {
    let Some(row) = row_by_login(conn, login)? else {
        dummy_verify(password.as_bytes());
        return Ok(SignInOutcome::Failed { attempts_left: None });
    };
    if row.disabled_at.is_some() {
        dummy_verify(password.as_bytes());
        return Ok(SignInOutcome::Disabled);
    }
    if let Err(locked) = row.sign_in_state().check(now) {
        return Ok(SignInOutcome::Locked { until: locked.until });
    }
    let hash = SecretHash::parse(&row.password_hash).map_err(|e| StoreError::corrupt("password hash", e))?;
    let ok = verify(&hash, password.as_bytes());
    write_txn(conn, |conn| {
        // Re-read: another terminal may have counted a failure meanwhile.
        let row: ClerkRow = clerks::table.find(row.id).select(ClerkRow::as_select()).first(conn)?;
        let mut state = row.sign_in_state();
        let (outcome, action) = if ok {
            state.record_success(policy, now);
            (SignInOutcome::SignedIn(row.clerk()?), success)
        } else {
            match state.record_failure(policy, now) {
                crate::account::FailureOutcome::AttemptsLeft(n) => {
                    (SignInOutcome::Failed { attempts_left: Some(n) }, AuditAction::ClerkSignInFailed)
                }
                crate::account::FailureOutcome::LockedUntil(until) => {
                    (SignInOutcome::Locked { until }, AuditAction::ClerkSignInFailed)
                }
            }
        };
        diesel::update(clerks::table.find(row.id))
            .set((
                clerks::failed_attempts.eq(i32::try_from(state.failed_attempts).unwrap_or(i32::MAX)),
                clerks::lockout_level.eq(i32::try_from(state.lockout_level).unwrap_or(i32::MAX)),
                clerks::locked_until.eq(state.locked_until.map(ts)),
                clerks::last_failure_at.eq(state.last_failure_at.map(ts)),
            ))
            .execute(conn)?;
        audit::record(conn, now, &AuditActor::clerk(&row.login), action, &format!("clerk:{}", row.login), &json!({}))?;
        Ok(outcome)
    })
}

fn change(
    conn: &mut DbConn,
    login: &str,
    actor: &AuditActor,
    now: DateTime<Utc>,
    action: AuditAction,
    details: serde_json::Value,
    apply: impl FnOnce(&mut DbConn, i64) -> Result<(), ClerkError>,
) -> Result<Clerk, ClerkError> {
    write_txn(conn, |conn| {
        let row = row_by_login(conn, login)?.ok_or_else(|| ClerkError::NoSuchClerk(login.to_owned()))?;
        apply(conn, row.id)?;
        audit::record(conn, now, actor, action, &format!("clerk:{}", row.login), &details)?;
        let row: ClerkRow = clerks::table.find(row.id).select(ClerkRow::as_select()).first(conn)?;
        Ok(row.clerk()?)
    })
}

/// Disables (or re-enables) a clerk account. A disabled clerk cannot sign in. An account
/// already in that state is left as it is, its time of disabling kept, and nothing is audited:
/// `None`.
pub fn set_disabled(
    conn: &mut DbConn,
    login: &str,
    disabled: bool,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Option<Clerk>, ClerkError> {
    let action = if disabled { AuditAction::ClerkDisabled } else { AuditAction::ClerkEnabled };
    write_txn(conn, |conn| {
        let row = row_by_login(conn, login)?.ok_or_else(|| ClerkError::NoSuchClerk(login.to_owned()))?;
        if row.disabled_at.is_some() == disabled {
            return Ok(None);
        }
        change(conn, login, actor, now, action, json!({}), |conn, id| {
            diesel::update(clerks::table.find(id))
                .set(clerks::disabled_at.eq(disabled.then(|| ts(now))))
                .execute(conn)?;
            Ok(())
        })
        .map(Some)
    })
}

/// Sets a new (already hashed) password and clears the lockout.
pub fn reset_password(
    conn: &mut DbConn,
    login: &str,
    hash: &SecretHash,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Clerk, ClerkError> {
    change(conn, login, actor, now, AuditAction::ClerkPasswordReset, json!({}), |conn, id| {
        diesel::update(clerks::table.find(id))
            .set((
                clerks::password_hash.eq(hash.as_str()),
                clerks::password_changed_at.eq(ts(now)),
                clerks::failed_attempts.eq(0),
                clerks::lockout_level.eq(0),
                clerks::locked_until.eq(None::<NaiveDateTime>),
                clerks::last_failure_at.eq(None::<NaiveDateTime>),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// Changes a clerk's role.
pub fn set_role(
    conn: &mut DbConn,
    login: &str,
    role: Role,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Clerk, ClerkError> {
    set_role_in(conn, login, role, None, actor, now)
}

/// Changes a clerk's role and, when `district` is given, moves them to that district in the same
/// transaction (an administrator without a district who becomes a clerk needs one). Each change
/// has its audit row.
pub fn set_role_in(
    conn: &mut DbConn,
    login: &str,
    role: Role,
    district: Option<&DistrictCode>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Clerk, ClerkError> {
    write_txn(conn, |conn| {
        let row = row_by_login(conn, login)?.ok_or_else(|| ClerkError::NoSuchClerk(login.to_owned()))?;
        let subject = format!("clerk:{}", row.login);
        match district {
            Some(code) => {
                check_district(conn, role, Some(code))?;
                if row.district_code.as_deref() != Some(code.as_str()) {
                    diesel::update(clerks::table.find(row.id))
                        .set(clerks::district_code.eq(code.as_str()))
                        .execute(conn)?;
                    let details = json!({ "district": code.as_str(), "was": row.district_code });
                    audit::record(conn, now, actor, AuditAction::ClerkDistrictChanged, &subject, &details)?;
                }
            }
            None if row.district_code.is_none() && role != Role::Administrator => {
                return Err(ClerkError::DistrictRequired(role));
            }
            None => {}
        }
        // the role as it was is no change to record
        if row.role != role.as_str() {
            diesel::update(clerks::table.find(row.id)).set(clerks::role.eq(role.as_str())).execute(conn)?;
            let details = json!({ "role": role.as_str(), "was": row.role });
            audit::record(conn, now, actor, AuditAction::ClerkRoleChanged, &subject, &details)?;
        }
        let row: ClerkRow = clerks::table.find(row.id).select(ClerkRow::as_select()).first(conn)?;
        Ok(row.clerk()?)
    })
}

/// Moves a clerk to another district (or none, for administrators).
pub fn set_district(
    conn: &mut DbConn,
    login: &str,
    district: Option<&DistrictCode>,
    actor: &AuditActor,
    now: DateTime<Utc>,
) -> Result<Clerk, ClerkError> {
    write_txn(conn, |conn| {
        let row = row_by_login(conn, login)?.ok_or_else(|| ClerkError::NoSuchClerk(login.to_owned()))?;
        let role = Role::parse(&row.role).ok_or_else(|| StoreError::corrupt("clerk role", &row.role))?;
        check_district(conn, role, district)?;
        // the district as it was is no change to record
        if row.district_code.as_deref() != district.map(DistrictCode::as_str) {
            diesel::update(clerks::table.find(row.id))
                .set(clerks::district_code.eq(district.map(|d| d.to_string())))
                .execute(conn)?;
            let details = json!({ "district": district.map(|d| d.to_string()), "was": row.district_code });
            audit::record(
                conn,
                now,
                actor,
                AuditAction::ClerkDistrictChanged,
                &format!("clerk:{}", row.login),
                &details,
            )?;
        }
        let row: ClerkRow = clerks::table.find(row.id).select(ClerkRow::as_select()).first(conn)?;
        Ok(row.clerk()?)
    })
}
