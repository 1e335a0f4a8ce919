-- Civic reports (ChibaRepo): categories, reports, their history, photos and support (SQL Server).

CREATE TABLE dbo.ReportCategory (
    Code               NVARCHAR(40)  NOT NULL CONSTRAINT PK_ReportCategory PRIMARY KEY,
    Field              NVARCHAR(16)  NOT NULL CONSTRAINT CK_ReportCategory_Field CHECK (Field IN (N'Road', N'Park', N'Litter', N'Other')),
    NameJa             NVARCHAR(100) NOT NULL,
    NameEn             NVARCHAR(100) NOT NULL,
    ResponseTargetDays INT           NOT NULL CONSTRAINT CK_ReportCategory_Target CHECK (ResponseTargetDays > 0),
    SortOrder          INT           NOT NULL,
    IsActive           BIT           NOT NULL CONSTRAINT DF_ReportCategory_IsActive DEFAULT 1
);

INSERT INTO dbo.ReportCategory (Code, Field, NameJa, NameEn, ResponseTargetDays, SortOrder) VALUES
    (N'road-pothole',        N'Road',   N'道路の穴・陥没',         N'Pothole or sunken road',        7,  10),
    (N'road-street-light',   N'Road',   N'街灯の故障',             N'Street light out',              7,  20),
    (N'road-sign-mirror',    N'Road',   N'標識・カーブミラー',     N'Sign or curve mirror',          14, 30),
    (N'road-sidewalk',       N'Road',   N'歩道の段差・破損',       N'Broken or uneven pavement',     14, 40),
    (N'road-other',          N'Road',   N'道路のその他',           N'Other road problem',            14, 50),
    (N'park-play-equipment', N'Park',   N'遊具の破損',             N'Broken play equipment',         7,  60),
    (N'park-bench',          N'Park',   N'ベンチ・設備の破損',     N'Broken bench or fixture',       14, 70),
    (N'park-trees',          N'Park',   N'樹木・草の繁茂',         N'Overgrown trees or grass',      21, 80),
    (N'park-other',          N'Park',   N'公園のその他',           N'Other park problem',            14, 90),
    (N'litter-dumping',      N'Litter', N'不法投棄',               N'Illegal dumping',               7,  100),
    (N'litter-scattered',    N'Litter', N'ごみの散乱',             N'Scattered litter',              14, 110),
    (N'other-graffiti',      N'Other',  N'落書き',                 N'Graffiti',                      14, 120),
    (N'other-other',         N'Other',  N'その他',                 N'Something else',                21, 130);

CREATE TABLE dbo.Report (
    Id               BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Report PRIMARY KEY,
    IdempotencyKey   NVARCHAR(64)   NOT NULL,
    ReporterId       BIGINT         NULL CONSTRAINT FK_Report_Reporter REFERENCES dbo.UserAccount (Id),
    ReporterName     NVARCHAR(100)  NULL,
    ContactEmail     NVARCHAR(254)  NULL,
    Kind             NVARCHAR(16)   NOT NULL CONSTRAINT CK_Report_Kind CHECK (Kind IN (N'Problem', N'Fixed')),
    CategoryCode     NVARCHAR(40)   NOT NULL CONSTRAINT FK_Report_Category REFERENCES dbo.ReportCategory (Code),
    Description      NVARCHAR(4000) NOT NULL,
    Latitude         FLOAT          NOT NULL CONSTRAINT CK_Report_Latitude CHECK (Latitude BETWEEN -90 AND 90),
    Longitude        FLOAT          NOT NULL CONSTRAINT CK_Report_Longitude CHECK (Longitude BETWEEN -180 AND 180),
    WardId           NVARCHAR(32)   NOT NULL CONSTRAINT FK_Report_Ward REFERENCES dbo.WardOffice (Id),
    Status           NVARCHAR(24)   NOT NULL CONSTRAINT CK_Report_Status CHECK (Status IN (N'Received', N'Accepted', N'InProgress', N'ActionScheduled', N'Fixed',
                                                                                          N'Referred', N'Duplicate', N'NoFurtherAction', N'Hidden', N'Withdrawn')),
    AssignedToId     BIGINT         NULL CONSTRAINT FK_Report_Assignee REFERENCES dbo.UserAccount (Id),
    DuplicateOfId    BIGINT         NULL CONSTRAINT FK_Report_DuplicateOf REFERENCES dbo.Report (Id),
    SupportCount     INT            NOT NULL CONSTRAINT DF_Report_SupportCount DEFAULT 0 CONSTRAINT CK_Report_SupportCount CHECK (SupportCount >= 0),
    Source           NVARCHAR(16)   NOT NULL,
    CreatedUtc       DATETIMEOFFSET(7) NOT NULL,
    UpdatedUtc       DATETIMEOFFSET(7) NOT NULL,
    FirstResponseUtc DATETIMEOFFSET(7) NULL,
    FixedUtc         DATETIMEOFFSET(7) NULL,
    ClosedUtc        DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_Report_IdempotencyKey UNIQUE (IdempotencyKey),
    CONSTRAINT CK_Report_Duplicate CHECK ((Status = N'Duplicate' AND DuplicateOfId IS NOT NULL) OR (Status <> N'Duplicate' AND DuplicateOfId IS NULL))
);

CREATE INDEX IX_Report_Location ON dbo.Report (Latitude, Longitude);
CREATE INDEX IX_Report_Created ON dbo.Report (CreatedUtc);
CREATE INDEX IX_Report_Category_Location ON dbo.Report (CategoryCode, Latitude, Longitude);
CREATE INDEX IX_Report_Ward_Status ON dbo.Report (WardId, Status, CreatedUtc);
CREATE INDEX IX_Report_Reporter ON dbo.Report (ReporterId);

CREATE TABLE dbo.ReportUpdate (
    Id             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ReportUpdate PRIMARY KEY,
    ReportId       BIGINT         NOT NULL CONSTRAINT FK_ReportUpdate_Report REFERENCES dbo.Report (Id),
    OccurredUtc    DATETIMEOFFSET(7) NOT NULL,
    ActorId        BIGINT         NULL,
    Kind           NVARCHAR(32)   NOT NULL,
    FromStatus     NVARCHAR(24)   NULL,
    ToStatus       NVARCHAR(24)   NULL,
    PublicResponse NVARCHAR(4000) NULL,
    InternalNote   NVARCHAR(4000) NULL
);

CREATE INDEX IX_ReportUpdate_Report ON dbo.ReportUpdate (ReportId, OccurredUtc);

CREATE TABLE dbo.ReportPhoto (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ReportPhoto PRIMARY KEY,
    ReportId    BIGINT        NOT NULL CONSTRAINT FK_ReportPhoto_Report REFERENCES dbo.Report (Id),
    StorageKey  NVARCHAR(100) NOT NULL CONSTRAINT UQ_ReportPhoto_StorageKey UNIQUE,
    Width       INT           NOT NULL CONSTRAINT CK_ReportPhoto_Width CHECK (Width > 0),
    Height      INT           NOT NULL CONSTRAINT CK_ReportPhoto_Height CHECK (Height > 0),
    IsPublished BIT           NOT NULL CONSTRAINT DF_ReportPhoto_IsPublished DEFAULT 0,
    IsRedacted  BIT           NOT NULL CONSTRAINT DF_ReportPhoto_IsRedacted DEFAULT 0,
    SortOrder   INT           NOT NULL
);

CREATE INDEX IX_ReportPhoto_Report ON dbo.ReportPhoto (ReportId, SortOrder);

CREATE TABLE dbo.ReportSupport (
    ReportId   BIGINT NOT NULL CONSTRAINT FK_ReportSupport_Report REFERENCES dbo.Report (Id),
    AccountId  BIGINT NOT NULL CONSTRAINT FK_ReportSupport_Account REFERENCES dbo.UserAccount (Id),
    CreatedUtc DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_ReportSupport PRIMARY KEY (ReportId, AccountId)
);
