-- The resident's home (SQL Server). A ticket a signed-in resident asked to be told about keeps its page token for
-- their home's link, sealed with the web host's data-protection key: never the token itself, so a copy of the
-- database still opens no ticket page. The home finds an account's ticket of the day by the account.
IF COL_LENGTH(N'dbo.QueueNoticeSubscription', N'SealedToken') IS NULL
    ALTER TABLE dbo.QueueNoticeSubscription ADD SealedToken NVARCHAR(400) NULL;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_QueueNoticeSubscription_Account' AND object_id = OBJECT_ID(N'dbo.QueueNoticeSubscription'))
    CREATE INDEX IX_QueueNoticeSubscription_Account ON dbo.QueueNoticeSubscription (AccountId) WHERE AccountId IS NOT NULL;
GO
