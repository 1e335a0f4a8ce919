-- Account recovery and two-factor sign-in (SQL Server).

-- Two-factor sign-in for staff and admins: the TOTP key (encrypted by the portal before it is stored), when it was
-- switched on, and the last 30-second step whose code was accepted (a code is never accepted twice).
ALTER TABLE dbo.UserAccount ADD
    TwoFactorSecret      NVARCHAR(1000)    NULL,
    TwoFactorEnabledUtc  DATETIMEOFFSET(7) NULL,
    TwoFactorLastStep    BIGINT            NULL;
GO

-- At most one password reset per account, a newer one replacing it: an e-mailed link (looked up by the SHA-256 of its
-- token) or a code from ward-office staff (hashed like a password). Only hashes are stored. A reset carries the
-- account's security stamp when it was issued: any later change of password makes it void.
CREATE TABLE dbo.PasswordReset (
    Id            BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PasswordReset PRIMARY KEY,
    AccountId     BIGINT            NOT NULL CONSTRAINT FK_PasswordReset_Account REFERENCES dbo.UserAccount (Id),
    Kind          NVARCHAR(16)      NOT NULL CONSTRAINT CK_PasswordReset_Kind CHECK (Kind IN (N'EmailLink', N'StaffCode')),
    SecretHash    NVARCHAR(400)     NOT NULL,
    AccountStamp  NVARCHAR(64)      NOT NULL,
    CreatedUtc    DATETIMEOFFSET(7) NOT NULL,
    ExpiresUtc    DATETIMEOFFSET(7) NOT NULL,
    UsedUtc       DATETIMEOFFSET(7) NULL,
    IssuedBy      BIGINT            NULL CONSTRAINT FK_PasswordReset_IssuedBy REFERENCES dbo.UserAccount (Id),
    CONSTRAINT UQ_PasswordReset_Account UNIQUE (AccountId),
    CONSTRAINT UQ_PasswordReset_Secret UNIQUE (SecretHash),
    CONSTRAINT CK_PasswordReset_Issuer CHECK ((Kind = N'StaffCode' AND IssuedBy IS NOT NULL) OR (Kind = N'EmailLink' AND IssuedBy IS NULL))
);

-- Recovery codes for a lost phone: SHA-256 of each, each used once.
CREATE TABLE dbo.TwoFactorRecoveryCode (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_TwoFactorRecoveryCode PRIMARY KEY,
    AccountId   BIGINT            NOT NULL CONSTRAINT FK_TwoFactorRecoveryCode_Account REFERENCES dbo.UserAccount (Id),
    CodeHash    NVARCHAR(64)      NOT NULL,
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL,
    UsedUtc     DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_TwoFactorRecoveryCode UNIQUE (AccountId, CodeHash)
);

-- The administrators' security settings: one row.
CREATE TABLE dbo.SecurityPolicy (
    Id                     INT               NOT NULL CONSTRAINT PK_SecurityPolicy PRIMARY KEY CONSTRAINT CK_SecurityPolicy_One CHECK (Id = 1),
    RequireStaffTwoFactor  BIT               NOT NULL CONSTRAINT DF_SecurityPolicy_Require DEFAULT 0,
    UpdatedUtc             DATETIMEOFFSET(7) NULL,
    UpdatedBy              BIGINT            NULL CONSTRAINT FK_SecurityPolicy_UpdatedBy REFERENCES dbo.UserAccount (Id)
);

INSERT INTO dbo.SecurityPolicy (Id, RequireStaffTwoFactor) VALUES (1, 0);
GO
