DROP TABLE appeal_submissions;
