-- Session ids are never given again: the server's log names sessions by id (`session=6`), and
-- a plain INTEGER PRIMARY KEY hands the id of the newest session, once it ends, to the next
-- one, so that one number in the log meant two residents' sessions. AUTOINCREMENT needs the
-- table rebuilt; nothing refers to it. (PostgreSQL's identity never reuses.)
CREATE TABLE sessions_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
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
