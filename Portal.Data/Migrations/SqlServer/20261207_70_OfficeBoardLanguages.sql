-- The languages an office's calling board alternates (issue 16), comma-separated in order ("ja,vi,en"); NULL means the
-- city's default (Queues:BoardLanguages).
IF COL_LENGTH(N'dbo.QueueSettings', N'BoardLanguages') IS NULL
    ALTER TABLE dbo.QueueSettings ADD BoardLanguages NVARCHAR(120) NULL;
GO
