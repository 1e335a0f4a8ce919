-- For You: the resident register extract, registration codes, consents, benefit rules with versions and the
-- stored results of the nightly evaluation (SQLite).

-- A household as the resident register knows it. Income is stored, but read only for residents who gave the
-- separate income consent.
CREATE TABLE RegisterHousehold (
    Id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    HouseholdNumber    TEXT    NOT NULL,
    WardId             TEXT    NOT NULL REFERENCES WardOffice (Id),
    SingleParent       INTEGER NULL CHECK (SingleParent IN (0, 1)),
    ResidentTaxExempt  INTEGER NULL CHECK (ResidentTaxExempt IN (0, 1)),
    WelfareRecipient   INTEGER NULL CHECK (WelfareRecipient IN (0, 1)),
    IncomeYen          INTEGER NULL CHECK (IncomeYen >= 0),
    Dependants         INTEGER NULL CHECK (Dependants >= 0),
    UpdatedUtc         TEXT    NOT NULL,
    CONSTRAINT UQ_RegisterHousehold_Number UNIQUE (HouseholdNumber)
);

CREATE TABLE RegisterResident (
    Id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ResidentNumber   TEXT    NOT NULL,
    HouseholdId      INTEGER NOT NULL REFERENCES RegisterHousehold (Id),
    Relation         TEXT    NOT NULL CHECK (Relation IN ('Head', 'Spouse', 'Child', 'Other')),
    FamilyName       TEXT    NOT NULL,
    GivenName        TEXT    NOT NULL,
    BirthDate        TEXT    NOT NULL,
    Sex              TEXT    NOT NULL CHECK (Sex IN ('Female', 'Male')),
    Insurance        TEXT    NULL CHECK (Insurance IN ('NationalHealth', 'LatterStageElderly', 'Employee', 'WelfareMedicalAid')),
    Disabilities     TEXT    NOT NULL DEFAULT '',
    AccountId        INTEGER NULL REFERENCES UserAccount (Id),
    UpdatedUtc       TEXT    NOT NULL,
    CONSTRAINT UQ_RegisterResident_Number UNIQUE (ResidentNumber)
);

CREATE INDEX IX_RegisterResident_Household ON RegisterResident (HouseholdId);
CREATE UNIQUE INDEX UX_RegisterResident_Account ON RegisterResident (AccountId) WHERE AccountId IS NOT NULL;

-- One-time codes mailed to the registered address; only a hash is kept.
CREATE TABLE RegistrationCode (
    Id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ResidentId   INTEGER NOT NULL REFERENCES RegisterResident (Id),
    CodeHash     TEXT    NOT NULL,
    IssuedUtc    TEXT    NOT NULL,
    ExpiresUtc   TEXT    NOT NULL,
    IssuedById   INTEGER NOT NULL REFERENCES UserAccount (Id),
    UsedUtc      TEXT    NULL,
    CONSTRAINT UQ_RegistrationCode_Hash UNIQUE (CodeHash)
);

-- Consent per purpose; a revocation closes the row, a new consent opens a new one.
CREATE TABLE ForYouConsent (
    Id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    AccountId    INTEGER NOT NULL REFERENCES UserAccount (Id),
    Purpose      TEXT    NOT NULL CHECK (Purpose IN ('Register', 'Income')),
    TextVersion  TEXT    NOT NULL,
    GivenUtc     TEXT    NOT NULL,
    RevokedUtc   TEXT    NULL
);

CREATE INDEX IX_ForYouConsent_Account ON ForYouConsent (AccountId, Purpose);

CREATE TABLE Benefit (
    Code        TEXT    NOT NULL PRIMARY KEY,
    CreatedUtc  TEXT    NOT NULL
);

-- A version's content and rule are JSON; a published version is never changed (trigger below).
CREATE TABLE BenefitVersion (
    Id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    BenefitCode    TEXT    NOT NULL REFERENCES Benefit (Code),
    Version        INTEGER NOT NULL CHECK (Version >= 1),
    State          TEXT    NOT NULL CHECK (State IN ('Draft', 'Published')),
    EffectiveFrom  TEXT    NOT NULL,
    ContentJson    TEXT    NOT NULL,
    TestCasesJson  TEXT    NOT NULL,
    SavedUtc       TEXT    NOT NULL,
    SavedById      INTEGER NULL REFERENCES UserAccount (Id),
    PublishedUtc   TEXT    NULL,
    PublishedById  INTEGER NULL REFERENCES UserAccount (Id),
    CONSTRAINT UQ_BenefitVersion UNIQUE (BenefitCode, Version)
);

CREATE TRIGGER TR_BenefitVersion_PublishedIsFinal BEFORE UPDATE ON BenefitVersion
WHEN OLD.State = 'Published'
BEGIN
    SELECT RAISE(ABORT, 'a published benefit version cannot be changed');
END;

CREATE TRIGGER TR_BenefitVersion_PublishedIsKept BEFORE DELETE ON BenefitVersion
WHEN OLD.State = 'Published'
BEGIN
    SELECT RAISE(ABORT, 'a published benefit version cannot be deleted');
END;

-- What the last evaluation found for a resident; the row that first says Yes is what triggers one notice.
CREATE TABLE EligibilityResult (
    AccountId       INTEGER NOT NULL REFERENCES UserAccount (Id),
    BenefitCode     TEXT    NOT NULL REFERENCES Benefit (Code),
    Result          TEXT    NOT NULL CHECK (Result IN ('Yes', 'Unknown')),
    Version         INTEGER NOT NULL,
    FirstSeenUtc    TEXT    NOT NULL,
    EvaluatedUtc    TEXT    NOT NULL,
    ResidentStatus  TEXT    NOT NULL DEFAULT 'None' CHECK (ResidentStatus IN ('None', 'Applied', 'NotInterested')),
    PRIMARY KEY (AccountId, BenefitCode)
);

CREATE TABLE EvaluationRun (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    StartedUtc      TEXT    NOT NULL,
    FinishedUtc     TEXT    NULL,
    Residents       INTEGER NOT NULL DEFAULT 0,
    NewlyEligible   INTEGER NOT NULL DEFAULT 0,
    StartedBy       TEXT    NOT NULL
);
