-- The report form's uploads not yet on a submitted report (issue 17, item 8). A photo goes on the log when the form
-- keeps it and off it when its report is submitted (or the resident removes it); the retention run deletes what is
-- still on it after Retention:AbandonedUploadHours, original and derived files included. Re-runnable.
IF OBJECT_ID(N'dbo.PhotoUpload', N'U') IS NULL
    CREATE TABLE dbo.PhotoUpload (
        StorageKey  NVARCHAR(100)     NOT NULL CONSTRAINT PK_PhotoUpload PRIMARY KEY,
        UploadedUtc DATETIMEOFFSET(7) NOT NULL
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_PhotoUpload_Uploaded' AND object_id = OBJECT_ID(N'dbo.PhotoUpload'))
    CREATE INDEX IX_PhotoUpload_Uploaded ON dbo.PhotoUpload (UploadedUtc, StorageKey);
GO
