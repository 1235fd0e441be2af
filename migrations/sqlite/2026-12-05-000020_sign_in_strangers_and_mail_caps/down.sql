DROP INDEX questions_by_status;
DROP INDEX email_confirmations_by_account;
DROP INDEX email_confirmations_by_email;
DROP TABLE sign_in_strangers;
