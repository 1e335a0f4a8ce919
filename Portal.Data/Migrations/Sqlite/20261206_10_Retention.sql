-- Retention (保存期間): the record of each retention run with what it removed per kind, and the purge path of the
-- audit trail (SQLite). Audit records were append-only against updates; now deleting one is refused too, unless it
-- is older than the boundary the retention job set in AuditPurgeBoundary, and that boundary is at least a year old.

CREATE TABLE RetentionRun (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    StartedUtc  TEXT    NOT NULL,
    FinishedUtc TEXT    NULL,
    StartedBy   TEXT    NOT NULL CHECK (length(StartedBy) BETWEEN 1 AND 256),
    Error       TEXT    NULL CHECK (Error IS NULL OR length(Error) <= 1000)
);

CREATE INDEX IX_RetentionRun_Started ON RetentionRun (StartedUtc);

-- What one run removed of one kind, and the boundary it applied (rows before it were due).
CREATE TABLE RetentionRunItem (
    RunId     INTEGER NOT NULL REFERENCES RetentionRun (Id) ON DELETE CASCADE,
    Kind      TEXT    NOT NULL CHECK (length(Kind) BETWEEN 1 AND 40),
    BeforeUtc TEXT    NOT NULL,
    Removed   INTEGER NOT NULL CHECK (Removed >= 0),
    CONSTRAINT PK_RetentionRunItem PRIMARY KEY (RunId, Kind)
);

-- One row: audit records older than BeforeUtc may be deleted (by the retention job, batch by batch).
CREATE TABLE AuditPurgeBoundary (
    Id        INTEGER NOT NULL PRIMARY KEY CHECK (Id = 1),
    BeforeUtc TEXT    NOT NULL,
    SetUtc    TEXT    NOT NULL
);

-- A boundary closer than a year to the database's own clock would let recent records go: refused.
CREATE TRIGGER TR_AuditPurgeBoundary_Insert BEFORE INSERT ON AuditPurgeBoundary
WHEN NEW.BeforeUtc > strftime('%Y-%m-%dT%H:%M:%S', 'now', '-1 year')
BEGIN
    SELECT RAISE(ABORT, 'the audit purge boundary must be at least a year old');
END;

CREATE TRIGGER TR_AuditPurgeBoundary_Update BEFORE UPDATE ON AuditPurgeBoundary
WHEN NEW.BeforeUtc > strftime('%Y-%m-%dT%H:%M:%S', 'now', '-1 year')
BEGIN
    SELECT RAISE(ABORT, 'the audit purge boundary must be at least a year old');
END;

CREATE TRIGGER TR_AuditEntry_NoDelete BEFORE DELETE ON AuditEntry
WHEN OLD.OccurredUtc >= COALESCE((SELECT BeforeUtc FROM AuditPurgeBoundary WHERE Id = 1), '')
BEGIN
    SELECT RAISE(ABORT, 'audit records are deleted only after their retention period');
END;

-- When a ticket's link to a person (page token, subscriptions) was removed; its event log stays for the statistics.
ALTER TABLE QueueTicket ADD COLUMN UnlinkedUtc TEXT NULL;

-- The job finds tickets not yet unlinked by business day, and notices by age.
CREATE INDEX IX_QueueTicket_Unlinked ON QueueTicket (UnlinkedUtc, BusinessDate);
CREATE INDEX IX_Notice_Created ON Notice (CreatedUtc, Id);
