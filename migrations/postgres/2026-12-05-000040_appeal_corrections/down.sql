DROP INDEX appeals_corrects;
