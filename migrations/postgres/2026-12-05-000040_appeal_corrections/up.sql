-- A refused appeal's page and a correction's filing look up the appeals correcting it.
CREATE INDEX appeals_corrects ON appeals (corrects_appeal_id);
