-- Open311 GeoReport v2: API keys of partner apps (SQL Server). Only the SHA-256 of a key is stored.

CREATE TABLE dbo.Open311ApiKey (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Open311ApiKey PRIMARY KEY,
    Name        NVARCHAR(100)     NOT NULL CONSTRAINT CK_Open311ApiKey_Name CHECK (LEN(Name) >= 1),
    KeyHash     CHAR(64)          NOT NULL CONSTRAINT CK_Open311ApiKey_KeyHash CHECK (LEN(KeyHash) = 64),
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL,
    CreatedById BIGINT            NULL CONSTRAINT FK_Open311ApiKey_CreatedBy REFERENCES dbo.UserAccount (Id),
    RevokedUtc  DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_Open311ApiKey_KeyHash UNIQUE (KeyHash)
);
