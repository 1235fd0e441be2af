//! Residents' web sessions and the keys the web servers share.
//!
//! A session is a random token (160 bits) that lives only in the resident's cookie; the
//! database keeps its SHA-256 ([`crate::token::token_hash`]), so several servers on one
//! PostgreSQL share sessions and a copy of the database lets nobody sign in. Sessions expire
//! on the server: after [`SessionPolicy::idle`] without a request, and at the latest
//! [`SessionPolicy::max`] after signing in. A session of a revoked account is dead at once.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{accounts, sessions, site_keys};
use super::{DbConn, StoreError, ts, utc};
use crate::domain::ids::AccountId;
use crate::token::{random_token, token_hash};

/// How long sessions live.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused for this long has expired.
    pub idle: Duration,
    /// No session lives longer than this after signing in, however busy.
    pub max: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy { idle: Duration::minutes(30), max: Duration::hours(12) }
    }
}

/// How often a session's expiry is moved forward: at most once a minute, so that a page
/// with many requests costs one write, not one per request.
pub const TOUCH_EVERY: Duration = Duration::seconds(60);

/// A live session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The row id (fine for logs; the token never is).
    pub id: i64,
    pub account: AccountId,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = sessions)]
struct SessionRow {
    id: i64,
    account_id: i64,
    created_at: NaiveDateTime,
    last_seen_at: NaiveDateTime,
    expires_at: NaiveDateTime,
}

impl SessionRow {
    fn session(&self) -> Session {
        Session {
            id: self.id,
            account: AccountId(self.account_id),
            created_at: utc(self.created_at),
            expires_at: utc(self.expires_at),
        }
    }
}

fn expiry(created_at: DateTime<Utc>, now: DateTime<Utc>, policy: &SessionPolicy) -> DateTime<Utc> {
    (now + policy.idle).min(created_at + policy.max)
}

/// Starts a session for `account`. Returns the token for the cookie (shown nowhere else) and
/// the session.
pub fn create(
    conn: &mut DbConn,
    account: AccountId,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<(String, Session), StoreError> {
    let token = random_token(20);
    let expires_at = expiry(now, now, policy);
    let id: i64 = diesel::insert_into(sessions::table)
        .values((
            sessions::token_hash.eq(token_hash(&token)),
            sessions::account_id.eq(account.0),
            sessions::created_at.eq(ts(now)),
            sessions::last_seen_at.eq(ts(now)),
            sessions::expires_at.eq(ts(expires_at)),
        ))
        .returning(sessions::id)
        .get_result(conn)?;
    Ok((token, Session { id, account, created_at: now, expires_at }))
}

/// The live session of `token`, if any: not expired, and its account not revoked. Moves the
/// expiry forward (at most once per [`TOUCH_EVERY`]).
pub fn lookup(
    conn: &mut DbConn,
    token: &str,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<Session>, StoreError> {
    if !crate::token::is_token(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<SessionRow> = sessions::table
        .inner_join(accounts::table)
        .filter(sessions::token_hash.eq(&hash))
        .filter(sessions::expires_at.gt(ts(now)))
        .filter(accounts::revoked_at.is_null())
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?;
    let Some(row) = row else { return Ok(None) };
    let mut session = row.session();
    if now - utc(row.last_seen_at) >= TOUCH_EVERY && touches::claim(&hash, now) {
        let expires_at = expiry(session.created_at, now, policy);
        // The condition makes a touch that another server did meanwhile a no-op.
        diesel::update(sessions::table.find(row.id))
            .filter(sessions::last_seen_at.lt(ts(now - TOUCH_EVERY)))
            .set((sessions::last_seen_at.eq(ts(now)), sessions::expires_at.eq(ts(expires_at))))
            .execute(conn)?;
        session.expires_at = expires_at;
    }
    Ok(Some(session))
}

/// The account whose session `token` was, live or expired, while its row is kept and the
/// account is not revoked: a form sent after its session ended is carried through the sign-in
/// only for that account (`intake-server`'s `carry`). A session ended by signing out, or one
/// already purged, has none.
pub fn owner(conn: &mut DbConn, token: &str) -> Result<Option<AccountId>, StoreError> {
    if !crate::token::is_token(token) {
        return Ok(None);
    }
    let id: Option<i64> = sessions::table
        .inner_join(accounts::table)
        .filter(sessions::token_hash.eq(token_hash(token)))
        .filter(accounts::revoked_at.is_null())
        .select(sessions::account_id)
        .first(conn)
        .optional()?;
    Ok(id.map(AccountId))
}

/// Which sessions this process moved forward lately. A page opens several requests at once;
/// when a session is due for a touch, all of them see it due, and without this each would
/// queue for the database's write lock (on SQLite, each with its own fsync) to write the
/// same row. With it the first request writes and the others read on.
mod touches {
    use std::collections::HashMap;
    use std::sync::{Mutex, PoisonError};

    use chrono::{DateTime, Utc};

    use super::TOUCH_EVERY;

    /// Above this many remembered sessions, the stale ones are dropped.
    const PRUNE_ABOVE: usize = 4096;

    /// Keyed by the token's hash (unique across databases, unlike row ids).
    static CLAIMED: Mutex<Option<HashMap<String, DateTime<Utc>>>> = Mutex::new(None);

    /// Whether this caller should write the touch of the session with token hash `hash` at
    /// `now`: false when another request of this process claimed it less than
    /// [`TOUCH_EVERY`] before.
    pub(super) fn claim(hash: &str, now: DateTime<Utc>) -> bool {
        let mut guard = CLAIMED.lock().unwrap_or_else(PoisonError::into_inner);
        let claimed = guard.get_or_insert_with(HashMap::new);
        if let Some(at) = claimed.get(hash)
            && (now - *at).abs() < TOUCH_EVERY
        {
            return false;
        }
        if claimed.len() >= PRUNE_ABOVE {
            claimed.retain(|_, at| (now - *at).abs() < TOUCH_EVERY);
        }
        claimed.insert(hash.to_owned(), now);
        true
    }
}

/// Ends the session of `token` (signing out). Returns whether there was one.
pub fn delete(conn: &mut DbConn, token: &str) -> Result<bool, StoreError> {
    if !crate::token::is_token(token) {
        return Ok(false);
    }
    let n = diesel::delete(sessions::table.filter(sessions::token_hash.eq(token_hash(token)))).execute(conn)?;
    Ok(n > 0)
}

/// Ends every session of an account (signing out everywhere). Returns how many.
pub fn delete_for_account(conn: &mut DbConn, account: AccountId) -> Result<usize, StoreError> {
    Ok(diesel::delete(sessions::table.filter(sessions::account_id.eq(account.0))).execute(conn)?)
}

/// Deletes the sessions whose cookies can no longer be sent: expired at least `policy.max`
/// before `now` (a cookie lives `policy.max` after signing in, and a session expires no
/// earlier than that). Until then an expired session still names its account ([`owner`]), so
/// that a form sent with it can be carried through the sign-in. Returns how many.
pub fn purge_expired(conn: &mut DbConn, policy: &SessionPolicy, now: DateTime<Utc>) -> Result<usize, StoreError> {
    Ok(diesel::delete(sessions::table.filter(sessions::expires_at.le(ts(now - policy.max)))).execute(conn)?)
}

/// Counts live sessions of an account (for tests and status lines).
pub fn count_for_account(conn: &mut DbConn, account: AccountId, now: DateTime<Utc>) -> Result<i64, StoreError> {
    Ok(sessions::table
        .filter(sessions::account_id.eq(account.0))
        .filter(sessions::expires_at.gt(ts(now)))
        .count()
        .get_result(conn)?)
}

/// The shared secret called `name`, made (32 random bytes, base32) by the first caller.
///
/// Servers starting at the same moment may both try to make it: the loser's insert fails on
/// the primary key and it reads the winner's. Call it outside a transaction (on PostgreSQL a
/// failed statement would spoil the caller's).
pub fn site_key(conn: &mut DbConn, name: &str, now: DateTime<Utc>) -> Result<String, StoreError> {
    let read = |conn: &mut DbConn| -> Result<Option<String>, StoreError> {
        Ok(site_keys::table.find(name).select(site_keys::secret).first(conn).optional()?)
    };
    if let Some(secret) = read(conn)? {
        return Ok(secret);
    }
    let inserted = diesel::insert_into(site_keys::table)
        .values((site_keys::name.eq(name), site_keys::secret.eq(random_token(32)), site_keys::created_at.eq(ts(now))))
        .execute(conn);
    match inserted {
        Ok(_) | Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            read(conn)?.ok_or_else(|| StoreError::corrupt("site key", name))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::db_test;
    use crate::store::testing::TestDb;
    use crate::store::{accounts as store_accounts, count_rows};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 4, 9, 0, 0).single().expect("valid")
    }

    /// An account row to hang sessions on (a resident with a filler PIN).
    fn account(db: &TestDb) -> AccountId {
        use crate::domain::audit::AuditActor;
        use crate::domain::ids::{DistrictCode, RegistryId};
        use crate::domain::person::{Address, FullName, RegistrationKind};
        use crate::i18n::Lang;
        use crate::store::{districts, residents};
        let c = &mut *db.store.conn().expect("connection");
        districts::save(
            c,
            &crate::domain::district::District {
                code: DistrictCode::new("0412"),
                name: "Арбат".to_owned(),
                council_name: "Управа района Арбат".to_owned(),
                council_address: "ул. Новый Арбат, д. 36".to_owned(),
                office_hours: "пн–пт 9:00–18:00".to_owned(),
                phone: None,
            },
        )
        .expect("district");
        let address = Address {
            district: DistrictCode::new("0412"),
            street: "ул. Арбат".to_owned(),
            house: "1".to_owned(),
            building: None,
            structure: None,
            flat: Some("1".to_owned()),
        };
        residents::insert_batch(
            c,
            &[residents::NewResident::new(
                &RegistryId::new("S1"),
                &FullName { surname: "Сидоров".to_owned(), name: "Иван".to_owned(), patronymic: None },
                chrono::NaiveDate::from_ymd_opt(1980, 1, 1).expect("valid"),
                &address,
                RegistrationKind::Permanent,
            )],
        )
        .expect("resident");
        let resident = residents::by_registry_id(c, "S1").expect("query").expect("present");
        let account = store_accounts::insert_filler_account(
            c,
            &store_accounts::FillerAccount {
                resident: resident.id,
                email: None,
                email_confirmed: false,
                lang: Lang::Ru,
            },
            &store_accounts::Issuer {
                name: "test".to_owned(),
                clerk: None,
                audit: AuditActor::os_user("test"),
                desk: "cli".to_owned(),
            },
            now(),
        )
        .expect("account");
        account.id
    }

    db_test!(sessions_live_expire_and_end, |db: &TestDb| {
        let account = account(db);
        let policy = SessionPolicy { idle: Duration::minutes(30), max: Duration::hours(2) };
        let c = &mut *db.store.conn().expect("connection");
        let (token, session) = create(c, account, &policy, now()).expect("created");
        assert_eq!(session.account, account);
        assert_eq!(session.expires_at, now() + Duration::minutes(30));
        // only the hash is stored
        let stored: String = sessions::table.find(session.id).select(sessions::token_hash).first(c).expect("row");
        assert_ne!(stored, token);
        assert_eq!(stored, token_hash(&token));

        // found while fresh; a use moves the idle expiry forward
        let later = now() + Duration::minutes(20);
        let found = lookup(c, &token, &policy, later).expect("query").expect("live");
        assert_eq!(found.expires_at, later + Duration::minutes(30));
        // a lookup within a minute of the last touch writes nothing
        let again = lookup(c, &token, &policy, later + Duration::seconds(10)).expect("query").expect("live");
        assert_eq!(again.expires_at, found.expires_at);
        // idle too long: gone
        assert_eq!(lookup(c, &token, &policy, later + Duration::minutes(31)).expect("query"), None);
        // never past the maximum, however busy
        let (busy, _) = create(c, account, &policy, now()).expect("created");
        for step in 1..=11 {
            let t = now() + Duration::minutes(10 * step);
            assert!(lookup(c, &busy, &policy, t).expect("query").is_some(), "live at {t}");
        }
        let last = lookup(c, &busy, &policy, now() + Duration::minutes(119)).expect("query").expect("live");
        assert_eq!(last.expires_at, now() + Duration::hours(2));
        assert_eq!(lookup(c, &busy, &policy, now() + Duration::hours(2)).expect("query"), None);

        // garbage and unknown tokens find nothing
        assert_eq!(lookup(c, "../../etc", &policy, now()).expect("query"), None);
        assert_eq!(lookup(c, &random_token(20), &policy, now()).expect("query"), None);

        // signing out ends it at once
        let (mine, _) = create(c, account, &policy, now()).expect("created");
        assert!(delete(c, &mine).expect("deleted"));
        assert!(!delete(c, &mine).expect("already gone"));
        assert_eq!(lookup(c, &mine, &policy, now()).expect("query"), None);

        // purging removes only those expired longer than a cookie lives
        let (fresh, _) = create(c, account, &policy, now() + Duration::hours(5)).expect("created");
        let purged = purge_expired(c, &policy, now() + Duration::hours(5)).expect("purged");
        assert!(purged >= 2, "{purged}");
        assert_eq!(count_rows(c, "sessions").expect("count"), 1);
        assert!(lookup(c, &fresh, &policy, now() + Duration::hours(5)).expect("query").is_some());
        assert_eq!(count_for_account(c, account, now() + Duration::hours(5)).expect("count"), 1);
        assert_eq!(delete_for_account(c, account).expect("deleted"), 1);
    });

    db_test!(a_session_id_is_never_given_again, |db: &TestDb| {
        // the log names sessions by id: one number must mean one session
        let account = account(db);
        let policy = SessionPolicy { idle: Duration::minutes(30), max: Duration::hours(2) };
        let c = &mut *db.store.conn().expect("connection");
        let (first, one) = create(c, account, &policy, now()).expect("created");
        assert!(delete(c, &first).expect("signed out"));
        let (_, two) = create(c, account, &policy, now()).expect("created");
        assert!(two.id > one.id, "{} after {}", two.id, one.id);
    });

    db_test!(requests_racing_for_one_touch_write_it_once, |db: &TestDb| {
        let account = account(db);
        let policy = SessionPolicy::default();
        let c = &mut *db.store.conn().expect("connection");
        let (token, session) = create(c, account, &policy, now()).expect("created");
        let last_seen = |c: &mut DbConn| -> NaiveDateTime {
            sessions::table.find(session.id).select(sessions::last_seen_at).first(c).expect("row")
        };
        let due = now() + Duration::minutes(2);
        lookup(c, &token, &policy, due).expect("query").expect("live");
        assert_eq!(last_seen(c), ts(due));
        // A second request of the same page read the row before the first one's touch: it
        // sees the touch due, but the first one has claimed it, so it writes nothing.
        diesel::update(sessions::table.find(session.id))
            .set(sessions::last_seen_at.eq(ts(now())))
            .execute(c)
            .expect("rewound");
        let found = lookup(c, &token, &policy, due + Duration::seconds(1)).expect("query").expect("live");
        assert_eq!(last_seen(c), ts(now()), "the racing request wrote the touch again");
        assert_eq!(found.expires_at, due + policy.idle);
        // A minute later the touch is due again and written.
        let later = due + Duration::minutes(1);
        let found = lookup(c, &token, &policy, later).expect("query").expect("live");
        assert_eq!(last_seen(c), ts(later));
        assert_eq!(found.expires_at, later + policy.idle);
    });

    db_test!(an_expired_session_still_names_its_account_until_purged, |db: &TestDb| {
        let account = account(db);
        let policy = SessionPolicy::default();
        let c = &mut *db.store.conn().expect("connection");
        let (token, _) = create(c, account, &policy, now()).expect("created");
        let later = now() + Duration::hours(1);
        assert_eq!(lookup(c, &token, &policy, later).expect("query"), None, "expired");
        assert_eq!(owner(c, &token).expect("query"), Some(account), "but its owner is known");
        assert_eq!(owner(c, &random_token(20)).expect("query"), None);
        assert_eq!(owner(c, "not a token").expect("query"), None);
        // kept by the purge while its cookie may still be sent, then gone
        purge_expired(c, &policy, later).expect("purged");
        assert_eq!(owner(c, &token).expect("query"), Some(account), "kept while its cookie lives");
        purge_expired(c, &policy, now() + policy.idle + policy.max).expect("purged");
        assert_eq!(owner(c, &token).expect("query"), None, "purged");
        // signing out forgets it at once
        let (out, _) = create(c, account, &policy, now()).expect("created");
        delete(c, &out).expect("deleted");
        assert_eq!(owner(c, &out).expect("query"), None);
        // and a revoked account owns nothing
        let (kept, _) = create(c, account, &policy, now()).expect("created");
        let number = store_accounts::get(c, account).expect("query").expect("present").number;
        store_accounts::revoke(c, &number, "lost", &crate::domain::audit::AuditActor::os_user("t"), now())
            .expect("revoked");
        assert_eq!(owner(c, &kept).expect("query"), None);
    });

    db_test!(a_revoked_account_has_no_session, |db: &TestDb| {
        let account = account(db);
        let policy = SessionPolicy::default();
        let c = &mut *db.store.conn().expect("connection");
        let (token, _) = create(c, account, &policy, now()).expect("created");
        let number = store_accounts::get(c, account).expect("query").expect("present").number;
        store_accounts::revoke(c, &number, "lost", &crate::domain::audit::AuditActor::os_user("t"), now())
            .expect("revoked");
        assert_eq!(lookup(c, &token, &policy, now()).expect("query"), None);
    });

    db_test!(site_keys_are_made_once_and_shared, |db: &TestDb| {
        let c = &mut *db.store.conn().expect("connection");
        let a = site_key(c, "csrf", now()).expect("made");
        assert!(crate::token::is_token(&a));
        let mut other = db.store.conn().expect("second connection");
        assert_eq!(site_key(&mut other, "csrf", now()).expect("read"), a);
        assert_ne!(site_key(c, "other", now()).expect("made"), a);
        // a key another server made first is read, never replaced
        diesel::insert_into(site_keys::table)
            .values((site_keys::name.eq("raced"), site_keys::secret.eq("winner"), site_keys::created_at.eq(ts(now()))))
            .execute(c)
            .expect("insert");
        assert_eq!(site_key(c, "raced", now()).expect("read"), "winner");
    });
}
