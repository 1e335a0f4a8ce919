-- Foundation: ward offices, accounts, external logins and the audit trail (SQLite).

CREATE TABLE WardOffice (
    Id          TEXT    NOT NULL PRIMARY KEY,
    NameJa      TEXT    NOT NULL,
    NameEn      TEXT    NOT NULL,
    AddressJa   TEXT    NOT NULL,
    AddressEn   TEXT    NOT NULL,
    Latitude    REAL    NOT NULL CHECK (Latitude BETWEEN -90 AND 90),
    Longitude   REAL    NOT NULL CHECK (Longitude BETWEEN -180 AND 180),
    SortOrder   INTEGER NOT NULL
);

-- The six ward offices of Chiba City are reference data, the same in every environment.
INSERT INTO WardOffice (Id, NameJa, NameEn, AddressJa, AddressEn, Latitude, Longitude, SortOrder) VALUES
    ('chuo',       '中央区役所',   'Chuo Ward Office',       '中央区中央4-5-1',   '4-5-1 Chuo, Chuo-ku',          35.608, 140.123, 1),
    ('hanamigawa', '花見川区役所', 'Hanamigawa Ward Office', '花見川区瑞穂1-1',   '1-1 Mizuho, Hanamigawa-ku',    35.663, 140.077, 2),
    ('inage',      '稲毛区役所',   'Inage Ward Office',      '稲毛区穴川4-12-1',  '4-12-1 Anagawa, Inage-ku',     35.637, 140.110, 3),
    ('wakaba',     '若葉区役所',   'Wakaba Ward Office',     '若葉区貝塚2-19-1',  '2-19-1 Kaizuka, Wakaba-ku',    35.622, 140.162, 4),
    ('midori',     '緑区役所',     'Midori Ward Office',     '緑区鎌取町226-1',   '226-1 Kamatori-cho, Midori-ku', 35.554, 140.172, 5),
    ('mihama',     '美浜区役所',   'Mihama Ward Office',     '美浜区真砂5-15-1',  '5-15-1 Masago, Mihama-ku',     35.638, 140.060, 6);

CREATE TABLE UserAccount (
    Id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Email              TEXT    NOT NULL COLLATE NOCASE,
    DisplayName        TEXT    NOT NULL,
    PasswordHash       TEXT    NOT NULL,
    Role               TEXT    NOT NULL CHECK (Role IN ('Resident', 'Staff', 'Admin', 'Kiosk')),
    OfficeId           TEXT    NULL REFERENCES WardOffice (Id),
    IsDisabled         INTEGER NOT NULL DEFAULT 0 CHECK (IsDisabled IN (0, 1)),
    FailedSignInCount  INTEGER NOT NULL DEFAULT 0 CHECK (FailedSignInCount >= 0),
    LockoutEndUtc      TEXT    NULL,
    SecurityStamp      TEXT    NOT NULL,
    CreatedUtc         TEXT    NOT NULL,
    LastSignInUtc      TEXT    NULL,
    PreferredCulture   TEXT    NULL,
    CONSTRAINT UQ_UserAccount_Email UNIQUE (Email),
    CONSTRAINT CK_UserAccount_Office CHECK (
        (Role IN ('Staff', 'Kiosk') AND OfficeId IS NOT NULL) OR
        (Role IN ('Resident', 'Admin') AND OfficeId IS NULL))
);

CREATE INDEX IX_UserAccount_Role_Office ON UserAccount (Role, OfficeId);

CREATE TABLE ExternalLogin (
    Provider   TEXT    NOT NULL,
    Subject    TEXT    NOT NULL,
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    PRIMARY KEY (Provider, Subject)
);

-- Append-only: no foreign key to UserAccount, so that the record of an act outlives the account.
CREATE TABLE AuditEntry (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    OccurredUtc TEXT    NOT NULL,
    ActorId     INTEGER NULL,
    ActorName   TEXT    NOT NULL,
    ActorRole   TEXT    NOT NULL,
    Action      TEXT    NOT NULL,
    EntityType  TEXT    NOT NULL,
    EntityId    TEXT    NULL,
    Detail      TEXT    NULL,
    IpAddress   TEXT    NULL
);

CREATE INDEX IX_AuditEntry_OccurredUtc ON AuditEntry (OccurredUtc);
CREATE INDEX IX_AuditEntry_Entity ON AuditEntry (EntityType, EntityId);
CREATE INDEX IX_AuditEntry_Actor ON AuditEntry (ActorId, OccurredUtc);

CREATE TRIGGER TR_AuditEntry_NoUpdate BEFORE UPDATE ON AuditEntry
BEGIN
    SELECT RAISE(ABORT, 'audit records cannot be changed');
END;
