-- Nothing to do: an identity column never gives an id again (SQLite's sessions needed
-- AUTOINCREMENT for that). The version exists so that both backends share one history.
SELECT 1;
