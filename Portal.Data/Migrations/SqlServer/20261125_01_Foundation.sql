-- Foundation: ward offices, accounts, external logins and the audit trail (SQL Server).

CREATE TABLE dbo.WardOffice (
    Id          NVARCHAR(32)  NOT NULL CONSTRAINT PK_WardOffice PRIMARY KEY,
    NameJa      NVARCHAR(100) NOT NULL,
    NameEn      NVARCHAR(100) NOT NULL,
    AddressJa   NVARCHAR(200) NOT NULL,
    AddressEn   NVARCHAR(200) NOT NULL,
    Latitude    FLOAT         NOT NULL CONSTRAINT CK_WardOffice_Latitude CHECK (Latitude BETWEEN -90 AND 90),
    Longitude   FLOAT         NOT NULL CONSTRAINT CK_WardOffice_Longitude CHECK (Longitude BETWEEN -180 AND 180),
    SortOrder   INT           NOT NULL
);

INSERT INTO dbo.WardOffice (Id, NameJa, NameEn, AddressJa, AddressEn, Latitude, Longitude, SortOrder) VALUES
    (N'chuo',       N'中央区役所',   N'Chuo Ward Office',       N'中央区中央4-5-1',   N'4-5-1 Chuo, Chuo-ku',          35.608, 140.123, 1),
    (N'hanamigawa', N'花見川区役所', N'Hanamigawa Ward Office', N'花見川区瑞穂1-1',   N'1-1 Mizuho, Hanamigawa-ku',    35.663, 140.077, 2),
    (N'inage',      N'稲毛区役所',   N'Inage Ward Office',      N'稲毛区穴川4-12-1',  N'4-12-1 Anagawa, Inage-ku',     35.637, 140.110, 3),
    (N'wakaba',     N'若葉区役所',   N'Wakaba Ward Office',     N'若葉区貝塚2-19-1',  N'2-19-1 Kaizuka, Wakaba-ku',    35.622, 140.162, 4),
    (N'midori',     N'緑区役所',     N'Midori Ward Office',     N'緑区鎌取町226-1',   N'226-1 Kamatori-cho, Midori-ku', 35.554, 140.172, 5),
    (N'mihama',     N'美浜区役所',   N'Mihama Ward Office',     N'美浜区真砂5-15-1',  N'5-15-1 Masago, Mihama-ku',     35.638, 140.060, 6);

CREATE TABLE dbo.UserAccount (
    Id                 BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_UserAccount PRIMARY KEY,
    Email              NVARCHAR(254)  COLLATE Latin1_General_100_CI_AS NOT NULL,
    DisplayName        NVARCHAR(100)  NOT NULL,
    PasswordHash       NVARCHAR(400)  NOT NULL,
    Role               NVARCHAR(16)   NOT NULL CONSTRAINT CK_UserAccount_Role CHECK (Role IN (N'Resident', N'Staff', N'Admin', N'Kiosk')),
    OfficeId           NVARCHAR(32)   NULL CONSTRAINT FK_UserAccount_WardOffice REFERENCES dbo.WardOffice (Id),
    IsDisabled         BIT            NOT NULL CONSTRAINT DF_UserAccount_IsDisabled DEFAULT 0,
    FailedSignInCount  INT            NOT NULL CONSTRAINT DF_UserAccount_Failed DEFAULT 0 CONSTRAINT CK_UserAccount_Failed CHECK (FailedSignInCount >= 0),
    LockoutEndUtc      DATETIMEOFFSET(7) NULL,
    SecurityStamp      NVARCHAR(64)   NOT NULL,
    CreatedUtc         DATETIMEOFFSET(7) NOT NULL,
    LastSignInUtc      DATETIMEOFFSET(7) NULL,
    PreferredCulture   NVARCHAR(16)   NULL,
    CONSTRAINT UQ_UserAccount_Email UNIQUE (Email),
    CONSTRAINT CK_UserAccount_Office CHECK (
        (Role IN (N'Staff', N'Kiosk') AND OfficeId IS NOT NULL) OR
        (Role IN (N'Resident', N'Admin') AND OfficeId IS NULL))
);

CREATE INDEX IX_UserAccount_Role_Office ON dbo.UserAccount (Role, OfficeId);

CREATE TABLE dbo.ExternalLogin (
    Provider   NVARCHAR(64)  NOT NULL,
    Subject    NVARCHAR(256) NOT NULL,
    AccountId  BIGINT        NOT NULL CONSTRAINT FK_ExternalLogin_UserAccount REFERENCES dbo.UserAccount (Id),
    CONSTRAINT PK_ExternalLogin PRIMARY KEY (Provider, Subject)
);

-- Append-only: no foreign key to UserAccount, so that the record of an act outlives the account.
CREATE TABLE dbo.AuditEntry (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_AuditEntry PRIMARY KEY,
    OccurredUtc DATETIMEOFFSET(7) NOT NULL,
    ActorId     BIGINT         NULL,
    ActorName   NVARCHAR(256)  NOT NULL,
    ActorRole   NVARCHAR(32)   NOT NULL,
    Action      NVARCHAR(64)   NOT NULL,
    EntityType  NVARCHAR(64)   NOT NULL,
    EntityId    NVARCHAR(64)   NULL,
    Detail      NVARCHAR(1000) NULL,
    IpAddress   NVARCHAR(64)   NULL
);

CREATE INDEX IX_AuditEntry_OccurredUtc ON dbo.AuditEntry (OccurredUtc);
CREATE INDEX IX_AuditEntry_Entity ON dbo.AuditEntry (EntityType, EntityId);
CREATE INDEX IX_AuditEntry_Actor ON dbo.AuditEntry (ActorId, OccurredUtc);
GO

CREATE TRIGGER dbo.TR_AuditEntry_NoUpdate ON dbo.AuditEntry AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'audit records cannot be changed', 1;
END;
GO
