//! The domain of e-Reception and everything that stores it.

pub mod account;
pub mod clock;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod registry;
pub mod store;
pub mod token;
