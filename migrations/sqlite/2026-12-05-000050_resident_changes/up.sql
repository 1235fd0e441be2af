-- The import that last changed a resident's data, not merely listed them again: what a
-- re-import reports as changed (NULL for a resident no import has changed since adding them).
ALTER TABLE residents ADD COLUMN changed_import_id BIGINT REFERENCES registry_imports (id);
