-- e-Reception foundation schema (SQLite). Keep in step with migrations/postgres: a test
-- compares the two backends' tables and columns.
-- Times are UTC (TEXT 'YYYY-MM-DD HH:MM:SS[.ffffff]'); dates are Moscow dates ('YYYY-MM-DD').
-- *_key columns hold normalised search keys (lower case, ё→е, no punctuation), because
-- SQLite's LOWER and LIKE fold ASCII only.

CREATE TABLE districts (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) = 4),
    name TEXT NOT NULL,
    council_name TEXT NOT NULL,
    council_address TEXT NOT NULL,
    office_hours TEXT NOT NULL,
    phone TEXT
);

CREATE TABLE registry_imports (
    id INTEGER PRIMARY KEY NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    file_name TEXT NOT NULL,
    actor TEXT NOT NULL,
    districts TEXT NOT NULL,
    rows_total BIGINT NOT NULL DEFAULT 0,
    rows_inserted BIGINT NOT NULL DEFAULT 0,
    rows_updated BIGINT NOT NULL DEFAULT 0,
    rows_left BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE residents (
    id INTEGER PRIMARY KEY NOT NULL,
    registry_id TEXT NOT NULL UNIQUE,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    patronymic TEXT,
    birth_date TEXT NOT NULL,
    district_code TEXT NOT NULL REFERENCES districts (code),
    street TEXT NOT NULL,
    house TEXT NOT NULL,
    building TEXT,
    structure TEXT,
    flat TEXT,
    registration_kind TEXT NOT NULL CHECK (registration_kind IN ('permanent', 'temporary', 'contract')),
    surname_key TEXT NOT NULL,
    name_key TEXT NOT NULL,
    -- street|house|building|structure|flat, each part normalised: the household key
    address_key TEXT NOT NULL,
    left_at TEXT,
    -- the import that last listed the resident (its time is the import's)
    import_id BIGINT REFERENCES registry_imports (id)
);
CREATE INDEX residents_household ON residents (district_code, address_key);
CREATE INDEX residents_search ON residents (surname_key, id);

CREATE TABLE clerks (
    id INTEGER PRIMARY KEY NOT NULL,
    login TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
    district_code TEXT REFERENCES districts (code),
    password_hash TEXT NOT NULL,
    disabled_at TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    lockout_level INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_failure_at TEXT,
    created_at TEXT NOT NULL,
    password_changed_at TEXT NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE CHECK (length(number) = 10),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    pin_hash TEXT NOT NULL,
    email TEXT,
    email_confirmed_at TEXT,
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    issued_by TEXT NOT NULL,
    issued_by_clerk_id BIGINT REFERENCES clerks (id),
    issued_at TEXT NOT NULL,
    desk TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    lockout_level INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    last_failure_at TEXT,
    revoked_at TEXT,
    revoke_reason TEXT
);
-- One active PIN per resident.
CREATE UNIQUE INDEX accounts_one_active ON accounts (resident_id) WHERE revoked_at IS NULL;

CREATE TABLE email_confirmations (
    id INTEGER PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('account', 'question')),
    account_id BIGINT REFERENCES accounts (id),
    question_id BIGINT,
    email TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    confirmed_at TEXT
);

CREATE TABLE services (
    code TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'consultation')),
    no_visit BOOLEAN NOT NULL CHECK (no_visit IN (0, 1)),
    term_days INTEGER NOT NULL,
    term_unit TEXT NOT NULL CHECK (term_unit IN ('calendar', 'working')),
    title_ru TEXT NOT NULL,
    title_en TEXT NOT NULL,
    definition TEXT NOT NULL,
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL CHECK (active IN (0, 1))
);

CREATE TABLE appeal_counters (
    district_code TEXT NOT NULL REFERENCES districts (code),
    year INTEGER NOT NULL,
    last_seq BIGINT NOT NULL,
    PRIMARY KEY (district_code, year)
);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY NOT NULL,
    number TEXT NOT NULL UNIQUE,
    public_token TEXT NOT NULL UNIQUE,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    resident_id BIGINT NOT NULL REFERENCES residents (id),
    service_code TEXT NOT NULL REFERENCES services (code),
    district_code TEXT NOT NULL REFERENCES districts (code),
    status TEXT NOT NULL,
    status_data TEXT NOT NULL,
    stage TEXT,
    filed_data TEXT NOT NULL,
    check_result TEXT NOT NULL,
    needs_attention BOOLEAN NOT NULL CHECK (needs_attention IN (0, 1)),
    resident_left BOOLEAN NOT NULL DEFAULT 0 CHECK (resident_left IN (0, 1)),
    email_failed BOOLEAN NOT NULL DEFAULT 0 CHECK (email_failed IN (0, 1)),
    assigned_clerk_id BIGINT REFERENCES clerks (id),
    filed_at TEXT NOT NULL,
    register_by TEXT NOT NULL,
    due_on TEXT NOT NULL,
    extended_from TEXT,
    extension_reason TEXT,
    status_changed_at TEXT NOT NULL,
    decided_at TEXT,
    closed_at TEXT,
    corrects_appeal_id BIGINT REFERENCES appeals (id),
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    applicant_key TEXT NOT NULL,
    address_key TEXT NOT NULL
);
CREATE INDEX appeals_queue_filed ON appeals (district_code, status, filed_at, id);
CREATE INDEX appeals_queue_due ON appeals (district_code, status, due_on, id);
CREATE INDEX appeals_queue_number ON appeals (district_code, status, number, id);
CREATE INDEX appeals_queue_applicant ON appeals (district_code, status, applicant_key, id);
CREATE INDEX appeals_search_applicant ON appeals (district_code, applicant_key, id);
CREATE INDEX appeals_search_address ON appeals (district_code, address_key, id);
CREATE INDEX appeals_by_account ON appeals (account_id, filed_at, id);
CREATE INDEX appeals_by_resident ON appeals (resident_id, status);
CREATE INDEX appeals_by_clerk ON appeals (assigned_clerk_id, status, due_on, id);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY NOT NULL,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    created_at TEXT NOT NULL,
    created_by BIGINT REFERENCES clerks (id)
);
CREATE INDEX documents_by_appeal ON documents (appeal_id, id);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY NOT NULL,
    district_code TEXT NOT NULL REFERENCES districts (code),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'open', 'answered')),
    asked_at TEXT NOT NULL,
    confirmed_at TEXT,
    due_on TEXT NOT NULL,
    answer TEXT,
    answered_by BIGINT REFERENCES clerks (id),
    answered_at TEXT,
    name_key TEXT NOT NULL
);
CREATE INDEX questions_queue ON questions (district_code, status, asked_at, id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY NOT NULL,
    appeal_id BIGINT REFERENCES appeals (id),
    question_id BIGINT REFERENCES questions (id),
    account_id BIGINT REFERENCES accounts (id),
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL,
    actor_id BIGINT,
    actor_name TEXT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    CHECK ((appeal_id IS NOT NULL) + (question_id IS NOT NULL) + (account_id IS NOT NULL) = 1)
);
CREATE INDEX events_by_appeal ON events (appeal_id, id);
CREATE INDEX events_by_question ON events (question_id, id);
CREATE INDEX events_by_account ON events (account_id, id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- The audit log is append-only, enforced by the database itself (152-ФЗ).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
