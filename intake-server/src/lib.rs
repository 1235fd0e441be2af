//! `intake-server`: the residents' door to e-Reception — a lean hyper 1 server on tokio.
//!
//! It serves the sign-in with the account number and PIN, the private section (appeals, their
//! timelines, documents, messages), the filing form of every service, withdrawal and corrected
//! appeals, questions without a PIN with e-mail confirmation, a JSON API described by an
//! OpenAPI document, and the Open311 GeoReport v2 read endpoints. See `router::ROUTES`.
//!
//! **Invariants:** only this crate knows HTTP; handlers parse input into core's types, call
//! core and render views owned by the server; Diesel and argon2 run off the async threads
//! ([`State::db`], [`State::argon`]); filings are acknowledged only after their group commit
//! ([`filing`]); nothing a clerk does is reachable from here; no log line carries personal
//! data or a token (requests are logged by route pattern, not path); reads may be served from
//! a cache at most one second old, changes never act on one ([`cache`]).
//!
//! Tests and benchmarks drive the real server through [`serve`] on `127.0.0.1:0`.

pub mod cache;
pub mod carry;
pub mod csrf;
pub mod ctx;
pub mod error;
pub mod filing;
pub mod http;
pub mod mail_worker;
mod pages;
pub mod router;
pub mod state;
pub mod throttle;
mod views;

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use chrono::Utc;
use ereception_core::domain::audit::{AuditAction, AuditActor};
use ereception_core::domain::catalogue::Catalogue;
use ereception_core::store::{Store, StoreError, accounts, audit, catalogue, migrate, questions, sessions, write_txn};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

pub use mail_worker::MailWorker;
pub use state::{Settings, StartError, State};

/// How often expired sessions, forgotten sign-in counters of unknown numbers and questions
/// whose confirmation link expired unused are deleted.
const PURGE_EVERY: Duration = Duration::from_secs(600);

/// The read buffer a request head (request line and headers) must end within, or it is refused
/// with 431 (a head that arrives whole in one read may overrun it by that read's size).
/// hyper's default (about 400 KiB) let each slow client hold that much memory until the header
/// timeout, a thousand of them 400 MiB. The largest head a browser sends here is a few KiB
/// (the cookies of a carried form, `carry::COOKIE_MAX`, are the bulk of it), and common
/// proxies pass at most 8–32 KiB.
pub const MAX_HEAD_BYTES: usize = 32 * 1024;

/// Serves `listener` until `shutdown` completes; then stops accepting, lets the requests in
/// flight finish (for up to `server.shutdown_grace`) and returns.
pub async fn serve(state: State, listener: TcpListener, shutdown: impl Future<Output = ()>) {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(state.server().header_timeout)
        .max_buf_size(MAX_HEAD_BYTES)
        .keep_alive(true);
    let purge = tokio::spawn(purge_expired(state.clone()));
    let mut shutdown = pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, peer) = match accepted {
                    Ok(pair) => pair,
                    Err(e) => {
                        // out of descriptors, a reset before accept: wait a moment, go on
                        tracing::warn!(error = %e, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let state = state.clone();
                let service = service_fn(move |mut req| {
                    let state = state.clone();
                    req.extensions_mut().insert(http::Peer(peer));
                    async move { Ok::<_, Infallible>(router::route(req, &state).await) }
                });
                let conn = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
                tokio::spawn(async move {
                    if let Err(e) = conn.await {
                        tracing::debug!(error = %e, "a connection ended with an error");
                    }
                });
            }
            () = &mut shutdown => break,
        }
    }
    drop(listener);
    purge.abort();
    let grace = state.server().shutdown_grace;
    drop(state);
    tracing::info!(connections = graceful.count(), "shutting down: finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => tracing::info!("every connection closed"),
        () = tokio::time::sleep(grace) => tracing::warn!("the grace period ended with requests still in flight"),
    }
}

async fn purge_expired(state: State) {
    let mut tick = tokio::time::interval(PURGE_EVERY);
    loop {
        tick.tick().await;
        // an expired session's row (a token hash and an account id) stays while its cookie
        // may still be sent: a form sent with it is carried through the sign-in (`carry`)
        let policy = *state.session_policy();
        match state.db(move |c| Ok(sessions::purge_expired(c, &policy, Utc::now())?)).await {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "expired sessions deleted"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deleting expired sessions failed"),
        }
        let policy = state.settings().lockout;
        match state.db(move |c| Ok(accounts::purge_strangers(c, &policy, Utc::now())?)).await {
            Ok(n) if n > 0 => tracing::info!(counters = n, "sign-in counters of unknown numbers forgotten"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deleting sign-in counters of unknown numbers failed"),
        }
        match state.db(|c| Ok(questions::purge_unconfirmed(c, Utc::now())?)).await {
            Ok(n) if n > 0 => tracing::info!(questions = n, "unconfirmed questions deleted after their link expired"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deleting unconfirmed questions failed"),
        }
    }
}

/// Loads the shipped service catalogue into a database that has none yet (as `clerk-tui
/// migrate` does), audited. Returns whether it did.
pub fn seed_catalogue(store: &Store) -> Result<bool, StoreError> {
    let c = &mut *store.conn()?;
    write_txn(c, |c| {
        if !catalogue::is_empty(c)? {
            return Ok(false);
        }
        let builtin = Catalogue::builtin().map_err(|e| StoreError::Migration(e.to_string()))?;
        catalogue::load(c, &builtin)?;
        let versions = migrate::embedded_versions(c)?;
        audit::record(
            c,
            Utc::now(),
            &AuditActor::system(),
            AuditAction::DatabaseMigrated,
            "database",
            &serde_json::json!({ "schema": versions.last(), "catalogue_seeded": true, "by": "intake-server" }),
        )?;
        Ok(true)
    })
}
