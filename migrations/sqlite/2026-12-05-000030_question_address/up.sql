-- The address a question was asked about, as typed (trimmed): «наш дом», «наш двор» mean
-- nothing to the clerk without it. Personal data like the name and e-mail: it goes with the
-- question when an unconfirmed question is purged.
ALTER TABLE questions ADD COLUMN address TEXT;
