-- Residents' web sessions, shared by every server on the database: only the SHA-256 of the
-- random token in the cookie is stored, so a copy of the database lets nobody sign in.
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Keys the servers share (the one that signs the forms shown before signing in), made by the
-- first server that needs one.
CREATE TABLE site_keys (
    name TEXT PRIMARY KEY NOT NULL,
    secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);
