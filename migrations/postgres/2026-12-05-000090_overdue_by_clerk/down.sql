DROP INDEX appeals_queue_due;
CREATE INDEX appeals_queue_due ON appeals
    (district_code, status, due_on, id, service_code, register_by, email_failed, resident_left);
