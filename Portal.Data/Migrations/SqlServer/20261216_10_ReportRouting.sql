-- Routing and referral (issue 17, item 3). A category goes to a responsible section (担当課・事務所: 土木事務所,
-- 公園緑地事務所, 環境事業所 ...) per ward, or to the category's city-wide default (WardId N''); a report keeps the
-- section it was routed to in its own column. Staff may belong to a section (their inbox opens on it). What belongs to
-- someone else (the prefecture's road office, a railway, a utility, the police) is referred to an outside body from the
-- admins' list, delivered by e-mail or by a signed webhook through the notice outbox (NoticeDelivery gains the channel
-- 'Webhook'); ReportReferral records each referral and the key of the notice that carries it. Re-runnable.
IF OBJECT_ID(N'dbo.ReportSection', N'U') IS NULL
    CREATE TABLE dbo.ReportSection (
        Id       BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ReportSection PRIMARY KEY,
        Code     NVARCHAR(50)  NOT NULL CONSTRAINT UQ_ReportSection_Code UNIQUE,
        NameText NVARCHAR(MAX) NOT NULL,
        WardId   NVARCHAR(32)  NULL CONSTRAINT FK_ReportSection_Ward REFERENCES dbo.WardOffice (Id),
        IsActive BIT           NOT NULL CONSTRAINT DF_ReportSection_IsActive DEFAULT 1
    );
GO

IF OBJECT_ID(N'dbo.ReportRoute', N'U') IS NULL
    CREATE TABLE dbo.ReportRoute (
        CategoryCode NVARCHAR(40) NOT NULL CONSTRAINT FK_ReportRoute_Category REFERENCES dbo.ReportCategory (Code),
        WardId       NVARCHAR(32) NOT NULL,
        SectionId    BIGINT       NOT NULL CONSTRAINT FK_ReportRoute_Section REFERENCES dbo.ReportSection (Id),
        CONSTRAINT PK_ReportRoute PRIMARY KEY (CategoryCode, WardId)
    );
GO

IF OBJECT_ID(N'dbo.OutsideBody', N'U') IS NULL
    CREATE TABLE dbo.OutsideBody (
        Id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_OutsideBody PRIMARY KEY,
        Code          NVARCHAR(50)   NOT NULL CONSTRAINT UQ_OutsideBody_Code UNIQUE,
        NameText      NVARCHAR(MAX)  NOT NULL,
        Kind          NVARCHAR(32)   NOT NULL CONSTRAINT CK_OutsideBody_Kind CHECK (Kind IN (N'PrefectureRoadOffice', N'Railway', N'Utility', N'Police', N'Other')),
        Delivery      NVARCHAR(16)   NOT NULL CONSTRAINT CK_OutsideBody_DeliveryKind CHECK (Delivery IN (N'Email', N'Webhook')),
        Email         NVARCHAR(256)  NULL,
        WebhookUrl    NVARCHAR(2000) NULL,
        -- Sealed by the host's data-protection key; never shown back.
        WebhookSecret NVARCHAR(MAX)  NULL,
        IsActive      BIT            NOT NULL CONSTRAINT DF_OutsideBody_IsActive DEFAULT 1,
        CONSTRAINT CK_OutsideBody_Delivery CHECK ((Delivery = N'Email' AND Email IS NOT NULL)
            OR (Delivery = N'Webhook' AND WebhookUrl IS NOT NULL AND WebhookSecret IS NOT NULL))
    );
GO

IF OBJECT_ID(N'dbo.ReportReferral', N'U') IS NULL
    CREATE TABLE dbo.ReportReferral (
        Id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ReportReferral PRIMARY KEY,
        ReportId      BIGINT            NOT NULL CONSTRAINT FK_ReportReferral_Report REFERENCES dbo.Report (Id),
        OutsideBodyId BIGINT            NOT NULL CONSTRAINT FK_ReportReferral_Body REFERENCES dbo.OutsideBody (Id),
        ReferredById  BIGINT            NOT NULL CONSTRAINT FK_ReportReferral_By REFERENCES dbo.UserAccount (Id),
        ReferredUtc   DATETIMEOFFSET(7) NOT NULL,
        Message       NVARCHAR(2000)    NULL,
        NoticeKey     NVARCHAR(200)     NOT NULL CONSTRAINT UQ_ReportReferral_NoticeKey UNIQUE
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportReferral_Report' AND object_id = OBJECT_ID(N'dbo.ReportReferral'))
    CREATE INDEX IX_ReportReferral_Report ON dbo.ReportReferral (ReportId, ReferredUtc);
GO

IF OBJECT_ID(N'dbo.StaffSection', N'U') IS NULL
    CREATE TABLE dbo.StaffSection (
        AccountId BIGINT NOT NULL CONSTRAINT PK_StaffSection PRIMARY KEY CONSTRAINT FK_StaffSection_Account REFERENCES dbo.UserAccount (Id),
        SectionId BIGINT NOT NULL CONSTRAINT FK_StaffSection_Section REFERENCES dbo.ReportSection (Id)
    );
GO

IF COL_LENGTH(N'dbo.Report', N'SectionId') IS NULL
    ALTER TABLE dbo.Report ADD SectionId BIGINT NULL CONSTRAINT FK_Report_Section REFERENCES dbo.ReportSection (Id);
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_Report_Section' AND object_id = OBJECT_ID(N'dbo.Report'))
    CREATE INDEX IX_Report_Section ON dbo.Report (SectionId, Status, CreatedUtc);
GO

-- The outbox's channels gain 'Webhook'.
IF NOT EXISTS (SELECT 1 FROM sys.check_constraints WHERE name = N'CK_NoticeDelivery_Channel' AND definition LIKE N'%Webhook%')
BEGIN
    IF OBJECT_ID(N'dbo.CK_NoticeDelivery_Channel', N'C') IS NOT NULL
        ALTER TABLE dbo.NoticeDelivery DROP CONSTRAINT CK_NoticeDelivery_Channel;
    ALTER TABLE dbo.NoticeDelivery ADD CONSTRAINT CK_NoticeDelivery_Channel
        CHECK (Channel IN (N'InApp', N'Email', N'Line', N'WebPush', N'Webhook'));
END
GO
