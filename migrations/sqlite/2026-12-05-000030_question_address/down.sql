ALTER TABLE questions DROP COLUMN address;
