//! Durable filing with group commit.
//!
//! Filings from every connection go into one queue. A dedicated thread takes what is waiting
//! (up to the batch size), files each inside its own savepoint of one write transaction (so
//! one bad filing does not sink the others), commits, and only then answers each waiter: an
//! acknowledged filing is on disk (SQLite runs with `synchronous = FULL`), and concurrent
//! filings share one fsync instead of queueing for one each.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};
use diesel::Connection;
use ereception_core::clock::ProductionCalendar;
use ereception_core::domain::appeal::AppealDraft;
use ereception_core::domain::ids::{AccountId, AppealId};
use ereception_core::i18n::Lang;
use ereception_core::store::appeals::{FileError, FileOutcome, FileRequest};
use ereception_core::store::submissions::{self, SubmissionKey};
use ereception_core::store::{Store, StoreError, write_txn};
use tokio::sync::{mpsc, oneshot};

/// An appeal to file, as the queue takes it.
#[derive(Clone, Debug)]
pub struct Filing {
    pub account: AccountId,
    pub draft: AppealDraft,
    pub lang: Lang,
    pub corrects: Option<AppealId>,
    /// The one-time key of the form it came from: a second filing with the same key (a double
    /// click, Back and send again) gets the appeal already filed.
    pub submission: Option<SubmissionKey>,
}

/// Why a filing was not acknowledged.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    /// Filing itself refused it (the account, the service, the correction).
    #[error(transparent)]
    File(#[from] FileError),
    /// The batch's transaction did not commit: nothing of it was stored.
    #[error("the filing transaction did not commit: {0}")]
    Commit(String),
    /// The queue has stopped (the server is shutting down).
    #[error("the filing queue has stopped")]
    Stopped,
}

struct Job {
    filing: Filing,
    reply: oneshot::Sender<Result<FileOutcome, FilingError>>,
}

/// The sending side of the queue; cheap to clone.
#[derive(Clone, Debug)]
pub struct FilingQueue {
    tx: mpsc::Sender<Job>,
    stats: Arc<Counters>,
}

#[derive(Debug, Default)]
struct Counters {
    commits: AtomicU64,
    filings: AtomicU64,
}

/// What the queue has committed since it started: how well filings share their commits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FilingStats {
    /// Transactions committed.
    pub commits: u64,
    /// Filings in them (acknowledged or refused by filing itself).
    pub filings: u64,
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Job")
    }
}

impl FilingQueue {
    /// Starts the committing thread. It ends when every [`FilingQueue`] clone is dropped,
    /// after filing what was queued.
    pub fn start(
        store: Store,
        calendar: Arc<ProductionCalendar>,
        batch: usize,
    ) -> std::io::Result<(FilingQueue, JoinHandle<()>)> {
        let (tx, rx) = mpsc::channel(1024);
        let batch = batch.max(1);
        let stats = Arc::new(Counters::default());
        let counters = stats.clone();
        let handle = std::thread::Builder::new()
            .name("filing-queue".to_owned())
            .spawn(move || run(&store, &calendar, batch, rx, &counters))?;
        Ok((FilingQueue { tx, stats }, handle))
    }

    /// Commits and filings so far.
    pub fn stats(&self) -> FilingStats {
        FilingStats {
            commits: self.stats.commits.load(Ordering::Relaxed),
            filings: self.stats.filings.load(Ordering::Relaxed),
        }
    }

    /// Files an appeal; returns once its transaction has committed.
    pub async fn file(&self, filing: Filing) -> Result<FileOutcome, FilingError> {
        let (reply, answer) = oneshot::channel();
        self.tx.send(Job { filing, reply }).await.map_err(|_| FilingError::Stopped)?;
        answer.await.map_err(|_| FilingError::Stopped)?
    }
}

fn run(store: &Store, calendar: &ProductionCalendar, batch: usize, mut rx: mpsc::Receiver<Job>, stats: &Counters) {
    while let Some(first) = rx.blocking_recv() {
        let mut jobs = vec![first];
        while jobs.len() < batch {
            match rx.try_recv() {
                Ok(job) => jobs.push(job),
                Err(_) => break,
            }
        }
        commit(store, calendar, jobs, stats);
    }
}

/// Files `filings` in one write transaction, each inside its own savepoint (a nested
/// transaction), so that one refused or failing filing leaves the others in. Returns each
/// filing's result once the transaction has committed; if the commit fails, none is stored.
pub fn file_batch(
    store: &Store,
    calendar: &ProductionCalendar,
    filings: &[&Filing],
    now: DateTime<Utc>,
) -> Result<Vec<Result<FileOutcome, FileError>>, StoreError> {
    let mut conn = store.conn()?;
    write_txn(&mut conn, |conn| {
        Ok(filings
            .iter()
            .map(|f| {
                let req = FileRequest { account: f.account, draft: &f.draft, lang: f.lang, corrects: f.corrects };
                conn.transaction(|sp| submissions::file_once_in(sp, &req, f.submission.as_ref(), calendar, now))
            })
            .collect())
    })
}

/// Files `jobs` together and answers each waiter after the commit.
fn commit(store: &Store, calendar: &ProductionCalendar, jobs: Vec<Job>, stats: &Counters) {
    let size = jobs.len();
    let filings: Vec<&Filing> = jobs.iter().map(|j| &j.filing).collect();
    let outcome = file_batch(store, calendar, &filings, Utc::now());
    match outcome {
        Ok(results) => {
            stats.commits.fetch_add(1, Ordering::Relaxed);
            stats.filings.fetch_add(size as u64, Ordering::Relaxed);
            tracing::debug!(batch = size, "filings committed");
            for (job, result) in jobs.into_iter().zip(results) {
                let _ = job.reply.send(result.map_err(FilingError::from));
            }
        }
        Err(e) => {
            tracing::error!(batch = size, error = %e, "a filing batch did not commit");
            for job in jobs {
                let _ = job.reply.send(Err(FilingError::Commit(e.to_string())));
            }
        }
    }
}
