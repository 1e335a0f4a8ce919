-- City Points: programmes and events to earn at, the catalogue and vouchers to spend on, and manual
-- adjustments waiting for a second admin (SQLite).

-- A programme pays from its own funding account. Caps are points per resident per Japan day and per fiscal year.
-- ReportPoints, when set, pays that many points for an accepted civic report.
CREATE TABLE PointProgramme (
    Id                      INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Name                    TEXT    NOT NULL CHECK (length(Name) BETWEEN 1 AND 100),
    Kind                    TEXT    NOT NULL CHECK (Kind IN ('Volunteer', 'Health', 'City')),
    PointsPerParticipation  INTEGER NOT NULL CHECK (PointsPerParticipation BETWEEN 1 AND 10000),
    DailyCap                INTEGER NOT NULL CHECK (DailyCap >= 1),
    YearlyCap               INTEGER NOT NULL CHECK (YearlyCap >= 1),
    StartsOn                TEXT    NOT NULL,
    EndsOn                  TEXT    NOT NULL,
    ReportPoints            INTEGER NULL CHECK (ReportPoints IS NULL OR ReportPoints BETWEEN 1 AND 10000),
    FundingAccountId        INTEGER NOT NULL REFERENCES PointAccount (Id),
    CreatedUtc              TEXT    NOT NULL,
    CONSTRAINT UQ_PointProgramme_Funding UNIQUE (FundingAccountId),
    CONSTRAINT CK_PointProgramme_Dates CHECK (EndsOn >= StartsOn),
    CONSTRAINT CK_PointProgramme_Caps CHECK (YearlyCap >= DailyCap)
);

CREATE TABLE PointEvent (
    Id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ProgrammeId  INTEGER NOT NULL REFERENCES PointProgramme (Id),
    Title        TEXT    NOT NULL CHECK (length(Title) BETWEEN 1 AND 100),
    Place        TEXT    NOT NULL CHECK (length(Place) BETWEEN 1 AND 200),
    StartUtc     TEXT    NOT NULL,
    EndUtc       TEXT    NOT NULL,
    CreatedUtc   TEXT    NOT NULL,
    CONSTRAINT CK_PointEvent_Times CHECK (EndUtc > StartUtc)
);

CREATE INDEX IX_PointEvent_Start ON PointEvent (StartUtc);

-- What residents can exchange points for. Stock NULL means no limit.
CREATE TABLE PointCatalogItem (
    Id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Name             TEXT    NOT NULL CHECK (length(Name) BETWEEN 1 AND 100),
    Description      TEXT    NOT NULL CHECK (length(Description) <= 500),
    Kind             TEXT    NOT NULL CHECK (Kind IN ('ElectronicMoney', 'FacilityTicket')),
    Price            INTEGER NOT NULL CHECK (Price BETWEEN 1 AND 100000),
    Stock            INTEGER NULL CHECK (Stock IS NULL OR Stock >= 0),
    PerPersonLimit   INTEGER NOT NULL CHECK (PerPersonLimit >= 1),
    PartnerAccountId INTEGER NOT NULL REFERENCES PointAccount (Id),
    IsActive         INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1)),
    CreatedUtc       TEXT    NOT NULL
);

-- One voucher per redemption transaction; the code is random and unique.
CREATE TABLE PointVoucher (
    Id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Code                 TEXT    NOT NULL,
    ItemId               INTEGER NOT NULL REFERENCES PointCatalogItem (Id),
    OwnerAccountId       INTEGER NOT NULL REFERENCES UserAccount (Id),
    TransactionId        INTEGER NOT NULL REFERENCES PointTransaction (Id),
    Price                INTEGER NOT NULL CHECK (Price > 0),
    CreatedUtc           TEXT    NOT NULL,
    UsedUtc              TEXT    NULL,
    CancelledUtc         TEXT    NULL,
    CancelTransactionId  INTEGER NULL REFERENCES PointTransaction (Id),
    CONSTRAINT UQ_PointVoucher_Code UNIQUE (Code),
    CONSTRAINT UQ_PointVoucher_Transaction UNIQUE (TransactionId),
    CONSTRAINT CK_PointVoucher_UsedOrCancelled CHECK (UsedUtc IS NULL OR CancelledUtc IS NULL),
    CONSTRAINT CK_PointVoucher_Cancel CHECK ((CancelledUtc IS NULL) = (CancelTransactionId IS NULL))
);

CREATE INDEX IX_PointVoucher_Owner ON PointVoucher (OwnerAccountId, ItemId);

-- A manual adjustment. Above the threshold it waits for a second admin; the requester cannot approve it.
CREATE TABLE PointAdjustment (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    OwnerAccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    Points          INTEGER NOT NULL CHECK (Points <> 0),
    Reason          TEXT    NOT NULL CHECK (length(Reason) BETWEEN 1 AND 500),
    Status          TEXT    NOT NULL CHECK (Status IN ('Pending', 'Posted', 'Rejected')),
    RequestedById   INTEGER NOT NULL REFERENCES UserAccount (Id),
    RequestedUtc    TEXT    NOT NULL,
    DecidedById     INTEGER NULL REFERENCES UserAccount (Id),
    DecidedUtc      TEXT    NULL,
    TransactionId   INTEGER NULL REFERENCES PointTransaction (Id),
    CONSTRAINT CK_PointAdjustment_FourEyes CHECK (DecidedById IS NULL OR DecidedById <> RequestedById),
    CONSTRAINT CK_PointAdjustment_Posted CHECK ((Status = 'Posted') = (TransactionId IS NOT NULL))
);

CREATE INDEX IX_PointAdjustment_Status ON PointAdjustment (Status, RequestedUtc);
