-- The resident's home (SQLite). A ticket a signed-in resident asked to be told about keeps its page token for
-- their home's link, sealed with the web host's data-protection key: never the token itself, so a copy of the
-- database still opens no ticket page. The home finds an account's ticket of the day by the account.
ALTER TABLE QueueNoticeSubscription ADD COLUMN SealedToken TEXT NULL;

CREATE INDEX IX_QueueNoticeSubscription_Account ON QueueNoticeSubscription (AccountId) WHERE AccountId IS NOT NULL;
