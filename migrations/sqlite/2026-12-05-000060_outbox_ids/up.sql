-- Outbox ids are never given again: the audit log names them (`outbox retry ID`), and a
-- plain INTEGER PRIMARY KEY hands a purged id to the next message once the newest ones were
-- purged. AUTOINCREMENT needs the table rebuilt. (PostgreSQL's identity never reuses.)
CREATE TABLE outbox_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    event_id BIGINT NOT NULL UNIQUE REFERENCES events (id),
    appeal_id BIGINT REFERENCES appeals (id),
    recipient TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    message_key TEXT NOT NULL UNIQUE,
    -- A confirmation link's token, kept only until the message is sent.
    link_token TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    claimed_by TEXT,
    claimed_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT,
    failed_at TEXT
);
INSERT INTO outbox_rebuilt SELECT * FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at, id);
CREATE INDEX outbox_by_appeal ON outbox (appeal_id, status);
