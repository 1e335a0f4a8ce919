-- For You: the resident register extract, registration codes, consents, benefit rules with versions and the
-- stored results of the nightly evaluation (SQL Server).

CREATE TABLE dbo.RegisterHousehold (
    Id                 BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_RegisterHousehold PRIMARY KEY,
    HouseholdNumber    NVARCHAR(32)  NOT NULL,
    WardId             NVARCHAR(32)  NOT NULL CONSTRAINT FK_RegisterHousehold_Ward REFERENCES dbo.WardOffice (Id),
    SingleParent       BIT           NULL,
    ResidentTaxExempt  BIT           NULL,
    WelfareRecipient   BIT           NULL,
    IncomeYen          BIGINT        NULL CONSTRAINT CK_RegisterHousehold_Income CHECK (IncomeYen >= 0),
    Dependants         INT           NULL CONSTRAINT CK_RegisterHousehold_Dependants CHECK (Dependants >= 0),
    UpdatedUtc         DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_RegisterHousehold_Number UNIQUE (HouseholdNumber)
);

CREATE TABLE dbo.RegisterResident (
    Id               BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_RegisterResident PRIMARY KEY,
    ResidentNumber   NVARCHAR(32)  NOT NULL,
    HouseholdId      BIGINT        NOT NULL CONSTRAINT FK_RegisterResident_Household REFERENCES dbo.RegisterHousehold (Id),
    Relation         NVARCHAR(16)  NOT NULL CONSTRAINT CK_RegisterResident_Relation CHECK (Relation IN (N'Head', N'Spouse', N'Child', N'Other')),
    FamilyName       NVARCHAR(100) NOT NULL,
    GivenName        NVARCHAR(100) NOT NULL,
    BirthDate        DATE          NOT NULL,
    Sex              NVARCHAR(8)   NOT NULL CONSTRAINT CK_RegisterResident_Sex CHECK (Sex IN (N'Female', N'Male')),
    Insurance        NVARCHAR(32)  NULL CONSTRAINT CK_RegisterResident_Insurance CHECK (Insurance IN (N'NationalHealth', N'LatterStageElderly', N'Employee', N'WelfareMedicalAid')),
    Disabilities     NVARCHAR(200) NOT NULL CONSTRAINT DF_RegisterResident_Disabilities DEFAULT N'',
    AccountId        BIGINT        NULL CONSTRAINT FK_RegisterResident_Account REFERENCES dbo.UserAccount (Id),
    UpdatedUtc       DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_RegisterResident_Number UNIQUE (ResidentNumber)
);

CREATE INDEX IX_RegisterResident_Household ON dbo.RegisterResident (HouseholdId);
CREATE UNIQUE INDEX UX_RegisterResident_Account ON dbo.RegisterResident (AccountId) WHERE AccountId IS NOT NULL;

CREATE TABLE dbo.RegistrationCode (
    Id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_RegistrationCode PRIMARY KEY,
    ResidentId   BIGINT        NOT NULL CONSTRAINT FK_RegistrationCode_Resident REFERENCES dbo.RegisterResident (Id),
    CodeHash     NVARCHAR(64)  NOT NULL,
    IssuedUtc    DATETIMEOFFSET(7) NOT NULL,
    ExpiresUtc   DATETIMEOFFSET(7) NOT NULL,
    IssuedById   BIGINT        NOT NULL CONSTRAINT FK_RegistrationCode_IssuedBy REFERENCES dbo.UserAccount (Id),
    UsedUtc      DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_RegistrationCode_Hash UNIQUE (CodeHash)
);

CREATE TABLE dbo.ForYouConsent (
    Id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ForYouConsent PRIMARY KEY,
    AccountId    BIGINT        NOT NULL CONSTRAINT FK_ForYouConsent_Account REFERENCES dbo.UserAccount (Id),
    Purpose      NVARCHAR(16)  NOT NULL CONSTRAINT CK_ForYouConsent_Purpose CHECK (Purpose IN (N'Register', N'Income')),
    TextVersion  NVARCHAR(32)  NOT NULL,
    GivenUtc     DATETIMEOFFSET(7) NOT NULL,
    RevokedUtc   DATETIMEOFFSET(7) NULL
);

CREATE INDEX IX_ForYouConsent_Account ON dbo.ForYouConsent (AccountId, Purpose);

CREATE TABLE dbo.Benefit (
    Code        NVARCHAR(64)  NOT NULL CONSTRAINT PK_Benefit PRIMARY KEY,
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL
);

CREATE TABLE dbo.BenefitVersion (
    Id             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_BenefitVersion PRIMARY KEY,
    BenefitCode    NVARCHAR(64)  NOT NULL CONSTRAINT FK_BenefitVersion_Benefit REFERENCES dbo.Benefit (Code),
    Version        INT           NOT NULL CONSTRAINT CK_BenefitVersion_Version CHECK (Version >= 1),
    State          NVARCHAR(16)  NOT NULL CONSTRAINT CK_BenefitVersion_State CHECK (State IN (N'Draft', N'Published')),
    EffectiveFrom  DATE          NOT NULL,
    ContentJson    NVARCHAR(MAX) NOT NULL,
    TestCasesJson  NVARCHAR(MAX) NOT NULL,
    SavedUtc       DATETIMEOFFSET(7) NOT NULL,
    SavedById      BIGINT        NULL CONSTRAINT FK_BenefitVersion_SavedBy REFERENCES dbo.UserAccount (Id),
    PublishedUtc   DATETIMEOFFSET(7) NULL,
    PublishedById  BIGINT        NULL CONSTRAINT FK_BenefitVersion_PublishedBy REFERENCES dbo.UserAccount (Id),
    CONSTRAINT UQ_BenefitVersion UNIQUE (BenefitCode, Version)
);
GO

CREATE TRIGGER dbo.TR_BenefitVersion_PublishedIsFinal ON dbo.BenefitVersion AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted WHERE State = N'Published')
    BEGIN
        THROW 50001, N'a published benefit version cannot be changed', 1;
    END
END;
GO

CREATE TABLE dbo.EligibilityResult (
    AccountId       BIGINT        NOT NULL CONSTRAINT FK_EligibilityResult_Account REFERENCES dbo.UserAccount (Id),
    BenefitCode     NVARCHAR(64)  NOT NULL CONSTRAINT FK_EligibilityResult_Benefit REFERENCES dbo.Benefit (Code),
    Result          NVARCHAR(16)  NOT NULL CONSTRAINT CK_EligibilityResult_Result CHECK (Result IN (N'Yes', N'Unknown')),
    Version         INT           NOT NULL,
    FirstSeenUtc    DATETIMEOFFSET(7) NOT NULL,
    EvaluatedUtc    DATETIMEOFFSET(7) NOT NULL,
    ResidentStatus  NVARCHAR(16)  NOT NULL CONSTRAINT DF_EligibilityResult_Status DEFAULT N'None'
                                  CONSTRAINT CK_EligibilityResult_Status CHECK (ResidentStatus IN (N'None', N'Applied', N'NotInterested')),
    CONSTRAINT PK_EligibilityResult PRIMARY KEY (AccountId, BenefitCode)
);

CREATE TABLE dbo.EvaluationRun (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_EvaluationRun PRIMARY KEY,
    StartedUtc      DATETIMEOFFSET(7) NOT NULL,
    FinishedUtc     DATETIMEOFFSET(7) NULL,
    Residents       INT           NOT NULL CONSTRAINT DF_EvaluationRun_Residents DEFAULT 0,
    NewlyEligible   INT           NOT NULL CONSTRAINT DF_EvaluationRun_New DEFAULT 0,
    StartedBy       NVARCHAR(256) NOT NULL
);
