-- City Points (ちばシティポイント): a double-entry ledger (SQLite).
-- Balances and lot remainders are kept by triggers from the postings, so the CHECKs on them hold under any
-- writer: a wallet or lot that would go below zero makes the whole transaction fail.

CREATE TABLE PointAccount (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Kind            TEXT    NOT NULL CHECK (Kind IN ('Wallet', 'Funding', 'Partner', 'NonProfit', 'Expiry', 'Adjustment')),
    Code            TEXT    NOT NULL,
    Name            TEXT    NOT NULL CHECK (length(Name) BETWEEN 1 AND 200),
    OwnerAccountId  INTEGER NULL REFERENCES UserAccount (Id),
    Balance         INTEGER NOT NULL DEFAULT 0,
    IsActive        INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1)),
    CreatedUtc      TEXT    NOT NULL,
    CONSTRAINT UQ_PointAccount_Code UNIQUE (Code),
    CONSTRAINT CK_PointAccount_Owner CHECK ((Kind = 'Wallet') = (OwnerAccountId IS NOT NULL)),
    CONSTRAINT CK_PointAccount_WalletNotNegative CHECK (Kind <> 'Wallet' OR Balance >= 0)
);

CREATE UNIQUE INDEX UX_PointAccount_Owner ON PointAccount (OwnerAccountId) WHERE OwnerAccountId IS NOT NULL;
CREATE INDEX IX_PointAccount_Kind ON PointAccount (Kind, Name);

INSERT INTO PointAccount (Kind, Code, Name, CreatedUtc) VALUES
    ('Expiry', 'expiry', '有効期限切れ', '2026-11-25T00:00:00.0000000Z'),
    ('Adjustment', 'adjustment', '手動調整', '2026-11-25T00:00:00.0000000Z');

-- One row per transaction. IdempotencyKey is chosen by the caller; PostingCount is how many postings follow,
-- so the database can check the sum once the last one is in. A reversal names the transaction it undoes.
CREATE TABLE PointTransaction (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    IdempotencyKey  TEXT    NOT NULL CHECK (length(IdempotencyKey) BETWEEN 1 AND 120),
    Fingerprint     TEXT    NOT NULL,
    Kind            TEXT    NOT NULL CHECK (Kind IN ('Earn', 'Redeem', 'Donate', 'Expire', 'Adjust', 'Reverse')),
    Memo            TEXT    NOT NULL CHECK (length(Memo) <= 500),
    ReversesId      INTEGER NULL REFERENCES PointTransaction (Id),
    ActorAccountId  INTEGER NULL REFERENCES UserAccount (Id),
    PostingCount    INTEGER NOT NULL CHECK (PostingCount >= 2),
    CreatedUtc      TEXT    NOT NULL,
    CONSTRAINT UQ_PointTransaction_Key UNIQUE (IdempotencyKey),
    CONSTRAINT CK_PointTransaction_Reversal CHECK ((Kind = 'Reverse') = (ReversesId IS NOT NULL))
);

-- A transaction is undone at most once.
CREATE UNIQUE INDEX UX_PointTransaction_Reverses ON PointTransaction (ReversesId) WHERE ReversesId IS NOT NULL;
CREATE INDEX IX_PointTransaction_Created ON PointTransaction (CreatedUtc);

-- A lot: what one credit put into one wallet, with its expiry. Remaining starts at 0 and is raised by the
-- credit's posting; spending postings lower it.
CREATE TABLE PointLot (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    WalletId        INTEGER NOT NULL REFERENCES PointAccount (Id),
    TransactionId   INTEGER NOT NULL REFERENCES PointTransaction (Id),
    Amount          INTEGER NOT NULL CHECK (Amount > 0),
    Remaining       INTEGER NOT NULL DEFAULT 0,
    ExpiresUtc      TEXT    NOT NULL,
    CreatedUtc      TEXT    NOT NULL,
    CONSTRAINT CK_PointLot_Remaining CHECK (Remaining >= 0 AND Remaining <= Amount)
);

CREATE INDEX IX_PointLot_Wallet ON PointLot (WalletId, ExpiresUtc, Id);
CREATE INDEX IX_PointLot_Open ON PointLot (ExpiresUtc) WHERE Remaining > 0;

CREATE TABLE PointPosting (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    TransactionId   INTEGER NOT NULL REFERENCES PointTransaction (Id),
    AccountId       INTEGER NOT NULL REFERENCES PointAccount (Id),
    LotId           INTEGER NULL REFERENCES PointLot (Id),
    Amount          INTEGER NOT NULL CHECK (Amount <> 0)
);

CREATE INDEX IX_PointPosting_Transaction ON PointPosting (TransactionId);
CREATE INDEX IX_PointPosting_Account ON PointPosting (AccountId, TransactionId);
CREATE INDEX IX_PointPosting_Lot ON PointPosting (LotId) WHERE LotId IS NOT NULL;

CREATE TRIGGER TR_PointPosting_Insert AFTER INSERT ON PointPosting
BEGIN
    SELECT RAISE(ABORT, 'a wallet posting must name a lot of that wallet, and only a wallet posting a lot')
    WHERE ((SELECT Kind FROM PointAccount WHERE Id = NEW.AccountId) = 'Wallet') <> (NEW.LotId IS NOT NULL)
       OR (NEW.LotId IS NOT NULL AND (SELECT WalletId FROM PointLot WHERE Id = NEW.LotId) <> NEW.AccountId);
    SELECT RAISE(ABORT, 'postings of a transaction must sum to zero')
    WHERE (SELECT COUNT(*) FROM PointPosting WHERE TransactionId = NEW.TransactionId)
              > (SELECT PostingCount FROM PointTransaction WHERE Id = NEW.TransactionId)
       OR ((SELECT COUNT(*) FROM PointPosting WHERE TransactionId = NEW.TransactionId)
              = (SELECT PostingCount FROM PointTransaction WHERE Id = NEW.TransactionId)
           AND (SELECT SUM(Amount) FROM PointPosting WHERE TransactionId = NEW.TransactionId) <> 0);
    UPDATE PointAccount SET Balance = Balance + NEW.Amount WHERE Id = NEW.AccountId;
    UPDATE PointLot SET Remaining = Remaining + NEW.Amount WHERE Id = NEW.LotId;
END;

-- Posted is final: corrections are reversing transactions.
CREATE TRIGGER TR_PointTransaction_NoUpdate BEFORE UPDATE ON PointTransaction
BEGIN
    SELECT RAISE(ABORT, 'a posted transaction cannot be changed');
END;

CREATE TRIGGER TR_PointTransaction_NoDelete BEFORE DELETE ON PointTransaction
BEGIN
    SELECT RAISE(ABORT, 'a posted transaction cannot be deleted');
END;

CREATE TRIGGER TR_PointTransaction_NoReversalOfReversal BEFORE INSERT ON PointTransaction
WHEN NEW.ReversesId IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a reversal cannot be reversed')
    WHERE (SELECT Kind FROM PointTransaction WHERE Id = NEW.ReversesId) = 'Reverse';
END;

CREATE TRIGGER TR_PointPosting_NoUpdate BEFORE UPDATE ON PointPosting
BEGIN
    SELECT RAISE(ABORT, 'a posting cannot be changed');
END;

CREATE TRIGGER TR_PointPosting_NoDelete BEFORE DELETE ON PointPosting
BEGIN
    SELECT RAISE(ABORT, 'a posting cannot be deleted');
END;

CREATE TRIGGER TR_PointLot_Fixed BEFORE UPDATE OF WalletId, TransactionId, Amount, ExpiresUtc, CreatedUtc ON PointLot
BEGIN
    SELECT RAISE(ABORT, 'a lot cannot be changed, only spent');
END;

CREATE TRIGGER TR_PointLot_NoDelete BEFORE DELETE ON PointLot
BEGIN
    SELECT RAISE(ABORT, 'a lot cannot be deleted');
END;

CREATE TRIGGER TR_PointAccount_Fixed BEFORE UPDATE OF Kind, Code, OwnerAccountId ON PointAccount
BEGIN
    SELECT RAISE(ABORT, 'an account cannot change what it stands for');
END;

CREATE TRIGGER TR_PointAccount_NoDelete BEFORE DELETE ON PointAccount
BEGIN
    SELECT RAISE(ABORT, 'a ledger account cannot be deleted');
END;
