//! The addresses of the resident's pages, shared by the mail templates and the server's
//! router so that a link in an e-mail always leads somewhere.

use crate::domain::ids::AppealId;

/// The private section: `<base>/`.
pub fn cabinet(base: &str) -> String {
    format!("{}/", base.trim_end_matches('/'))
}

/// An appeal's page in the private section (it asks to sign in first, then comes back).
pub fn appeal(base: &str, id: AppealId) -> String {
    format!("{}/appeals/{}", base.trim_end_matches('/'), id.0)
}

/// Where a confirmation link leads.
pub fn confirm(base: &str, token: &str) -> String {
    format!("{}/confirm/{}", base.trim_end_matches('/'), token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_without_double_slashes() {
        assert_eq!(cabinet("https://priem.example/"), "https://priem.example/");
        assert_eq!(appeal("https://priem.example", AppealId(7)), "https://priem.example/appeals/7");
        assert_eq!(confirm("http://127.0.0.1:8080/", "abc"), "http://127.0.0.1:8080/confirm/abc");
    }
}
