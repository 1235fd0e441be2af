//! The domain of e-Reception and everything that stores it.

pub mod account;
#[cfg(feature = "cli")]
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod links;
pub mod mail;
pub mod registry;
pub mod store;
pub mod timeline;
pub mod token;
pub mod toml_problem;
