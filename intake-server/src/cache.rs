//! Short-lived caches for reads: a session's account, and an appeal's JSON status.
//!
//! **The bound.** An entry is served for less than [`TTL`] (one second) after the moment its
//! database read *began*, and never after that: whatever was committed before a read began is
//! in what it cached, so no response is more than one second older than the database —
//! whatever another server, a clerk's terminal or the command line changed meanwhile. The
//! bound holds across processes because it needs no message between them (tested with the real
//! binary beside the test's server in `tests/it/cache.rs`).
//!
//! **What uses them.** Only reads: `GET`/`HEAD` requests look their session up here first, and
//! `GET /api/v1/appeals/{id}` its rendered body. A request that changes anything (every `POST`)
//! checks its session in the database, and afterwards this server forgets what it cached for
//! that account — so a resident sees their own changes at once here, and everyone else's within
//! the bound. Signing out forgets the session here at once; on other servers it ends within the
//! bound.
//!
//! Failures (an unknown session, another resident's appeal) are never cached. Each cache holds
//! a bounded number of entries: when full, expired entries are dropped, and if it is still full,
//! all of them.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ereception_core::domain::ids::AccountId;
use ereception_core::i18n::Lang;
use ereception_core::store::sessions::Session;
use hyper::body::Bytes;

/// How long an entry is served after its read began.
pub const TTL: Duration = Duration::from_secs(1);

/// Sessions held at most (about 150 bytes each).
const SESSIONS: usize = 16_384;
/// Status bodies held at most (a few KiB each).
const STATUSES: usize = 4_096;

/// A map whose entries expire `ttl` after the read that produced them began.
#[derive(Debug)]
pub struct TtlMap<K, V> {
    ttl: Duration,
    capacity: usize,
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> TtlMap<K, V> {
    pub fn new(ttl: Duration, capacity: usize) -> Self {
        TtlMap { ttl, capacity: capacity.max(1), entries: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Instant, V)>> {
        // a panic while holding the lock leaves a consistent map: keep using it
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The value of `key`, if it was read less than the TTL before `now`.
    pub fn get(&self, key: &K, now: Instant) -> Option<V> {
        let entries = self.lock();
        let (read_at, value) = entries.get(key)?;
        (now.saturating_duration_since(*read_at) < self.ttl).then(|| value.clone())
    }

    /// Keeps `value` for `key`; `read_at` is when the read that produced it began.
    pub fn put(&self, key: K, value: V, read_at: Instant) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= self.capacity && !entries.contains_key(&key) {
            let ttl = self.ttl;
            let now = Instant::now();
            entries.retain(|_, (at, _)| now.saturating_duration_since(*at) < ttl);
            if entries.len() >= self.capacity {
                entries.clear();
            }
        }
        entries.insert(key, (read_at, value));
    }

    pub fn remove(&self, key: &K) {
        self.lock().remove(key);
    }

    /// Drops every entry whose key matches.
    pub fn remove_where(&self, matches: impl Fn(&K) -> bool) {
        self.lock().retain(|k, _| !matches(k));
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The key of a status body: whose, which appeal, in which language.
pub type StatusKey = (AccountId, i64, Lang);

/// The server's read caches.
#[derive(Debug)]
pub struct ReadCache {
    /// By the SHA-256 of the session token (the token itself is not kept).
    sessions: TtlMap<String, Session>,
    statuses: TtlMap<StatusKey, Bytes>,
}

impl ReadCache {
    /// Caches whose entries live `ttl` (zero turns them off).
    pub fn new(ttl: Duration) -> Self {
        ReadCache { sessions: TtlMap::new(ttl, SESSIONS), statuses: TtlMap::new(ttl, STATUSES) }
    }

    pub fn session(&self, token_hash: &str, now: Instant) -> Option<Session> {
        self.sessions.get(&token_hash.to_owned(), now)
    }

    pub fn put_session(&self, token_hash: String, session: Session, read_at: Instant) {
        self.sessions.put(token_hash, session, read_at);
    }

    /// Forgets a session (signed out here).
    pub fn forget_session(&self, token_hash: &str) {
        self.sessions.remove(&token_hash.to_owned());
    }

    pub fn status(&self, key: &StatusKey, now: Instant) -> Option<Bytes> {
        self.statuses.get(key, now)
    }

    pub fn put_status(&self, key: StatusKey, body: Bytes, read_at: Instant) {
        self.statuses.put(key, body, read_at);
    }

    /// Forgets everything cached for `account` (after it changed something here).
    pub fn forget_account(&self, account: AccountId) {
        self.statuses.remove_where(|k| k.0 == account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_a_ttl_after_their_read_began() {
        let map = TtlMap::new(Duration::from_millis(1000), 10);
        let t0 = Instant::now();
        map.put("a", 1, t0);
        assert_eq!(map.get(&"a", t0), Some(1));
        assert_eq!(map.get(&"a", t0 + Duration::from_millis(999)), Some(1));
        assert_eq!(map.get(&"a", t0 + Duration::from_millis(1000)), None, "never at the bound");
        assert_eq!(map.get(&"b", t0), None);
        // a read that began earlier expires earlier, however late it is stored
        map.put("late", 2, t0);
        assert_eq!(map.get(&"late", t0 + Duration::from_secs(2)), None);
    }

    #[test]
    fn removal_and_zero_ttl() {
        let map = TtlMap::new(Duration::from_secs(1), 10);
        let now = Instant::now();
        for (k, v) in [((1, 'x'), 1), ((1, 'y'), 2), ((2, 'x'), 3)] {
            map.put(k, v, now);
        }
        map.remove(&(1, 'x'));
        assert_eq!(map.get(&(1, 'x'), now), None);
        map.remove_where(|k| k.0 == 1);
        assert_eq!((map.get(&(1, 'y'), now), map.get(&(2, 'x'), now)), (None, Some(3)));
        let off = TtlMap::new(Duration::ZERO, 10);
        off.put(1, 1, now);
        assert!(off.is_empty(), "a zero TTL caches nothing");
    }

    #[test]
    fn a_full_map_drops_expired_entries_then_everything() {
        let map = TtlMap::new(Duration::from_millis(50), 3);
        let old = Instant::now() - Duration::from_secs(1);
        map.put(1, 1, old);
        map.put(2, 2, old);
        let now = Instant::now();
        map.put(3, 3, now);
        map.put(4, 4, now);
        assert_eq!(map.len(), 2, "the two expired ones made room");
        map.put(5, 5, now);
        map.put(6, 6, now);
        assert_eq!(map.len(), 1, "full of live entries: cleared, then the new one");
        assert_eq!(map.get(&6, now), Some(6));
        map.put(6, 7, now);
        assert_eq!((map.len(), map.get(&6, now)), (1, Some(7)), "replacing needs no room");
    }
}
