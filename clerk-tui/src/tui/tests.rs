//! The terminal driven by key sequences against a real SQLite database with demo data, through
//! the real runner, drawn on a `TestBackend` at 80×24.
//!
//! The demo database is generated once per test process at a fixed instant and copied for
//! every test, so tests run in parallel without sharing a database. Snapshots filter dates,
//! times, account numbers and PINs.

mod harness;
mod lock;
mod screens;
mod server;
mod work;
