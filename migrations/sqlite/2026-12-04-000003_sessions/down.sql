DROP TABLE site_keys;
DROP TABLE sessions;
