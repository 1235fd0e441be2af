DROP INDEX appeals_queue_due;
CREATE INDEX appeals_queue_due ON appeals (district_code, status, due_on, id);
