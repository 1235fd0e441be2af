//! Domain types and rules. Nothing here does I/O or knows Diesel.

pub mod ids;
pub mod person;
