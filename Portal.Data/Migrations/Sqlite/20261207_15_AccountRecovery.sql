-- Account recovery and two-factor sign-in (SQLite).

-- Two-factor sign-in for staff and admins: the TOTP key (encrypted by the portal before it is stored), when it was
-- switched on, and the last 30-second step whose code was accepted (a code is never accepted twice).
ALTER TABLE UserAccount ADD COLUMN TwoFactorSecret TEXT NULL;
ALTER TABLE UserAccount ADD COLUMN TwoFactorEnabledUtc TEXT NULL;
ALTER TABLE UserAccount ADD COLUMN TwoFactorLastStep INTEGER NULL;

-- At most one password reset per account, a newer one replacing it: an e-mailed link (looked up by the SHA-256 of its
-- token) or a code from ward-office staff (hashed like a password). Only hashes are stored. A reset carries the
-- account's security stamp when it was issued: any later change of password makes it void.
CREATE TABLE PasswordReset (
    Id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    AccountId     INTEGER NOT NULL REFERENCES UserAccount (Id),
    Kind          TEXT    NOT NULL CHECK (Kind IN ('EmailLink', 'StaffCode')),
    SecretHash    TEXT    NOT NULL,
    AccountStamp  TEXT    NOT NULL,
    CreatedUtc    TEXT    NOT NULL,
    ExpiresUtc    TEXT    NOT NULL,
    UsedUtc       TEXT    NULL,
    IssuedBy      INTEGER NULL REFERENCES UserAccount (Id),
    CONSTRAINT UQ_PasswordReset_Account UNIQUE (AccountId),
    CONSTRAINT UQ_PasswordReset_Secret UNIQUE (SecretHash),
    CONSTRAINT CK_PasswordReset_Issuer CHECK ((Kind = 'StaffCode' AND IssuedBy IS NOT NULL) OR (Kind = 'EmailLink' AND IssuedBy IS NULL))
);

-- Recovery codes for a lost phone: SHA-256 of each, each used once.
CREATE TABLE TwoFactorRecoveryCode (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    AccountId   INTEGER NOT NULL REFERENCES UserAccount (Id),
    CodeHash    TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    UsedUtc     TEXT    NULL,
    CONSTRAINT UQ_TwoFactorRecoveryCode UNIQUE (AccountId, CodeHash)
);

-- The administrators' security settings: one row.
CREATE TABLE SecurityPolicy (
    Id                     INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1),
    RequireStaffTwoFactor  INTEGER NOT NULL DEFAULT 0 CHECK (RequireStaffTwoFactor IN (0, 1)),
    UpdatedUtc             TEXT    NULL,
    UpdatedBy              INTEGER NULL REFERENCES UserAccount (Id)
);

INSERT INTO SecurityPolicy (Id, RequireStaffTwoFactor) VALUES (1, 0);
