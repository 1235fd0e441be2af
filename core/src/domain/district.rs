//! Districts and their councils.

use serde::{Deserialize, Serialize};

use super::ids::DistrictCode;

/// A district of Moscow and its council (управа района): where documents are collected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct District {
    pub code: DistrictCode,
    /// «Арбат».
    pub name: String,
    /// «Управа района Арбат города Москвы».
    pub council_name: String,
    /// «ул. Новый Арбат, д. 36, стр. 1».
    pub council_address: String,
    /// «пн–чт 9:00–18:00, пт 9:00–16:45, обед 13:00–13:45».
    pub office_hours: String,
    pub phone: Option<String>,
}
