//! Integration tests of `intake-server`: the real server on `127.0.0.1:0` against a real
//! database, walked over HTTP. Every test runs on SQLite, and on PostgreSQL when
//! `TEST_DATABASE_URL` is set; `cluster` runs two servers (one of them the real binary) on
//! one PostgreSQL; `browser` walks the pages in headless Chromium.

mod support;

mod auth;
mod browser;
mod cache;
mod carry;
mod cluster;
mod command_line;
mod confirm;
mod filing;
mod limits;
mod machine;
mod mail;
mod private;
mod public;
mod questions;
mod webdriver;
