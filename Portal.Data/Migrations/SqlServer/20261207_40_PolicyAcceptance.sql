-- Policy acceptance (SQL Server): which version of the terms of use and of the privacy policy each resident accepted,
-- and when (UTC). One row per account, document and version; the first acceptance of a version is kept. Rows stay
-- with a deleted account's tombstone: they hold no personal data and record what was agreed.
CREATE TABLE dbo.PolicyAcceptance (
    AccountId    BIGINT            NOT NULL CONSTRAINT FK_PolicyAcceptance_Account REFERENCES dbo.UserAccount (Id),
    Kind         NVARCHAR(16)      NOT NULL CONSTRAINT CK_PolicyAcceptance_Kind CHECK (Kind IN (N'terms', N'privacy')),
    Version      INT               NOT NULL CONSTRAINT CK_PolicyAcceptance_Version CHECK (Version >= 1),
    AcceptedUtc  DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_PolicyAcceptance PRIMARY KEY (AccountId, Kind, Version)
);
GO
