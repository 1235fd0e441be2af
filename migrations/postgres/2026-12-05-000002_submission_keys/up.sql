-- The one-time key of the web form each appeal was filed from. The form carries a random key in
-- a hidden field; a second POST of the same form by the same account (a double click, Back and
-- send again) finds its key here and is taken to the appeal already filed instead of filing a
-- copy (store::submissions::file_once_in). The primary key is the lookup's index.
CREATE TABLE appeal_submissions (
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    submission_key TEXT NOT NULL,
    appeal_id BIGINT NOT NULL REFERENCES appeals (id),
    PRIMARY KEY (account_id, submission_key)
);
