-- Supporter activities (サポーター活動): volunteer tasks the city opens from a report, and the residents who join (SQL Server).

CREATE TABLE dbo.SupporterTask (
    Id           BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_SupporterTask PRIMARY KEY,
    ReportId     BIGINT            NOT NULL CONSTRAINT FK_SupporterTask_Report REFERENCES dbo.Report (Id),
    Title        NVARCHAR(100)     NOT NULL CONSTRAINT CK_SupporterTask_Title CHECK (LEN(Title) >= 1),
    Description  NVARCHAR(2000)    NOT NULL CONSTRAINT CK_SupporterTask_Description CHECK (LEN(Description) >= 1),
    MeetingPlace NVARCHAR(200)     NOT NULL CONSTRAINT CK_SupporterTask_MeetingPlace CHECK (LEN(MeetingPlace) >= 1),
    StartUtc     DATETIMEOFFSET(7) NOT NULL,
    EndUtc       DATETIMEOFFSET(7) NOT NULL,
    Capacity     INT               NOT NULL CONSTRAINT CK_SupporterTask_Capacity CHECK (Capacity BETWEEN 1 AND 500),
    Status       NVARCHAR(16)      NOT NULL CONSTRAINT CK_SupporterTask_Status CHECK (Status IN (N'Open', N'Cancelled', N'Done')),
    CreatedById  BIGINT            NOT NULL CONSTRAINT FK_SupporterTask_CreatedBy REFERENCES dbo.UserAccount (Id),
    CreatedUtc   DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT CK_SupporterTask_Times CHECK (EndUtc > StartUtc)
);

CREATE INDEX IX_SupporterTask_Report ON dbo.SupporterTask (ReportId, StartUtc);
CREATE INDEX IX_SupporterTask_Status_Start ON dbo.SupporterTask (Status, StartUtc);

-- One place per resident per task: the unique key stops a double tap that slips past the check.
CREATE TABLE dbo.SupporterSignup (
    TaskId     BIGINT            NOT NULL CONSTRAINT FK_SupporterSignup_Task REFERENCES dbo.SupporterTask (Id),
    AccountId  BIGINT            NOT NULL CONSTRAINT FK_SupporterSignup_Account REFERENCES dbo.UserAccount (Id),
    CreatedUtc DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_SupporterSignup PRIMARY KEY (TaskId, AccountId)
);

CREATE INDEX IX_SupporterSignup_Account ON dbo.SupporterSignup (AccountId);
