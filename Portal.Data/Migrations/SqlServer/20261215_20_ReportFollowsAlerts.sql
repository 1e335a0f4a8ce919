-- Following reports and area alerts (issue 17, item 2). ReportFollow: an account follows a published report and hears
-- of its public changes. ReportAlert: an account's area alert (a ward, a circle around a point, or a category, alone
-- or in one ward), told in at most one digest a Japan day; CoveredUntilUtc is how far its digests have looked,
-- LastDigestDay the Japan day ('2026-12-15') of the last digest sent. Both go with the account when it is deleted.
-- Re-runnable.
IF OBJECT_ID(N'dbo.ReportFollow', N'U') IS NULL
    CREATE TABLE dbo.ReportFollow (
        ReportId   BIGINT            NOT NULL CONSTRAINT FK_ReportFollow_Report REFERENCES dbo.Report (Id),
        AccountId  BIGINT            NOT NULL CONSTRAINT FK_ReportFollow_Account REFERENCES dbo.UserAccount (Id),
        CreatedUtc DATETIMEOFFSET(7) NOT NULL,
        CONSTRAINT PK_ReportFollow PRIMARY KEY (ReportId, AccountId)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportFollow_Account' AND object_id = OBJECT_ID(N'dbo.ReportFollow'))
    CREATE INDEX IX_ReportFollow_Account ON dbo.ReportFollow (AccountId);
GO

IF OBJECT_ID(N'dbo.ReportAlert', N'U') IS NULL
    CREATE TABLE dbo.ReportAlert (
        Id              BIGINT IDENTITY(1,1) NOT NULL CONSTRAINT PK_ReportAlert PRIMARY KEY,
        AccountId       BIGINT            NOT NULL CONSTRAINT FK_ReportAlert_Account REFERENCES dbo.UserAccount (Id),
        Area            NVARCHAR(16)      NOT NULL CONSTRAINT CK_ReportAlert_Area CHECK (Area IN (N'Ward', N'Radius', N'Category')),
        WardId          NVARCHAR(32)      NULL CONSTRAINT FK_ReportAlert_Ward REFERENCES dbo.WardOffice (Id),
        CategoryCode    NVARCHAR(40)      NULL CONSTRAINT FK_ReportAlert_Category REFERENCES dbo.ReportCategory (Code),
        Latitude        FLOAT             NULL,
        Longitude       FLOAT             NULL,
        RadiusMeters    INT               NULL CONSTRAINT CK_ReportAlert_Radius CHECK (RadiusMeters IS NULL OR RadiusMeters BETWEEN 1 AND 10000),
        Events          NVARCHAR(16)      NOT NULL CONSTRAINT CK_ReportAlert_Events CHECK (Events IN (N'NewReports', N'StatusChanges', N'Both')),
        CreatedUtc      DATETIMEOFFSET(7) NOT NULL,
        CoveredUntilUtc DATETIMEOFFSET(7) NOT NULL,
        LastDigestDay   NVARCHAR(10)      NULL,
        -- Each area keeps the fields it needs.
        CONSTRAINT CK_ReportAlert_WardArea CHECK (Area <> N'Ward' OR WardId IS NOT NULL),
        CONSTRAINT CK_ReportAlert_CategoryArea CHECK (Area <> N'Category' OR CategoryCode IS NOT NULL),
        CONSTRAINT CK_ReportAlert_RadiusArea CHECK (Area <> N'Radius' OR (Latitude IS NOT NULL AND Longitude IS NOT NULL AND RadiusMeters IS NOT NULL))
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportAlert_Account' AND object_id = OBJECT_ID(N'dbo.ReportAlert'))
    CREATE INDEX IX_ReportAlert_Account ON dbo.ReportAlert (AccountId, Id);
GO

-- The digests read the status lines of a period.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportUpdate_Kind_Occurred' AND object_id = OBJECT_ID(N'dbo.ReportUpdate'))
    CREATE INDEX IX_ReportUpdate_Kind_Occurred ON dbo.ReportUpdate (Kind, OccurredUtc);
GO
