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

/// An audited action. The spelling is stored; never rename one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    DatabaseMigrated,
    DistrictSaved,
    RegistryImported,
    CatalogueLoaded,
    ClerkAdded,
    ClerkDisabled,
    ClerkEnabled,
    ClerkPasswordReset,
    ClerkRoleChanged,
    ClerkDistrictChanged,
    ClerkSignedIn,
    ClerkSignInFailed,
    PinIssued,
    PinRevoked,
    /// A clerk opened a resident's personal data (152-ФЗ).
    PersonalDataViewed,
    /// An appeal changed state; the details name the command.
    AppealTransition,
    AppealMessageSent,
    AppealReassigned,
    DeadlineExtended,
    DocumentAttached,
    QuestionAnswered,
    AuditExported,
    ReportExported,
    DemoDataCreated,
    OutboxRetried,
    OutboxPurged,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::DatabaseMigrated => "database_migrated",
            AuditAction::DistrictSaved => "district_saved",
            AuditAction::RegistryImported => "registry_imported",
            AuditAction::CatalogueLoaded => "catalogue_loaded",
            AuditAction::ClerkAdded => "clerk_added",
            AuditAction::ClerkDisabled => "clerk_disabled",
            AuditAction::ClerkEnabled => "clerk_enabled",
            AuditAction::ClerkPasswordReset => "clerk_password_reset",
            AuditAction::ClerkRoleChanged => "clerk_role_changed",
            AuditAction::ClerkDistrictChanged => "clerk_district_changed",
            AuditAction::ClerkSignedIn => "clerk_signed_in",
            AuditAction::ClerkSignInFailed => "clerk_sign_in_failed",
            AuditAction::PinIssued => "pin_issued",
            AuditAction::PinRevoked => "pin_revoked",
            AuditAction::PersonalDataViewed => "personal_data_viewed",
            AuditAction::AppealTransition => "appeal_transition",
            AuditAction::AppealMessageSent => "appeal_message_sent",
            AuditAction::AppealReassigned => "appeal_reassigned",
            AuditAction::DeadlineExtended => "deadline_extended",
            AuditAction::DocumentAttached => "document_attached",
            AuditAction::QuestionAnswered => "question_answered",
            AuditAction::AuditExported => "audit_exported",
            AuditAction::ReportExported => "report_exported",
            AuditAction::DemoDataCreated => "demo_data_created",
            AuditAction::OutboxRetried => "outbox_retried",
            AuditAction::OutboxPurged => "outbox_purged",
        }
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
