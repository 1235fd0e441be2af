//! Domain types and rules. Nothing here does I/O or knows Diesel.

pub mod appeal;
pub mod audit;
pub mod catalogue;
pub mod clerk;
pub mod district;
pub mod event;
pub mod ids;
pub mod person;
pub mod question;
pub mod status;
