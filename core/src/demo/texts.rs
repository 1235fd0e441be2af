//! Message ids of what the demo's people "type": questions and answers, clerks' messages,
//! reasons for extensions, purposes of documents. The texts are in `locales/*/demo.ftl`, so
//! the demo reads right in either language; `tests::every_text_exists` checks these ids, which
//! are chosen at run time and so escape the catalogue's scan for literal ids.

/// A question residents ask (as a consultation or without a PIN) and the answer a clerk gives:
/// `(topic option of the consultation service, question id, answer id)`.
pub(crate) const QUESTIONS: &[(&str, &str, &str)] = &[
    ("housing", "demo-q-housing-tenancy", "demo-a-housing-tenancy"),
    ("housing", "demo-q-housing-lift", "demo-a-housing-lift"),
    ("benefits", "demo-q-benefits-repair", "demo-a-benefits-repair"),
    ("benefits", "demo-q-benefits-transport", "demo-a-benefits-transport"),
    ("improvement", "demo-q-improvement-playground", "demo-a-improvement-playground"),
    ("improvement", "demo-q-improvement-benches", "demo-a-improvement-benches"),
    ("other", "demo-q-other-reception", "demo-a-other-reception"),
    ("other", "demo-q-other-noise", "demo-a-other-noise"),
];

/// Informational messages a clerk sends about any appeal.
pub(crate) const MESSAGES_ANY: &[&str] = &["demo-message-accepted", "demo-message-phone"];

/// Informational messages a clerk sends about a document.
pub(crate) const MESSAGES_DOCUMENT: &[&str] = &["demo-message-registry-request", "demo-message-signing"];

/// Reasons a supervisor gives for extending a deadline.
pub(crate) const EXTENSION_REASONS: &[&str] = &["demo-extension-request", "demo-extension-inspection"];

/// What a document is for (a text field named `purpose`).
pub(crate) const PURPOSES: &[&str] =
    &["demo-purpose-sale", "demo-purpose-notary", "demo-purpose-subsidy", "demo-purpose-school"];

/// Every id above, for the test.
#[cfg(test)]
pub(crate) fn all() -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = QUESTIONS.iter().flat_map(|(_, q, a)| [*q, *a]).collect();
    ids.extend(MESSAGES_ANY);
    ids.extend(MESSAGES_DOCUMENT);
    ids.extend(EXTENSION_REASONS);
    ids.extend(PURPOSES);
    ids
}
