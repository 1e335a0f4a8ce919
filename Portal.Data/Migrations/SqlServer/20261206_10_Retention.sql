-- Retention (保存期間): the record of each retention run with what it removed per kind, and the purge path of the
-- audit trail (SQL Server). Audit records were append-only against updates; now deleting one is refused too, unless
-- it is older than the boundary the retention job set in AuditPurgeBoundary, and that boundary is at least a year old.

CREATE TABLE dbo.RetentionRun (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_RetentionRun PRIMARY KEY,
    StartedUtc  DATETIMEOFFSET(7) NOT NULL,
    FinishedUtc DATETIMEOFFSET(7) NULL,
    StartedBy   NVARCHAR(256)     NOT NULL CONSTRAINT CK_RetentionRun_StartedBy CHECK (LEN(StartedBy) >= 1),
    Error       NVARCHAR(1000)    NULL
);

CREATE INDEX IX_RetentionRun_Started ON dbo.RetentionRun (StartedUtc);

-- What one run removed of one kind, and the boundary it applied (rows before it were due).
CREATE TABLE dbo.RetentionRunItem (
    RunId     BIGINT            NOT NULL CONSTRAINT FK_RetentionRunItem_Run REFERENCES dbo.RetentionRun (Id) ON DELETE CASCADE,
    Kind      NVARCHAR(40)      NOT NULL,
    BeforeUtc DATETIMEOFFSET(7) NOT NULL,
    Removed   INT               NOT NULL CONSTRAINT CK_RetentionRunItem_Removed CHECK (Removed >= 0),
    CONSTRAINT PK_RetentionRunItem PRIMARY KEY (RunId, Kind)
);

-- One row: audit records older than BeforeUtc may be deleted (by the retention job, batch by batch).
CREATE TABLE dbo.AuditPurgeBoundary (
    Id        INT               NOT NULL CONSTRAINT PK_AuditPurgeBoundary PRIMARY KEY CONSTRAINT CK_AuditPurgeBoundary_One CHECK (Id = 1),
    BeforeUtc DATETIMEOFFSET(7) NOT NULL,
    SetUtc    DATETIMEOFFSET(7) NOT NULL
);
GO

-- A boundary closer than a year to the database's own clock would let recent records go: refused.
CREATE TRIGGER dbo.TR_AuditPurgeBoundary_Recent ON dbo.AuditPurgeBoundary AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM inserted WHERE BeforeUtc > DATEADD(YEAR, -1, SYSUTCDATETIME()))
        THROW 51020, N'the audit purge boundary must be at least a year old', 1;
END;
GO

CREATE TRIGGER dbo.TR_AuditEntry_NoDelete ON dbo.AuditEntry AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF EXISTS (SELECT 1 FROM deleted d
               WHERE NOT EXISTS (SELECT 1 FROM dbo.AuditPurgeBoundary b WHERE b.Id = 1 AND d.OccurredUtc < b.BeforeUtc))
        THROW 51021, N'audit records are deleted only after their retention period', 1;
END;
GO

-- When a ticket's link to a person (page token, subscriptions) was removed; its event log stays for the statistics.
ALTER TABLE dbo.QueueTicket ADD UnlinkedUtc DATETIMEOFFSET(7) NULL;
GO

-- The job finds tickets not yet unlinked by business day, and notices by age.
CREATE INDEX IX_QueueTicket_Unlinked ON dbo.QueueTicket (UnlinkedUtc, BusinessDate);
CREATE INDEX IX_Notice_Created ON dbo.Notice (CreatedUtc, Id);
