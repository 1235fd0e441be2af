DROP INDEX appeals_queue_register;
DROP INDEX appeals_queue_filed;
CREATE INDEX appeals_queue_filed ON appeals (district_code, status, filed_at, id);
DROP INDEX appeals_queue_number;
CREATE INDEX appeals_queue_number ON appeals (district_code, status, number, id);
DROP INDEX appeals_queue_applicant;
CREATE INDEX appeals_queue_applicant ON appeals (district_code, status, applicant_key, id);
