-- Reopen (issue 17, item 1). A report fixed or closed asks its reporter and its "me too" residents "is it fixed?";
-- 「まだ直っていない」 moves it to the new state ReopenRequested, and every answer is kept for the statistics.
-- Re-runnable: the status check is replaced only while it lacks the new state, the table and index made once.
IF OBJECT_ID(N'dbo.CK_Report_Status', N'C') IS NOT NULL
   AND CHARINDEX(N'ReopenRequested', OBJECT_DEFINITION(OBJECT_ID(N'dbo.CK_Report_Status'))) = 0
    ALTER TABLE dbo.Report DROP CONSTRAINT CK_Report_Status;
GO

IF OBJECT_ID(N'dbo.CK_Report_Status', N'C') IS NULL
    ALTER TABLE dbo.Report ADD CONSTRAINT CK_Report_Status CHECK (Status IN (N'Received', N'Accepted', N'InProgress', N'ActionScheduled', N'Fixed',
        N'Referred', N'Duplicate', N'NoFurtherAction', N'Hidden', N'Withdrawn', N'ReopenRequested'));
GO

-- One answer per resident and closing of a report (ClosedUtc: when it was fixed or closed; a report fixed again after
-- a reopening is asked again).
IF OBJECT_ID(N'dbo.ReportFollowUp', N'U') IS NULL
    CREATE TABLE dbo.ReportFollowUp (
        ReportId    BIGINT            NOT NULL CONSTRAINT FK_ReportFollowUp_Report REFERENCES dbo.Report (Id),
        AccountId   BIGINT            NOT NULL CONSTRAINT FK_ReportFollowUp_Account REFERENCES dbo.UserAccount (Id),
        ClosedUtc   DATETIMEOFFSET(7) NOT NULL,
        Answer      NVARCHAR(16)      NOT NULL CONSTRAINT CK_ReportFollowUp_Answer CHECK (Answer IN (N'Fixed', N'NotFixed')),
        Comment     NVARCHAR(2000)    NULL,
        AnsweredUtc DATETIMEOFFSET(7) NOT NULL,
        CONSTRAINT PK_ReportFollowUp PRIMARY KEY (ReportId, AccountId, ClosedUtc)
    );
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'IX_ReportFollowUp_Account' AND object_id = OBJECT_ID(N'dbo.ReportFollowUp'))
    CREATE INDEX IX_ReportFollowUp_Account ON dbo.ReportFollowUp (AccountId);
GO
