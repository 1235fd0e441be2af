-- Sign-in failures for account numbers that have no active account (never issued, or revoked),
-- counted under the same lockout policy as real accounts, so that neither the page's "attempts
-- left" nor a lockout tells a real number from an unknown one. Shared by every server through
-- the database. The number itself is never stored: number_hash is the SHA-256 of the number
-- keyed with the site key "sign-in-numbers" (store::accounts). A row is deleted once its quiet
-- period has passed and it would count from zero anyway.
CREATE TABLE sign_in_strangers (
    number_hash TEXT PRIMARY KEY NOT NULL,
    failed_attempts INTEGER NOT NULL,
    lockout_level INTEGER NOT NULL,
    locked_until TIMESTAMP,
    last_failure_at TIMESTAMP
);
CREATE INDEX sign_in_strangers_last_failure ON sign_in_strangers (last_failure_at);

-- Caps on confirmation letters: per recipient address and day (the question form), per account
-- and day (the private section's "send the link again").
CREATE INDEX email_confirmations_by_email ON email_confirmations (email, created_at);
CREATE INDEX email_confirmations_by_account ON email_confirmations (account_id, created_at);

-- Unconfirmed questions are deleted once their link has expired (152-ФЗ: no personal data kept
-- without a purpose).
CREATE INDEX questions_by_status ON questions (status, asked_at);
