-- Account deletion (SQL Server): a deleted resident's account row stays as a tombstone, so that the ledger, the
-- audit trail and the reports' history still resolve; it carries no personal data and can never sign in again.
ALTER TABLE dbo.UserAccount ADD DeletedUtc DATETIMEOFFSET(7) NULL;
GO

-- The points left in a deleted resident's wallet lapse into this account, by a posting (the ledger is immutable).
INSERT INTO dbo.PointAccount (Kind, Code, Name, CreatedUtc) VALUES
    (N'Expiry', N'account-deleted', N'退会による失効', '2026-12-06T00:00:00+00:00');
GO
