//! The delivery worker: claims due outbox messages, renders them, sends them with lettre and
//! marks them. It runs inside `intake-server` and as `clerk-tui outbox work`; any number may run
//! against one PostgreSQL, and the server's and a standalone one against one SQLite file.
//!
//! Failure handling tells the mail server's failures from a message's:
//!
//! - Only the server's reply to one message's `MAIL FROM`, `RCPT TO` or `DATA` counts against
//!   that message: a permanent reply (5xx) fails it at once, a transient one (4xx) is retried
//!   with exponential backoff and jitter ([`RetryPolicy`]).
//! - When the server itself cannot be used — no connection, TLS, greeting, `EHLO`, `STARTTLS`
//!   or `AUTH` failed (a wrong password's `535` included), or it answers `421`/`530` about the
//!   session — no message is charged an attempt: the pass stops, the messages go back untried,
//!   an operator-facing error is logged, and the worker waits ([`OutageBackoff`]) before trying
//!   the server again. lettre reports a reply's code but not the command it answered, so after
//!   a failed send the worker tests the connection (the pooled transport's `test_connection`:
//!   connect, `EHLO`, `STARTTLS`, `AUTH`, `NOOP`): if that fails too, the server is at fault.
//!   A failure without a reply (a dropped connection, a timeout) while the server passes that
//!   test counts against the message as a transient failure, so a message that always breaks
//!   the connection is given up on in time instead of blocking the queue.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{FileTransport, Message, SmtpTransport, Transport as _};

use super::flowed;
use super::render::render;
use super::{AppealRef, CouncilRef, MailContext, QuestionRef, RenderedMail};
use crate::clock::moscow_date;
use crate::domain::catalogue::LocalText;
use crate::domain::event::EventKind;
use crate::domain::ids::OutboxId;
use crate::i18n::{Lang, Msg, io_code_text, io_kind_code, tr};
use crate::links;
use crate::store::outbox::{self, Claimed, FailOutcome, MailJob, RetryPolicy};
use crate::store::{Store, StoreError, catalogue, districts};

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text: only for a relay on the same host or a trusted network.
    None,
    /// STARTTLS, required (port 587).
    Starttls,
    /// Implicit TLS (port 465).
    Tls,
}

/// Where mail goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportConfig {
    /// Each message written as an `.eml` file into a folder: the embedded default.
    File { dir: PathBuf },
    /// An SMTP server.
    Smtp {
        host: String,
        port: u16,
        security: SmtpSecurity,
        user: Option<String>,
        password: Option<String>,
        /// Connections kept open for reuse.
        pool_size: u32,
        timeout: StdDuration,
    },
}

/// A configured transport.
pub enum MailTransport {
    File(FileTransport),
    /// The transport and the server's `host:port` (for the operator's log lines).
    Smtp(SmtpTransport, String),
}

impl std::fmt::Debug for MailTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MailTransport::File(_) => f.write_str("MailTransport::File"),
            MailTransport::Smtp(_, server) => write!(f, "MailTransport::Smtp({server})"),
        }
    }
}

/// Delivery could not be set up or run.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("cannot create the mail folder {path}: {source}")]
    MailDir { path: PathBuf, source: std::io::Error },
    #[error("the mail settings are invalid: {0}")]
    Settings(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl MailTransport {
    pub fn new(config: &TransportConfig) -> Result<MailTransport, DeliveryError> {
        match config {
            TransportConfig::File { dir } => {
                std::fs::create_dir_all(dir).map_err(|source| DeliveryError::MailDir { path: dir.clone(), source })?;
                Ok(MailTransport::File(FileTransport::new(dir)))
            }
            TransportConfig::Smtp { host, port, security, user, password, pool_size, timeout } => {
                let tls = match security {
                    SmtpSecurity::None => Tls::None,
                    SmtpSecurity::Starttls => Tls::Required(
                        TlsParameters::new(host.clone()).map_err(|e| DeliveryError::Settings(e.to_string()))?,
                    ),
                    SmtpSecurity::Tls => Tls::Wrapper(
                        TlsParameters::new(host.clone()).map_err(|e| DeliveryError::Settings(e.to_string()))?,
                    ),
                };
                let mut builder = SmtpTransport::builder_dangerous(host.as_str())
                    .port(*port)
                    .tls(tls)
                    .timeout(Some(*timeout))
                    .pool_config(PoolConfig::new().max_size((*pool_size).max(1)));
                if let Some(user) = user {
                    builder = builder.credentials(Credentials::new(user.clone(), password.clone().unwrap_or_default()));
                }
                Ok(MailTransport::Smtp(builder.build(), format!("{host}:{port}")))
            }
        }
    }

    /// Where mail goes, for the operator's log lines: the server's `host:port`, or the folder.
    pub fn describe(&self) -> String {
        match self {
            MailTransport::File(_) => "the mail folder".to_owned(),
            MailTransport::Smtp(_, server) => server.clone(),
        }
    }

    /// Sends one message and says whose failure a failure is: the message's or the transport's.
    pub fn send(&self, message: &Message) -> Result<(), SendFailure> {
        match self {
            // the folder is not writable or the disk is full: no message is at fault
            MailTransport::File(t) => t.send(message).map(drop).map_err(|e| SendFailure::Transport(failure_text(&e))),
            MailTransport::Smtp(t, _) => {
                let Err(e) = t.send(message) else { return Ok(()) };
                if let Some(code) = e.status().filter(|c| session_reply(*c)) {
                    // the server's own text may quote the message's addresses: only the code
                    return Err(SendFailure::Transport(format!("the server replied {code} to the session")));
                }
                // lettre does not say which command a reply answered: test the connection
                // (connect, TLS, greeting, EHLO, AUTH) to tell a server that cannot be used
                // from a reply about this message
                let probe = match t.test_connection() {
                    Ok(true) => {
                        return Err(SendFailure::Message { permanent: e.is_permanent(), detail: failure_text(&e) });
                    }
                    Ok(false) => "the connection test failed".to_owned(),
                    Err(probe) => failure_text(&probe),
                };
                // the send's own reply code helps the operator; its text may quote addresses
                Err(SendFailure::Transport(match e.status() {
                    Some(code) => format!("{probe} (the send before it got {code})"),
                    None => probe,
                }))
            }
        }
    }
}

/// What an outbox row keeps of a failure: the error's own text, after `[io:<code>] ` when an
/// I/O failure of a kind people are told about in words lies behind it
/// ([`crate::i18n::io_kind_code`]), so that [`describe_failure`] can say it in the reader's
/// language later.
fn failure_text(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = Some(e);
    let mut kind = None;
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            kind = Some(io.kind());
            break;
        }
        cause = c.source();
    }
    match kind.and_then(io_kind_code) {
        Some(code) => format!("{IO_TAG}{code}] {e}"),
        None => e.to_string(),
    }
}

const IO_TAG: &str = "[io:";

/// A stored failure (the outbox's error column) as an administrator reads it: a refused
/// connection, a timeout, a missing folder… in words, the original text after them in
/// parentheses; any other failure as it was stored.
pub fn describe_failure(stored: &str, lang: Lang) -> String {
    if let Some(rest) = stored.strip_prefix(IO_TAG)
        && let Some((code, detail)) = rest.split_once("] ")
        && let Some(words) = io_code_text(lang, code)
    {
        return Msg::new("outbox-error-io").arg("reason", words).arg("detail", detail).render(lang);
    }
    stored.to_owned()
}

/// Replies that concern the session rather than one message, whatever command they answer:
/// `421` (the service is closing the connection) and `530` (authentication required: the
/// worker has no or wrong credentials).
fn session_reply(code: lettre::transport::smtp::response::Code) -> bool {
    matches!(code.to_string().as_str(), "421" | "530")
}

/// Why a message was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendFailure {
    /// The server answered this message's `MAIL FROM`, `RCPT TO` or `DATA` negatively (or,
    /// while otherwise usable, dropped the connection during it): counted against the message.
    Message {
        /// A 5xx reply: retrying will not help.
        permanent: bool,
        /// The error, which may quote the address: stored with the message, never logged.
        detail: String,
    },
    /// The server (or the mail folder) cannot be used at all: no message is at fault. The
    /// text carries no personal data (no message was being talked about).
    Transport(String),
}

/// How long a worker waits before trying again a mail server it could not use: `first` after
/// the first failed pass, doubling with each further one up to `max`, with ±20% jitter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutageBackoff {
    pub first: Duration,
    pub max: Duration,
}

impl Default for OutageBackoff {
    fn default() -> Self {
        OutageBackoff { first: Duration::seconds(30), max: Duration::minutes(10) }
    }
}

impl OutageBackoff {
    /// The wait after the `outages`-th pass in a row that could not use the server (1-based).
    pub fn wait(&self, outages: u32) -> Duration {
        RetryPolicy { max_attempts: u32::MAX, base: self.first, max: self.max, jitter: 0.2 }.jittered(outages)
    }
}

/// How a worker behaves.
#[derive(Clone, Debug)]
pub struct DeliverySettings {
    pub from: Mailbox,
    /// Links in the mail start with it.
    pub public_base_url: String,
    /// Messages claimed per pass.
    pub batch: i64,
    /// How long a claim holds; a worker that dies leaves its messages for this long.
    pub lease: Duration,
    /// How a message's own failures (4xx replies) are retried.
    pub retry: RetryPolicy,
    /// How long to wait before trying again a server that could not be used.
    pub outage: OutageBackoff,
    /// The pause between passes that found nothing to send.
    pub idle_poll: StdDuration,
    /// This worker's name in claims (unique per worker).
    pub worker_id: String,
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassStats {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    /// Given back untried: the server could not be used, or half the lease had passed.
    pub released: usize,
    /// The server could not be used: nothing was counted against any message, and the worker
    /// waits this long before trying it again.
    pub outage: Option<StdDuration>,
}

/// A hook run right after each message is sent and before it is marked; returning `false`
/// stops the pass at once, as a crash there would (tests use it).
pub type AfterSend = Box<dyn Fn(OutboxId) -> bool + Send + Sync>;

/// A delivery worker.
pub struct Deliverer {
    store: Store,
    transport: MailTransport,
    settings: DeliverySettings,
    domain: String,
    after_send: Option<AfterSend>,
    /// Passes in a row that could not use the server.
    outages: AtomicU32,
}

impl Deliverer {
    pub fn new(store: Store, transport: MailTransport, settings: DeliverySettings) -> Deliverer {
        let domain = settings.from.email.domain().to_owned();
        Deliverer { store, transport, settings, domain, after_send: None, outages: AtomicU32::new(0) }
    }

    /// Installs the after-send hook.
    #[must_use]
    pub fn with_after_send(mut self, hook: AfterSend) -> Deliverer {
        self.after_send = Some(hook);
        self
    }

    /// The Message-ID of a message: the same on every attempt.
    pub fn message_id(&self, claimed: &Claimed) -> String {
        format!("<{}@{}>", claimed.message_key, self.domain)
    }

    /// The message for a job.
    pub fn build(&self, job: &MailJob) -> Result<(Message, RenderedMail), BuildError> {
        self.build_with(job, &mut ContextCache::default())
    }

    fn build_with(&self, job: &MailJob, cache: &mut ContextCache) -> Result<(Message, RenderedMail), BuildError> {
        let ctx = cache.context(&self.store, &self.settings.public_base_url, job).map_err(BuildError::Store)?;
        let rendered = render(&job.kind, &ctx);
        let to: Mailbox = job.claimed.recipient.parse().map_err(|_| BuildError::BadRecipient)?;
        let message = message(&self.settings.from, to, ctx.lang, &rendered, self.message_id(&job.claimed))?;
        Ok((message, rendered))
    }

    /// One pass: claim a batch, send it, mark the results.
    ///
    /// Loading and rendering run on a helper thread a few messages ahead of the sending, so the
    /// database and the templates cost nothing while the SMTP server answers.
    pub fn run_pass(&self, now: DateTime<Utc>) -> Result<PassStats, DeliveryError> {
        let worker = &self.settings.worker_id;
        let claimed = outbox::claim(&mut *self.store.conn()?, worker, now, self.settings.lease, self.settings.batch)?;
        let mut stats = PassStats { claimed: claimed.len(), ..PassStats::default() };
        if claimed.is_empty() {
            return Ok(stats);
        }
        let ids: Vec<OutboxId> = claimed.iter().map(|c| c.id).collect();
        let mut sent = Vec::new();
        let mut tried = 0;
        // a slow server must not let the lease run out under messages not yet sent: another
        // worker would take them over and send them too
        let started = std::time::Instant::now();
        let send_until = (self.settings.lease / 2).to_std().unwrap_or(StdDuration::ZERO);
        let outcome = std::thread::scope(|scope| -> Result<Option<Stop>, DeliveryError> {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Prepared, StoreError>>(8);
            scope.spawn(move || {
                let mut cache = ContextCache::default();
                for claimed in claimed {
                    let id = claimed.id;
                    let prepared = self.store.conn().and_then(|mut c| outbox::load_job(&mut c, claimed)).and_then(
                        |job| match self.build_with(&job, &mut cache) {
                            Ok((message, _)) => Ok(Prepared { id, message: Ok(message) }),
                            Err(BuildError::Store(e)) => Err(e),
                            Err(e) => Ok(Prepared { id, message: Err(e.to_string()) }),
                        },
                    );
                    if tx.send(prepared).is_err() {
                        return;
                    }
                }
            });
            for prepared in rx.iter() {
                let prepared = prepared?;
                if started.elapsed() >= send_until {
                    return Ok(Some(Stop::LeaseHalfGone));
                }
                tried += 1;
                let id = prepared.id;
                let outcome = match &prepared.message {
                    Ok(message) => self.transport.send(message),
                    Err(detail) => Err(SendFailure::Message { permanent: true, detail: detail.clone() }),
                };
                match outcome {
                    Ok(()) => {
                        if let Some(hook) = &self.after_send
                            && !hook(id)
                        {
                            return Ok(Some(Stop::Crash));
                        }
                        sent.push(id);
                    }
                    Err(SendFailure::Transport(detail)) => {
                        // not this message's fault: it goes back untried with the rest
                        tried -= 1;
                        return Ok(Some(Stop::TransportDown(detail)));
                    }
                    Err(SendFailure::Message { permanent, detail }) => {
                        // the error text may quote the address: keep it out of the log
                        tracing::warn!(outbox = id.0, permanent, "mail delivery failed");
                        let conn = &mut *self.store.conn()?;
                        match outbox::mark_failed(conn, id, worker, &detail, permanent, &self.settings.retry, now)? {
                            FailOutcome::Failed => stats.failed += 1,
                            FailOutcome::RetryAt(_) => stats.retried += 1,
                            FailOutcome::LostLease => {}
                        }
                    }
                }
            }
            Ok(None)
        })?;
        match outcome {
            // a simulated crash between the send and the mark: nothing more is written
            Some(Stop::Crash) => return Ok(stats),
            Some(Stop::TransportDown(detail)) => {
                let outages = self.outages.fetch_add(1, Ordering::Relaxed).saturating_add(1);
                let wait = self.settings.outage.wait(outages);
                let wait_std = wait.to_std().unwrap_or(StdDuration::ZERO);
                tracing::error!(
                    server = %self.transport.describe(),
                    error = %detail,
                    failed_passes = outages,
                    retry_in_seconds = wait_std.as_secs_f64(),
                    "cannot use the mail server (check that it runs and the mail settings: host, port, \
                     security, user, password); no message is counted as failed, delivery resumes \
                     when the server can be used"
                );
                let at = now + wait;
                stats.released = outbox::defer(&mut *self.store.conn()?, &ids[tried..], worker, at, &detail)?;
                stats.outage = Some(wait_std);
            }
            Some(Stop::LeaseHalfGone) => {
                // due at once: the next pass claims them under a fresh lease
                stats.released = outbox::release(&mut *self.store.conn()?, &ids[tried..], worker, Utc::now())?;
            }
            None => {}
        }
        if stats.outage.is_none() && tried > 0 {
            let before = self.outages.swap(0, Ordering::Relaxed);
            if before > 0 {
                tracing::info!(server = %self.transport.describe(), failed_passes = before, "the mail server can be used again");
            }
        }
        stats.sent = outbox::mark_sent(&mut *self.store.conn()?, &sent, worker, Utc::now())?;
        Ok(stats)
    }

    /// Runs passes until `stop` is set: immediately again after a full batch, after
    /// `idle_poll` otherwise. Errors are logged and retried after the poll interval.
    pub fn run(&self, stop: &AtomicBool) {
        while !stop.load(Ordering::Relaxed) {
            let pause = match self.run_pass(Utc::now()) {
                Ok(PassStats { outage: Some(wait), .. }) => wait,
                Ok(stats) if stats.claimed as i64 >= self.settings.batch && stats.released == 0 => StdDuration::ZERO,
                Ok(_) => self.settings.idle_poll,
                Err(e) => {
                    tracing::error!(error = %e, "mail delivery pass failed");
                    self.settings.idle_poll
                }
            };
            sleep_unless_stopped(pause, stop);
        }
    }
}

fn sleep_unless_stopped(total: StdDuration, stop: &AtomicBool) {
    let step = StdDuration::from_millis(50);
    let mut left = total;
    while !left.is_zero() && !stop.load(Ordering::Relaxed) {
        let nap = left.min(step);
        std::thread::sleep(nap);
        left = left.saturating_sub(nap);
    }
}

/// A message ready to send (or the reason it cannot be built).
struct Prepared {
    id: OutboxId,
    message: Result<Message, String>,
}

/// Why a pass stopped early.
enum Stop {
    /// The after-send hook said to stop, as a crash would.
    Crash,
    /// The server (or the folder) could not be used: the rest of the batch goes back untried.
    TransportDown(String),
    /// Half the lease has passed: the rest of the batch goes back, due at once.
    LeaseHalfGone,
}

/// Services and councils read during one pass (a batch usually concerns a few of each).
#[derive(Default)]
struct ContextCache {
    services: HashMap<String, (LocalText, crate::clock::Term)>,
    councils: HashMap<String, Option<CouncilRef>>,
}

impl ContextCache {
    fn council(&mut self, store: &Store, district: &str) -> Result<Option<CouncilRef>, StoreError> {
        if !self.councils.contains_key(district) {
            let found = districts::get(&mut *store.conn()?, district)?.map(|d| CouncilRef {
                name: d.council_name,
                address: d.council_address,
                hours: d.office_hours,
                phone: d.phone,
            });
            self.councils.insert(district.to_owned(), found);
        }
        Ok(self.councils.get(district).cloned().flatten())
    }

    fn context(&mut self, store: &Store, base: &str, job: &MailJob) -> Result<MailContext, StoreError> {
        let mut appeal = None;
        let mut council = None;
        let mut question = None;
        if let Some(a) = &job.appeal {
            if !self.services.contains_key(&a.service) {
                let service = catalogue::get(&mut *store.conn()?, &a.service)?
                    .ok_or_else(|| StoreError::corrupt("appeal service", a.service.as_str()))?;
                self.services.insert(a.service.clone(), (service.title, service.term));
            }
            if let Some((title, term)) = self.services.get(&a.service) {
                appeal = Some(AppealRef {
                    number: a.number.clone(),
                    service: title.clone(),
                    url: links::appeal(base, a.id),
                    term: *term,
                    due_on: Some(a.due_on),
                });
            }
            council = self.council(store, &a.district)?;
        } else if let Some((district, asked_at, text, address)) = &job.question {
            council = self.council(store, district)?;
            question = Some(QuestionRef {
                asked_on: moscow_date(asked_at.and_utc()),
                text: text.clone(),
                address: address.clone(),
            });
        } else if let Some(district) = &job.district {
            council = self.council(store, district)?;
        }
        Ok(MailContext {
            lang: job.claimed.lang,
            addressee: job.addressee.clone(),
            appeal,
            council,
            question,
            cabinet_url: links::cabinet(base),
            confirmation_url: job.claimed.link_token.as_deref().map(|t| links::confirm(base, t)),
        })
    }
}

/// Renders an outbox message as it would be sent, without claiming or sending it.
///
/// A confirmation request keeps its link only until it is sent: afterwards the preview says so
/// where the link stood, rather than putting the site's address under the button.
pub fn preview(store: &Store, public_base_url: &str, id: OutboxId) -> Result<Option<RenderedMail>, StoreError> {
    let Some(claimed) = outbox::peek(&mut *store.conn()?, id)? else { return Ok(None) };
    let job = outbox::load_job(&mut *store.conn()?, claimed)?;
    let mut ctx = ContextCache::default().context(store, public_base_url, &job)?;
    if matches!(job.kind, EventKind::ConfirmationRequested { .. }) && ctx.confirmation_url.is_none() {
        ctx.confirmation_url = Some(tr(ctx.lang, "mail-confirmation-link-not-kept"));
    }
    Ok(Some(render(&job.kind, &ctx)))
}

/// A message could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("the recipient address is not valid")]
    BadRecipient,
    #[error("the message could not be built: {0}")]
    Message(String),
    #[error(transparent)]
    Store(StoreError),
}

/// The event kinds whose mail a clerk should know failed (everything but confirmations).
pub fn concerns_appeal(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::ConfirmationRequested { .. } | EventKind::EmailConfirmed { .. })
}

/// A rendered letter as it is sent: from the sender as the letter's language names it
/// ([`sender_in`]), marked as sent by a program ([`automatic`]), its language stated
/// (`Content-Language`, RFC 3282, for screen readers and translating clients), the plain-text
/// part wrapped as `format=flowed` ([`super::flowed`]) and the HTML part beside it.
pub(crate) fn message(
    from: &Mailbox,
    to: Mailbox,
    lang: Lang,
    rendered: &RenderedMail,
    message_id: String,
) -> Result<Message, BuildError> {
    use lettre::message::SinglePart;
    use lettre::message::header::{ContentType, HeaderName, HeaderValue};
    let plain = ContentType::parse("text/plain; charset=utf-8; format=flowed")
        .map_err(|e| BuildError::Message(e.to_string()))?;
    automatic(Message::builder())
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Content-Language"), lang.code().to_owned()))
        .from(sender_in(from, lang))
        .to(to)
        .subject(rendered.subject.clone())
        .message_id(Some(message_id))
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(plain).body(flowed::encode(&rendered.text)))
                .singlepart(SinglePart::html(rendered.html.clone())),
        )
        .map_err(|e| BuildError::Message(e.to_string()))
}

/// Marks a message as sent by a program, not a person (RFC 3834 `Auto-Submitted`, and the
/// header Exchange and Outlook read instead): every letter says no reply is needed, and a
/// resident's out-of-office reply or auto-responder must not answer it to the council's mailbox.
pub(crate) fn automatic(builder: lettre::message::MessageBuilder) -> lettre::message::MessageBuilder {
    use lettre::message::header::{HeaderName, HeaderValue};
    builder
        .raw_header(HeaderValue::new(HeaderName::new_from_ascii_str("Auto-Submitted"), "auto-generated".to_owned()))
        .raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("X-Auto-Response-Suppress"),
            "OOF, AutoReply".to_owned(),
        ))
}

/// The sender as a letter in `lang` names it: the system's own name in that language when the
/// configured name is the system's name in another («Электронная приёмная» on an English
/// letter reads “e-Reception”); a council's own name, or none, stays as configured.
pub(crate) fn sender_in(from: &Mailbox, lang: Lang) -> Mailbox {
    let ours = from.name.as_deref().is_some_and(|name| Lang::ALL.iter().any(|l| tr(*l, "app-name") == name));
    if ours { Mailbox::new(Some(tr(lang, "app-name")), from.email.clone()) } else { from.clone() }
}
