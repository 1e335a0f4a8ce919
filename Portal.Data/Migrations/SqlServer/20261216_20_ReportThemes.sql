-- Theme reports, テーマレポート (issue 17, item 5): the city asks residents, for a period, to report something specific
-- (「通学路の危険箇所」) in some categories and somewhere in the city. Title, prompt and cover words are city texts (JSON by
-- language). The period is two Japan days, 'yyyy-MM-dd', both included; ClosedUtc is set when an administrator ends it
-- early. CategoryCodes and WardIds are comma-separated codes (no ward: the whole city); the circle is optional.
-- Re-runnable.
IF OBJECT_ID(N'dbo.ReportTheme', N'U') IS NULL
    CREATE TABLE dbo.ReportTheme (
        Code               NVARCHAR(50)      NOT NULL CONSTRAINT PK_ReportTheme PRIMARY KEY,
        TitleText          NVARCHAR(MAX)     NOT NULL,
        PromptText         NVARCHAR(MAX)     NOT NULL,
        CoverText          NVARCHAR(MAX)     NULL,
        StartDate          NVARCHAR(10)      NOT NULL CONSTRAINT CK_ReportTheme_StartDate CHECK (LEN(StartDate) = 10),
        EndDate            NVARCHAR(10)      NOT NULL CONSTRAINT CK_ReportTheme_EndDate CHECK (LEN(EndDate) = 10),
        CategoryCodes      NVARCHAR(2000)    NOT NULL CONSTRAINT CK_ReportTheme_Categories CHECK (LEN(CategoryCodes) > 0),
        WardIds            NVARCHAR(500)     NOT NULL CONSTRAINT DF_ReportTheme_WardIds DEFAULT (N''),
        CircleLatitude     FLOAT             NULL,
        CircleLongitude    FLOAT             NULL,
        CircleRadiusMeters INT               NULL CONSTRAINT CK_ReportTheme_Radius CHECK (CircleRadiusMeters IS NULL OR CircleRadiusMeters > 0),
        ClosedUtc          DATETIMEOFFSET(7) NULL,
        CreatedUtc         DATETIMEOFFSET(7) NOT NULL,
        UpdatedUtc         DATETIMEOFFSET(7) NOT NULL,
        CONSTRAINT CK_ReportTheme_Period CHECK (EndDate >= StartDate),
        CONSTRAINT CK_ReportTheme_Circle CHECK (
            (CircleLatitude IS NULL AND CircleLongitude IS NULL AND CircleRadiusMeters IS NULL)
            OR (CircleLatitude IS NOT NULL AND CircleLongitude IS NOT NULL AND CircleRadiusMeters IS NOT NULL))
    );
GO

-- The report's theme in a column of its own (added, never a rebuild of Report).
IF COL_LENGTH(N'dbo.Report', N'ThemeCode') IS NULL
    ALTER TABLE dbo.Report ADD ThemeCode NVARCHAR(50) NULL CONSTRAINT FK_Report_Theme REFERENCES dbo.ReportTheme (Code);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_Report_Theme' AND object_id = OBJECT_ID(N'dbo.Report'))
    CREATE INDEX IX_Report_Theme ON dbo.Report (ThemeCode, CreatedUtc) WHERE ThemeCode IS NOT NULL;
GO
