//! The mail delivery worker inside the server: `Deliverer::run` on a dedicated thread, stopped
//! by a flag at shutdown. Deployments that run `clerk-tui outbox work` apart switch it off
//! (`--no-mail-worker`, or `mail_worker = false` under `[server]`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use ereception_core::config::Config;
use ereception_core::mail::deliver::{Deliverer, DeliveryError, MailTransport};
use ereception_core::store::Store;
use ereception_core::token::random_token;

/// A running delivery worker.
#[derive(Debug)]
pub struct MailWorker {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<()>,
}

/// Why the worker could not start.
#[derive(Debug, thiserror::Error)]
pub enum MailWorkerError {
    #[error(transparent)]
    Delivery(#[from] DeliveryError),
    #[error("cannot start the mail thread: {0}")]
    Thread(#[from] std::io::Error),
}

impl MailWorker {
    /// Starts delivering the outbox of `store` with the configured transport.
    pub fn start(store: Store, config: &Config) -> Result<MailWorker, MailWorkerError> {
        let transport = MailTransport::new(&config.mail.transport)?;
        let worker = format!("server-{}-{}", std::process::id(), random_token(5));
        let deliverer = Deliverer::new(store, transport, config.delivery_settings(&worker));
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::Builder::new().name("mail-delivery".to_owned()).spawn(move || {
            tracing::info!("mail delivery started");
            deliverer.run(&flag);
            tracing::info!("mail delivery stopped");
        })?;
        Ok(MailWorker { stop, handle })
    }

    /// Sets the stop flag and waits for the current pass to end. A message sent but not yet
    /// marked is sent again, under the same Message-ID, when its lease runs out.
    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        if self.handle.join().is_err() {
            tracing::error!("the mail thread panicked");
        }
    }
}
