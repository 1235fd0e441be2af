-- The home screen's counts (store::desk::counts) group a district's open appeals by status and
-- service and sum what is overdue, due today, undelivered or left. With these columns after
-- the queue's keyset columns, the index answers that query alone, without reading the table;
-- the queue's order by (district_code, status, due_on, id) is unchanged.
DROP INDEX appeals_queue_due;
CREATE INDEX appeals_queue_due ON appeals
    (district_code, status, due_on, id, service_code, register_by, email_failed, resident_left);
