//! The domain of e-Reception and everything that stores it.

pub mod domain;
pub mod i18n;
pub mod import;
