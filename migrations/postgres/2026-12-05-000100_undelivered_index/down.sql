DROP INDEX appeals_undelivered;
