-- Account deletion (SQLite): a deleted resident's account row stays as a tombstone, so that the ledger, the audit
-- trail and the reports' history still resolve; it carries no personal data and can never sign in again.
ALTER TABLE UserAccount ADD COLUMN DeletedUtc TEXT NULL;

-- The points left in a deleted resident's wallet lapse into this account, by a posting (the ledger is immutable).
INSERT INTO PointAccount (Kind, Code, Name, CreatedUtc) VALUES
    ('Expiry', 'account-deleted', '退会による失効', '2026-12-06T00:00:00.0000000Z');
