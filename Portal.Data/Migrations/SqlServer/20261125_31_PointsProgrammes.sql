-- City Points: programmes and events to earn at, the catalogue and vouchers to spend on, and manual
-- adjustments waiting for a second admin (SQL Server).

CREATE TABLE dbo.PointProgramme (
    Id                      BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointProgramme PRIMARY KEY,
    Name                    NVARCHAR(100)     NOT NULL CONSTRAINT CK_PointProgramme_Name CHECK (LEN(Name) >= 1),
    Kind                    NVARCHAR(16)      NOT NULL CONSTRAINT CK_PointProgramme_Kind CHECK (Kind IN (N'Volunteer', N'Health', N'City')),
    PointsPerParticipation  BIGINT            NOT NULL CONSTRAINT CK_PointProgramme_Points CHECK (PointsPerParticipation BETWEEN 1 AND 10000),
    DailyCap                BIGINT            NOT NULL CONSTRAINT CK_PointProgramme_DailyCap CHECK (DailyCap >= 1),
    YearlyCap               BIGINT            NOT NULL CONSTRAINT CK_PointProgramme_YearlyCap CHECK (YearlyCap >= 1),
    StartsOn                NVARCHAR(10)      NOT NULL,
    EndsOn                  NVARCHAR(10)      NOT NULL,
    ReportPoints            BIGINT            NULL CONSTRAINT CK_PointProgramme_ReportPoints CHECK (ReportPoints IS NULL OR ReportPoints BETWEEN 1 AND 10000),
    FundingAccountId        BIGINT            NOT NULL CONSTRAINT FK_PointProgramme_Funding REFERENCES dbo.PointAccount (Id),
    CreatedUtc              DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_PointProgramme_Funding UNIQUE (FundingAccountId),
    CONSTRAINT CK_PointProgramme_Dates CHECK (EndsOn >= StartsOn),
    CONSTRAINT CK_PointProgramme_Caps CHECK (YearlyCap >= DailyCap)
);

CREATE TABLE dbo.PointEvent (
    Id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointEvent PRIMARY KEY,
    ProgrammeId  BIGINT            NOT NULL CONSTRAINT FK_PointEvent_Programme REFERENCES dbo.PointProgramme (Id),
    Title        NVARCHAR(100)     NOT NULL CONSTRAINT CK_PointEvent_Title CHECK (LEN(Title) >= 1),
    Place        NVARCHAR(200)     NOT NULL CONSTRAINT CK_PointEvent_Place CHECK (LEN(Place) >= 1),
    StartUtc     DATETIMEOFFSET(7) NOT NULL,
    EndUtc       DATETIMEOFFSET(7) NOT NULL,
    CreatedUtc   DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT CK_PointEvent_Times CHECK (EndUtc > StartUtc)
);

CREATE INDEX IX_PointEvent_Start ON dbo.PointEvent (StartUtc);

CREATE TABLE dbo.PointCatalogItem (
    Id               BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointCatalogItem PRIMARY KEY,
    Name             NVARCHAR(100)     NOT NULL CONSTRAINT CK_PointCatalogItem_Name CHECK (LEN(Name) >= 1),
    Description      NVARCHAR(500)     NOT NULL,
    Kind             NVARCHAR(16)      NOT NULL CONSTRAINT CK_PointCatalogItem_Kind CHECK (Kind IN (N'ElectronicMoney', N'FacilityTicket')),
    Price            BIGINT            NOT NULL CONSTRAINT CK_PointCatalogItem_Price CHECK (Price BETWEEN 1 AND 100000),
    Stock            BIGINT            NULL CONSTRAINT CK_PointCatalogItem_Stock CHECK (Stock IS NULL OR Stock >= 0),
    PerPersonLimit   BIGINT            NOT NULL CONSTRAINT CK_PointCatalogItem_Limit CHECK (PerPersonLimit >= 1),
    PartnerAccountId BIGINT            NOT NULL CONSTRAINT FK_PointCatalogItem_Partner REFERENCES dbo.PointAccount (Id),
    IsActive         BIT               NOT NULL CONSTRAINT DF_PointCatalogItem_IsActive DEFAULT 1,
    CreatedUtc       DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE dbo.PointVoucher (
    Id                   BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointVoucher PRIMARY KEY,
    Code                 NVARCHAR(32)      NOT NULL,
    ItemId               BIGINT            NOT NULL CONSTRAINT FK_PointVoucher_Item REFERENCES dbo.PointCatalogItem (Id),
    OwnerAccountId       BIGINT            NOT NULL CONSTRAINT FK_PointVoucher_Owner REFERENCES dbo.UserAccount (Id),
    TransactionId        BIGINT            NOT NULL CONSTRAINT FK_PointVoucher_Transaction REFERENCES dbo.PointTransaction (Id),
    Price                BIGINT            NOT NULL CONSTRAINT CK_PointVoucher_Price CHECK (Price > 0),
    CreatedUtc           DATETIMEOFFSET(7) NOT NULL,
    UsedUtc              DATETIMEOFFSET(7) NULL,
    CancelledUtc         DATETIMEOFFSET(7) NULL,
    CancelTransactionId  BIGINT            NULL CONSTRAINT FK_PointVoucher_CancelTransaction REFERENCES dbo.PointTransaction (Id),
    CONSTRAINT UQ_PointVoucher_Code UNIQUE (Code),
    CONSTRAINT UQ_PointVoucher_Transaction UNIQUE (TransactionId),
    CONSTRAINT CK_PointVoucher_UsedOrCancelled CHECK (UsedUtc IS NULL OR CancelledUtc IS NULL),
    CONSTRAINT CK_PointVoucher_Cancel CHECK ((CancelledUtc IS NULL AND CancelTransactionId IS NULL) OR (CancelledUtc IS NOT NULL AND CancelTransactionId IS NOT NULL))
);

CREATE INDEX IX_PointVoucher_Owner ON dbo.PointVoucher (OwnerAccountId, ItemId);

CREATE TABLE dbo.PointAdjustment (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointAdjustment PRIMARY KEY,
    OwnerAccountId  BIGINT            NOT NULL CONSTRAINT FK_PointAdjustment_Owner REFERENCES dbo.UserAccount (Id),
    Points          BIGINT            NOT NULL CONSTRAINT CK_PointAdjustment_Points CHECK (Points <> 0),
    Reason          NVARCHAR(500)     NOT NULL CONSTRAINT CK_PointAdjustment_Reason CHECK (LEN(Reason) >= 1),
    Status          NVARCHAR(16)      NOT NULL CONSTRAINT CK_PointAdjustment_Status CHECK (Status IN (N'Pending', N'Posted', N'Rejected')),
    RequestedById   BIGINT            NOT NULL CONSTRAINT FK_PointAdjustment_RequestedBy REFERENCES dbo.UserAccount (Id),
    RequestedUtc    DATETIMEOFFSET(7) NOT NULL,
    DecidedById     BIGINT            NULL CONSTRAINT FK_PointAdjustment_DecidedBy REFERENCES dbo.UserAccount (Id),
    DecidedUtc      DATETIMEOFFSET(7) NULL,
    TransactionId   BIGINT            NULL CONSTRAINT FK_PointAdjustment_Transaction REFERENCES dbo.PointTransaction (Id),
    CONSTRAINT CK_PointAdjustment_FourEyes CHECK (DecidedById IS NULL OR DecidedById <> RequestedById),
    CONSTRAINT CK_PointAdjustment_Posted CHECK ((Status = N'Posted' AND TransactionId IS NOT NULL) OR (Status <> N'Posted' AND TransactionId IS NULL))
);

CREATE INDEX IX_PointAdjustment_Status ON dbo.PointAdjustment (Status, RequestedUtc);
