ALTER TABLE residents DROP COLUMN changed_import_id;
