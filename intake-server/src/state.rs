//! What every request shares: the database pool, the settings, the bounded pool for argon2,
//! the filing queue, the sign-in and question throttles and the form-signing key.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::Utc;
use ereception_core::account::LockoutPolicy;
use ereception_core::clock::ProductionCalendar;
use ereception_core::config::ServerConfig;
use ereception_core::store::sessions::{self, SessionPolicy};
use ereception_core::store::{DbConn, Store, StoreError};
use tokio::sync::Semaphore;

use crate::cache::ReadCache;
use crate::carry::CarryKey;
use crate::csrf::PreSessionKey;
use crate::error::AppError;
use crate::filing::{Filing, FilingError, FilingQueue};
use crate::throttle::RateLimiter;
use ereception_core::store::appeals::FileOutcome;

/// How long a sign-in waits for a free argon2 slot before the page says "busy, try again".
const ARGON_WAIT: Duration = Duration::from_secs(20);

/// A job for an argon2 thread.
type ArgonJob = Box<dyn FnOnce() + Send>;

/// Threads of their own for PIN verifications, one per argon2 slot, living as long as the
/// state. Each verification allocates argon2's 19 MiB and fills it; on the same few threads
/// that memory stays mapped and warm, where on tokio's blocking pool each one landed on
/// whichever thread was free and sign-ins ran about 13 % slower than argon2 in a loop
/// (measured with `cargo xtask bench-server`'s storm).
#[derive(Debug)]
struct ArgonThreads {
    jobs: std::sync::mpsc::Sender<ArgonJob>,
}

impl ArgonThreads {
    /// Starts `n` threads; they end when the state (the sender) is dropped.
    fn start(n: usize) -> std::io::Result<ArgonThreads> {
        let (jobs, queue) = std::sync::mpsc::channel::<ArgonJob>();
        let queue = Arc::new(std::sync::Mutex::new(queue));
        for i in 0..n {
            let queue = queue.clone();
            std::thread::Builder::new().name(format!("argon2-{i}")).spawn(move || {
                loop {
                    let next = queue.lock().map_err(|_| ()).and_then(|q| q.recv().map_err(|_| ()));
                    let Ok(job) = next else { break };
                    // a panicking job fails its request (its reply is dropped), not the thread
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                }
            })?;
        }
        Ok(ArgonThreads { jobs })
    }

    /// Runs `f` on one of the threads and waits for its result.
    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.jobs
            .send(Box::new(move || {
                let _ = reply.send(f());
            }))
            .map_err(|_| AppError::Internal("the argon2 threads have stopped".to_owned()))?;
        answer.await.map_err(|_| AppError::Internal("a PIN verification failed".to_owned()))
    }
}

/// The settings a server runs with.
#[derive(Clone, Debug)]
pub struct Settings {
    pub server: ServerConfig,
    /// Links (Open311, e-mails) start with it.
    pub public_base_url: String,
    pub calendar: Arc<ProductionCalendar>,
    pub lockout: LockoutPolicy,
    /// Concurrent sign-ins (argon2 verifications); by default the number of cores.
    pub argon_slots: usize,
    /// How long reads may serve a cached session or appeal status ([`crate::cache`]); by
    /// default one second, zero for none.
    pub read_cache: Duration,
    /// Questions (each mails a confirmation link) a client address may send at once, then per
    /// hour: by default 5, then 10 an hour.
    pub questions_burst: u32,
    pub questions_per_hour: u32,
}

impl Settings {
    /// Settings from the configuration, with the default lockout policy and one argon2 slot
    /// per core.
    pub fn new(server: ServerConfig, public_base_url: String, calendar: ProductionCalendar) -> Settings {
        Settings {
            server,
            public_base_url,
            calendar: Arc::new(calendar),
            lockout: LockoutPolicy::default(),
            argon_slots: std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            read_cache: crate::cache::TTL,
            questions_burst: 5,
            questions_per_hour: 10,
        }
    }
}

/// Why a server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start a worker thread: {0}")]
    Thread(#[from] std::io::Error),
    #[error("cannot make the key that seals carried forms")]
    CarryKey,
}

/// The shared state; cheap to clone.
#[derive(Clone, Debug)]
pub struct State(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    store: Store,
    settings: Settings,
    sessions: SessionPolicy,
    argon: Semaphore,
    argon_threads: ArgonThreads,
    cache: ReadCache,
    filing: FilingQueue,
    throttle: RateLimiter,
    questions_throttle: RateLimiter,
    pre_key: PreSessionKey,
    carry_key: CarryKey,
}

impl State {
    /// Builds the state: reads (or makes) the shared form-signing key and starts the filing
    /// thread, which stops when the last clone of the state is dropped.
    pub fn new(store: Store, settings: Settings) -> Result<(State, JoinHandle<()>), StartError> {
        let key = sessions::site_key(&mut *store.conn()?, "forms", Utc::now())?;
        let (filing, thread) =
            FilingQueue::start(store.clone(), settings.calendar.clone(), settings.server.filing_batch)?;
        let inner = Inner {
            sessions: SessionPolicy { idle: settings.server.session_idle, max: settings.server.session_max },
            argon: Semaphore::new(settings.argon_slots.max(1)),
            argon_threads: ArgonThreads::start(settings.argon_slots.max(1))?,
            cache: ReadCache::new(settings.read_cache),
            throttle: RateLimiter::new(settings.server.sign_in_per_minute, settings.server.sign_in_burst),
            questions_throttle: RateLimiter::per_hour(settings.questions_per_hour, settings.questions_burst),
            pre_key: PreSessionKey::new(&key),
            carry_key: CarryKey::new(&key).ok_or(StartError::CarryKey)?,
            filing,
            store,
            settings,
        };
        Ok((State(Arc::new(inner)), thread))
    }

    pub fn store(&self) -> &Store {
        &self.0.store
    }

    pub fn settings(&self) -> &Settings {
        &self.0.settings
    }

    pub fn server(&self) -> &ServerConfig {
        &self.0.settings.server
    }

    pub fn calendar(&self) -> &ProductionCalendar {
        &self.0.settings.calendar
    }

    pub fn session_policy(&self) -> &SessionPolicy {
        &self.0.sessions
    }

    pub fn throttle(&self) -> &RateLimiter {
        &self.0.throttle
    }

    /// The per-address limit on questions asked (each mails a confirmation link).
    pub fn questions_throttle(&self) -> &RateLimiter {
        &self.0.questions_throttle
    }

    pub fn pre_key(&self) -> &PreSessionKey {
        &self.0.pre_key
    }

    /// The key that seals forms carried through the sign-in ([`crate::carry`]).
    pub fn carry_key(&self) -> &CarryKey {
        &self.0.carry_key
    }

    /// The read caches (sessions and appeal statuses, at most a second old).
    pub fn cache(&self) -> &ReadCache {
        &self.0.cache
    }

    /// Runs `f` with a pooled connection on the blocking pool: Diesel never runs on the async
    /// worker threads.
    pub async fn db<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let store = self.0.store.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = store.conn()?;
            f(&mut conn)
        })
        .await
        .map_err(|e| AppError::Internal(format!("a database task failed: {e}")))?
    }

    /// Runs `f`, a PIN verification (argon2, CPU only), on the argon2 threads: at most
    /// `argon_slots` at once, so a storm of sign-ins cannot take every core from status reads,
    /// and on threads of their own (see [`ArgonThreads`]). `f` gets no database connection:
    /// look up before and record after with [`State::db`], so an argon2 thread never waits
    /// for the database and a verification never holds a connection.
    pub async fn argon<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce() -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let _permit = match tokio::time::timeout(ARGON_WAIT, self.0.argon.acquire()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) | Err(_) => return Err(AppError::Busy),
        };
        self.0.argon_threads.run(f).await?
    }

    /// How the group commit has gone so far.
    pub fn filing_stats(&self) -> crate::filing::FilingStats {
        self.0.filing.stats()
    }

    /// Files an appeal through the group-commit queue; returns after its commit.
    pub async fn file(&self, filing: Filing) -> Result<FileOutcome, FilingError> {
        self.0.filing.file(filing).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn argon_threads_run_jobs_on_their_own_threads_and_survive_a_panic() {
        let threads = ArgonThreads::start(2).expect("threads");
        let name = threads.run(|| std::thread::current().name().map(str::to_owned)).await.expect("ran");
        assert!(name.is_some_and(|n| n.starts_with("argon2-")), "not on tokio's threads");
        let failed = threads.run(|| -> u32 { panic!("a failing verification") }).await;
        assert!(matches!(failed, Err(AppError::Internal(_))), "the panic fails the request");
        // both threads are still there: two jobs that wait for each other complete
        let barrier = Arc::new(std::sync::Barrier::new(2));
        let (a, b) = (barrier.clone(), barrier);
        let (x, y) = tokio::join!(threads.run(move || a.wait().is_leader()), threads.run(move || b.wait().is_leader()));
        assert_ne!(x.expect("ran"), y.expect("ran"), "one leader: the two ran at once");
    }
}
