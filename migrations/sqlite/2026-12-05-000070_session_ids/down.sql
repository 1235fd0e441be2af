-- Back to a plain INTEGER PRIMARY KEY.
CREATE TABLE sessions_rebuilt (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sessions_rebuilt SELECT * FROM sessions;
DROP TABLE sessions;
ALTER TABLE sessions_rebuilt RENAME TO sessions;
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_by_account ON sessions (account_id);
