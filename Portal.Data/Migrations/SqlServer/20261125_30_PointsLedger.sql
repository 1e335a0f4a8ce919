-- City Points (ちばシティポイント): a double-entry ledger (SQL Server).
-- Balances and lot remainders are kept by a trigger from the postings, so the CHECKs on them hold under any
-- writer: a wallet or lot that would go below zero makes the whole transaction fail.
-- Permissions: in production the application's login should hold only SELECT and INSERT on PointTransaction,
-- PointPosting and PointLot (DENY UPDATE, DELETE on PointTransaction and PointPosting to that login); the
-- triggers below refuse changes from anyone else too.

CREATE TABLE dbo.PointAccount (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointAccount PRIMARY KEY,
    Kind            NVARCHAR(16)      NOT NULL CONSTRAINT CK_PointAccount_Kind CHECK (Kind IN (N'Wallet', N'Funding', N'Partner', N'NonProfit', N'Expiry', N'Adjustment')),
    Code            NVARCHAR(100)     NOT NULL,
    Name            NVARCHAR(200)     NOT NULL CONSTRAINT CK_PointAccount_Name CHECK (LEN(Name) >= 1),
    OwnerAccountId  BIGINT            NULL CONSTRAINT FK_PointAccount_Owner REFERENCES dbo.UserAccount (Id),
    Balance         BIGINT            NOT NULL CONSTRAINT DF_PointAccount_Balance DEFAULT 0,
    IsActive        BIT               NOT NULL CONSTRAINT DF_PointAccount_IsActive DEFAULT 1,
    CreatedUtc      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_PointAccount_Code UNIQUE (Code),
    CONSTRAINT CK_PointAccount_Owner CHECK ((Kind = N'Wallet' AND OwnerAccountId IS NOT NULL) OR (Kind <> N'Wallet' AND OwnerAccountId IS NULL)),
    CONSTRAINT CK_PointAccount_WalletNotNegative CHECK (Kind <> N'Wallet' OR Balance >= 0)
);

CREATE UNIQUE INDEX UX_PointAccount_Owner ON dbo.PointAccount (OwnerAccountId) WHERE OwnerAccountId IS NOT NULL;
CREATE INDEX IX_PointAccount_Kind ON dbo.PointAccount (Kind, Name);

INSERT INTO dbo.PointAccount (Kind, Code, Name, CreatedUtc) VALUES
    (N'Expiry', N'expiry', N'有効期限切れ', '2026-11-25T00:00:00+00:00'),
    (N'Adjustment', N'adjustment', N'手動調整', '2026-11-25T00:00:00+00:00');

CREATE TABLE dbo.PointTransaction (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointTransaction PRIMARY KEY,
    IdempotencyKey  NVARCHAR(120)     NOT NULL CONSTRAINT CK_PointTransaction_Key CHECK (LEN(IdempotencyKey) >= 1),
    Fingerprint     NVARCHAR(64)      NOT NULL,
    Kind            NVARCHAR(16)      NOT NULL CONSTRAINT CK_PointTransaction_Kind CHECK (Kind IN (N'Earn', N'Redeem', N'Donate', N'Expire', N'Adjust', N'Reverse')),
    Memo            NVARCHAR(500)     NOT NULL,
    ReversesId      BIGINT            NULL CONSTRAINT FK_PointTransaction_Reverses REFERENCES dbo.PointTransaction (Id),
    ActorAccountId  BIGINT            NULL CONSTRAINT FK_PointTransaction_Actor REFERENCES dbo.UserAccount (Id),
    PostingCount    INT               NOT NULL CONSTRAINT CK_PointTransaction_PostingCount CHECK (PostingCount >= 2),
    CreatedUtc      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_PointTransaction_Key UNIQUE (IdempotencyKey),
    CONSTRAINT CK_PointTransaction_Reversal CHECK ((Kind = N'Reverse' AND ReversesId IS NOT NULL) OR (Kind <> N'Reverse' AND ReversesId IS NULL))
);

CREATE UNIQUE INDEX UX_PointTransaction_Reverses ON dbo.PointTransaction (ReversesId) WHERE ReversesId IS NOT NULL;
CREATE INDEX IX_PointTransaction_Created ON dbo.PointTransaction (CreatedUtc);

CREATE TABLE dbo.PointLot (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointLot PRIMARY KEY,
    WalletId        BIGINT            NOT NULL CONSTRAINT FK_PointLot_Wallet REFERENCES dbo.PointAccount (Id),
    TransactionId   BIGINT            NOT NULL CONSTRAINT FK_PointLot_Transaction REFERENCES dbo.PointTransaction (Id),
    Amount          BIGINT            NOT NULL CONSTRAINT CK_PointLot_Amount CHECK (Amount > 0),
    Remaining       BIGINT            NOT NULL CONSTRAINT DF_PointLot_Remaining DEFAULT 0,
    ExpiresUtc      DATETIMEOFFSET(7) NOT NULL,
    CreatedUtc      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT CK_PointLot_Remaining CHECK (Remaining >= 0 AND Remaining <= Amount)
);

CREATE INDEX IX_PointLot_Wallet ON dbo.PointLot (WalletId, ExpiresUtc, Id);
CREATE INDEX IX_PointLot_Open ON dbo.PointLot (ExpiresUtc) WHERE Remaining > 0;

CREATE TABLE dbo.PointPosting (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PointPosting PRIMARY KEY,
    TransactionId   BIGINT NOT NULL CONSTRAINT FK_PointPosting_Transaction REFERENCES dbo.PointTransaction (Id),
    AccountId       BIGINT NOT NULL CONSTRAINT FK_PointPosting_Account REFERENCES dbo.PointAccount (Id),
    LotId           BIGINT NULL CONSTRAINT FK_PointPosting_Lot REFERENCES dbo.PointLot (Id),
    Amount          BIGINT NOT NULL CONSTRAINT CK_PointPosting_Amount CHECK (Amount <> 0)
);

CREATE INDEX IX_PointPosting_Transaction ON dbo.PointPosting (TransactionId);
CREATE INDEX IX_PointPosting_Account ON dbo.PointPosting (AccountId, TransactionId);
CREATE INDEX IX_PointPosting_Lot ON dbo.PointPosting (LotId) WHERE LotId IS NOT NULL;
GO

CREATE TRIGGER dbo.TR_PointPosting_Insert ON dbo.PointPosting AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (
        SELECT 1 FROM inserted i
        JOIN dbo.PointAccount a ON a.Id = i.AccountId
        LEFT JOIN dbo.PointLot l ON l.Id = i.LotId
        WHERE (a.Kind = N'Wallet' AND (l.Id IS NULL OR l.WalletId <> i.AccountId))
           OR (a.Kind <> N'Wallet' AND i.LotId IS NOT NULL))
        THROW 51010, N'a wallet posting must name a lot of that wallet, and only a wallet posting a lot', 1;
    IF EXISTS (
        SELECT 1 FROM dbo.PointTransaction t
        JOIN (SELECT DISTINCT TransactionId FROM inserted) x ON x.TransactionId = t.Id
        CROSS APPLY (SELECT COUNT(*) AS N, SUM(p.Amount) AS Total FROM dbo.PointPosting p WHERE p.TransactionId = t.Id) s
        WHERE s.N > t.PostingCount OR (s.N = t.PostingCount AND s.Total <> 0))
        THROW 51011, N'postings of a transaction must sum to zero', 1;
    UPDATE a SET Balance = a.Balance + d.Amount
    FROM dbo.PointAccount a
    JOIN (SELECT AccountId, SUM(Amount) AS Amount FROM inserted GROUP BY AccountId) d ON d.AccountId = a.Id;
    UPDATE l SET Remaining = l.Remaining + d.Amount
    FROM dbo.PointLot l
    JOIN (SELECT LotId, SUM(Amount) AS Amount FROM inserted WHERE LotId IS NOT NULL GROUP BY LotId) d ON d.LotId = l.Id;
END;
GO

CREATE TRIGGER dbo.TR_PointTransaction_Final ON dbo.PointTransaction AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51012, N'a posted transaction cannot be changed or deleted', 1;
END;
GO

CREATE TRIGGER dbo.TR_PointTransaction_NoReversalOfReversal ON dbo.PointTransaction AFTER INSERT
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted i JOIN dbo.PointTransaction o ON o.Id = i.ReversesId WHERE o.Kind = N'Reverse')
        THROW 51013, N'a reversal cannot be reversed', 1;
END;
GO

CREATE TRIGGER dbo.TR_PointPosting_Final ON dbo.PointPosting AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51014, N'a posting cannot be changed or deleted', 1;
END;
GO

CREATE TRIGGER dbo.TR_PointLot_Fixed ON dbo.PointLot AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    -- A statement trigger fires for an update of no rows too: only rows that were there and are gone are a delete.
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
        THROW 51015, N'a lot cannot be deleted', 1;
    IF UPDATE(WalletId) OR UPDATE(TransactionId) OR UPDATE(Amount) OR UPDATE(ExpiresUtc) OR UPDATE(CreatedUtc)
        THROW 51016, N'a lot cannot be changed, only spent', 1;
END;
GO

CREATE TRIGGER dbo.TR_PointAccount_Fixed ON dbo.PointAccount AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted) AND NOT EXISTS (SELECT 1 FROM inserted)
        THROW 51017, N'a ledger account cannot be deleted', 1;
    IF UPDATE(Kind) OR UPDATE(Code) OR UPDATE(OwnerAccountId)
        THROW 51018, N'an account cannot change what it stands for', 1;
END;
GO
