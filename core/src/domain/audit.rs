//! The audit log: every clerk and administrator action, append-only (152-ФЗ).
//!
//! The database itself refuses UPDATE and DELETE on the table (triggers on both backends);
//! this module only names the actions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Who acted: a clerk's login, `os:<user>` for a command-line action without `--as`, or
/// `<login> (os:<user>)` for one with `--as <login>`, so that the person at the keyboard is on
/// record too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditActor(pub String);

impl AuditActor {
    pub fn clerk(login: &str) -> Self {
        AuditActor(login.to_owned())
    }

    /// A command-line action recorded under a clerk's login (`--as`), run by `user`.
    pub fn clerk_via_os(login: &str, user: &str) -> Self {
        AuditActor(format!("{login} (os:{user})"))
    }

    pub fn os_user(user: &str) -> Self {
        AuditActor(format!("os:{user}"))
    }

    pub fn system() -> Self {
        AuditActor("system".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Declares [`AuditAction`] with its stored spelling, so that [`AuditAction::ALL`] and
/// [`AuditAction::as_str`] cannot miss a variant.
macro_rules! audit_actions {
    ($($(#[$doc:meta])* $variant:ident => $stored:literal,)+) => {
        /// An audited action. The spelling is stored; never rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum AuditAction {
            $($(#[$doc])* $variant,)+
        }

        impl AuditAction {
            /// Every action, in the order of the enum.
            pub const ALL: [AuditAction; [$($stored),+].len()] = [$(AuditAction::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $stored,)+
                }
            }
        }
    };
}

audit_actions! {
    DatabaseMigrated => "database_migrated",
    /// A copy of the embedded database was written (`clerk-tui backup`).
    DatabaseBackedUp => "database_backed_up",
    DistrictSaved => "district_saved",
    RegistryImported => "registry_imported",
    CatalogueLoaded => "catalogue_loaded",
    ClerkAdded => "clerk_added",
    ClerkDisabled => "clerk_disabled",
    ClerkEnabled => "clerk_enabled",
    ClerkPasswordReset => "clerk_password_reset",
    ClerkRoleChanged => "clerk_role_changed",
    ClerkDistrictChanged => "clerk_district_changed",
    ClerkSignedIn => "clerk_signed_in",
    /// The clerk ended the session at the terminal (Ctrl+L).
    ClerkSignedOut => "clerk_signed_out",
    ClerkSignInFailed => "clerk_sign_in_failed",
    /// The clerk's terminal locked (idle, or by the clerk's key); the details say which.
    ClerkScreenLocked => "clerk_screen_locked",
    /// The clerk unlocked the terminal with their password (a wrong one is a
    /// `clerk_sign_in_failed`, counted towards the lockout like any).
    ClerkScreenUnlocked => "clerk_screen_unlocked",
    PinIssued => "pin_issued",
    PinRevoked => "pin_revoked",
    /// A clerk opened a resident's personal data (152-ФЗ).
    PersonalDataViewed => "personal_data_viewed",
    /// Everything held about one resident was put together for them (152-ФЗ art. 14,
    /// `clerk-tui resident data`).
    PersonalDataReported => "personal_data_reported",
    /// An appeal changed state; the details name the command.
    AppealTransition => "appeal_transition",
    AppealMessageSent => "appeal_message_sent",
    AppealReassigned => "appeal_reassigned",
    DeadlineExtended => "deadline_extended",
    DocumentAttached => "document_attached",
    QuestionAnswered => "question_answered",
    AuditExported => "audit_exported",
    ReportExported => "report_exported",
    DemoDataCreated => "demo_data_created",
    OutboxRetried => "outbox_retried",
    OutboxPurged => "outbox_purged",
    /// Finished cases past the retention period were deleted (`clerk-tui retention --apply`).
    RetentionApplied => "retention_applied",
}

impl AuditAction {
    /// The action stored as `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s.trim())
    }

    /// Message id of its name as people read it: `audit-action-pin_issued` («Выдан ПИН-код»).
    pub fn message_id(self) -> String {
        format!("audit-action-{}", self.as_str())
    }
}

/// A row of the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    /// What was acted on: `appeal:42`, `resident:17`, `clerk:ivanova`.
    pub subject: String,
    /// Machine-readable details (JSON); never a PIN, a password or an e-mail address.
    pub details: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_parses_back_and_has_a_name_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for a in AuditAction::ALL {
            assert!(seen.insert(a.as_str()), "{a:?} twice");
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
            assert!(crate::i18n::has_message(&a.message_id()), "{}", a.message_id());
            // the stored spelling is serde's
            assert_eq!(serde_json::to_string(&a).expect("json"), format!("\"{}\"", a.as_str()));
        }
        assert_eq!(AuditAction::parse("pin_issue"), None);
    }
}
