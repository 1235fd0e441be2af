//! Clerks, supervisors and administrators.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{ClerkId, DistrictCode};

/// What a staff member may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Works the queues and the PIN desk of their district.
    Clerk,
    /// A clerk who also reassigns work, sees overdue work across clerks and extends deadlines.
    Supervisor,
    /// Manages accounts, catalogues and imports; may work in any district.
    Administrator,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Clerk, Role::Supervisor, Role::Administrator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::Administrator => "administrator",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "clerk" | "специалист" => Some(Role::Clerk),
            "supervisor" | "руководитель" => Some(Role::Supervisor),
            "administrator" | "admin" | "администратор" => Some(Role::Administrator),
            _ => None,
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Role::Clerk => "role-clerk",
            Role::Supervisor => "role-supervisor",
            Role::Administrator => "role-administrator",
        }
    }

    /// Supervisors and administrators may reassign, see everyone's overdue work and extend.
    pub fn supervises(self) -> bool {
        matches!(self, Role::Supervisor | Role::Administrator)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A staff member, without secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clerk {
    pub id: ClerkId,
    pub login: String,
    pub full_name: String,
    pub role: Role,
    /// The district they work for; administrators may have none (city-wide).
    pub district: Option<DistrictCode>,
    pub disabled: bool,
}

/// Parses a login: 2–32 characters of a-z, 0-9, '.', '_' and '-', starting with a letter.
pub fn parse_login(s: &str) -> Option<String> {
    let s = s.trim().to_lowercase();
    let ok = (2..=32).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    ok.then_some(s)
}

/// The shortest clerk password we accept.
pub const MIN_PASSWORD_LEN: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins() {
        assert_eq!(parse_login(" Ivanova.M "), Some("ivanova.m".to_owned()));
        assert_eq!(parse_login("1abc"), None);
        assert_eq!(parse_login("иванова"), None);
        assert_eq!(parse_login("a"), None);
    }

    #[test]
    fn roles_parse_both_languages() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("Руководитель"), Some(Role::Supervisor));
        assert_eq!(Role::parse("boss"), None);
    }
}
