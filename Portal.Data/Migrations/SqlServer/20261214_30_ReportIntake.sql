-- Reports staff file for a caller or visitor, or from their own patrol (issue 17, item 4): how each came in, beside it,
-- seen by staff only. The report's Source says "phone", "counter" or "patrol"; its ContactEmail holds an address given.
-- PhotoConsent: the resident's answer to "may your photos be published?" (NULL: no photos from a resident, nothing asked).
-- Re-runnable.
IF OBJECT_ID(N'dbo.ReportIntake', N'U') IS NULL
    CREATE TABLE dbo.ReportIntake (
        ReportId     BIGINT            NOT NULL CONSTRAINT PK_ReportIntake PRIMARY KEY CONSTRAINT FK_ReportIntake_Report REFERENCES dbo.Report (Id),
        Source       NVARCHAR(16)      NOT NULL CONSTRAINT CK_ReportIntake_Source CHECK (Source IN (N'Phone', N'Counter', N'Patrol')),
        FiledById    BIGINT            NOT NULL CONSTRAINT FK_ReportIntake_FiledBy REFERENCES dbo.UserAccount (Id),
        ContactName  NVARCHAR(100)     NULL,
        ContactPhone NVARCHAR(20)      NULL,
        PhotoConsent BIT               NULL,
        FiledUtc     DATETIMEOFFSET(7) NOT NULL,
        -- Only someone other than staff is asked about their photos.
        CONSTRAINT CK_ReportIntake_Consent CHECK (PhotoConsent IS NULL OR Source <> N'Patrol')
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportIntake_FiledBy' AND object_id = OBJECT_ID(N'dbo.ReportIntake'))
    CREATE INDEX IX_ReportIntake_FiledBy ON dbo.ReportIntake (FiledById);
GO
