-- Ward-office counter queues (窓口の順番): services, counters, who sits where, hours, closed days, tickets,
-- their event log (the statistics come from it) and residents' notice wishes (SQL Server).

CREATE TABLE dbo.QueueService (
    Id                    BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_QueueService PRIMARY KEY,
    OfficeId              NVARCHAR(32)  NOT NULL CONSTRAINT FK_QueueService_Office REFERENCES dbo.WardOffice (Id),
    Code                  NVARCHAR(40)  NOT NULL CONSTRAINT CK_QueueService_Code CHECK (LEN(Code) >= 1),
    NameJa                NVARCHAR(100) NOT NULL CONSTRAINT CK_QueueService_NameJa CHECK (LEN(NameJa) >= 1),
    NameEn                NVARCHAR(100) NOT NULL CONSTRAINT CK_QueueService_NameEn CHECK (LEN(NameEn) >= 1),
    Prefix                NCHAR(1)      NOT NULL CONSTRAINT CK_QueueService_Prefix CHECK (Prefix LIKE N'[A-Z]'),
    FastLane              BIT           NOT NULL,
    DefaultServiceMinutes INT           NOT NULL CONSTRAINT CK_QueueService_Minutes CHECK (DefaultServiceMinutes BETWEEN 1 AND 240),
    Active                BIT           NOT NULL,
    SortOrder             INT           NOT NULL,
    CONSTRAINT UQ_QueueService_Code UNIQUE (OfficeId, Code),
    CONSTRAINT UQ_QueueService_Prefix UNIQUE (OfficeId, Prefix)
);

CREATE TABLE dbo.QueueCounter (
    Id        BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_QueueCounter PRIMARY KEY,
    OfficeId  NVARCHAR(32) NOT NULL CONSTRAINT FK_QueueCounter_Office REFERENCES dbo.WardOffice (Id),
    Name      NVARCHAR(40) NOT NULL CONSTRAINT CK_QueueCounter_Name CHECK (LEN(Name) >= 1),
    SortOrder INT          NOT NULL,
    Active    BIT          NOT NULL,
    CONSTRAINT UQ_QueueCounter_Name UNIQUE (OfficeId, Name)
);

CREATE TABLE dbo.QueueCounterService (
    CounterId BIGINT NOT NULL CONSTRAINT FK_QueueCounterService_Counter REFERENCES dbo.QueueCounter (Id) ON DELETE CASCADE,
    ServiceId BIGINT NOT NULL CONSTRAINT FK_QueueCounterService_Service REFERENCES dbo.QueueService (Id),
    CONSTRAINT PK_QueueCounterService PRIMARY KEY (CounterId, ServiceId)
);

-- A staff member at a counter. ServiceIds is the comma-separated list of services chosen for the session.
CREATE TABLE dbo.QueueCounterSession (
    Id         BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_QueueCounterSession PRIMARY KEY,
    CounterId  BIGINT            NOT NULL CONSTRAINT FK_QueueCounterSession_Counter REFERENCES dbo.QueueCounter (Id),
    AccountId  BIGINT            NOT NULL CONSTRAINT FK_QueueCounterSession_Account REFERENCES dbo.UserAccount (Id),
    ServiceIds NVARCHAR(400)     NOT NULL,
    Paused     BIT               NOT NULL,
    StartedUtc DATETIMEOFFSET(7) NOT NULL,
    EndedUtc   DATETIMEOFFSET(7) NULL
);

CREATE INDEX IX_QueueCounterSession_Open ON dbo.QueueCounterSession (CounterId, EndedUtc);
CREATE INDEX IX_QueueCounterSession_Account ON dbo.QueueCounterSession (AccountId, EndedUtc);

CREATE TABLE dbo.QueueSettings (
    OfficeId            NVARCHAR(32) NOT NULL CONSTRAINT PK_QueueSettings PRIMARY KEY CONSTRAINT FK_QueueSettings_Office REFERENCES dbo.WardOffice (Id),
    NoticeThreshold     INT          NOT NULL CONSTRAINT CK_QueueSettings_Threshold CHECK (NoticeThreshold BETWEEN 1 AND 50),
    RecallsBeforeNoShow INT          NOT NULL CONSTRAINT CK_QueueSettings_Recalls CHECK (RecallsBeforeNoShow BETWEEN 0 AND 10)
);

INSERT INTO dbo.QueueSettings (OfficeId, NoticeThreshold, RecallsBeforeNoShow)
SELECT Id, 3, 2 FROM dbo.WardOffice;

-- Counter hours per weekday (0 = Sunday) in Japan time, "HH:mm".
CREATE TABLE dbo.QueueHours (
    OfficeId NVARCHAR(32) NOT NULL CONSTRAINT FK_QueueHours_Office REFERENCES dbo.WardOffice (Id),
    Weekday  INT          NOT NULL CONSTRAINT CK_QueueHours_Weekday CHECK (Weekday BETWEEN 0 AND 6),
    Opens    CHAR(5)      NOT NULL,
    Closes   CHAR(5)      NOT NULL,
    CONSTRAINT PK_QueueHours PRIMARY KEY (OfficeId, Weekday),
    CONSTRAINT CK_QueueHours_Order CHECK (Closes > Opens)
);

INSERT INTO dbo.QueueHours (OfficeId, Weekday, Opens, Closes)
SELECT o.Id, d.Weekday, '09:00', '17:00'
FROM dbo.WardOffice o CROSS JOIN (VALUES (1), (2), (3), (4), (5)) AS d (Weekday);

-- Closed days beyond weekends, national holidays (worked out by the app for any year) and 29 Dec to 3 Jan.
-- Scope is an office id or 'all'.
CREATE TABLE dbo.QueueClosedDay (
    Day    CHAR(10)      NOT NULL,
    Scope  NVARCHAR(32)  NOT NULL,
    Reason NVARCHAR(100) NOT NULL,
    CONSTRAINT PK_QueueClosedDay PRIMARY KEY (Day, Scope)
);

-- A numbered ticket. Numbers restart each business day (Japan date): the unique key refuses a repeat.
CREATE TABLE dbo.QueueTicket (
    Id                   BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_QueueTicket PRIMARY KEY,
    OfficeId             NVARCHAR(32)      NOT NULL CONSTRAINT FK_QueueTicket_Office REFERENCES dbo.WardOffice (Id),
    ServiceId            BIGINT            NOT NULL CONSTRAINT FK_QueueTicket_Service REFERENCES dbo.QueueService (Id),
    IssuedForServiceId   BIGINT            NULL CONSTRAINT FK_QueueTicket_IssuedFor REFERENCES dbo.QueueService (Id),
    BusinessDate         CHAR(10)          NOT NULL,
    Prefix               NCHAR(1)          NOT NULL,
    Number               INT               NOT NULL CONSTRAINT CK_QueueTicket_Number CHECK (Number >= 1),
    Lane                 NVARCHAR(16)      NOT NULL CONSTRAINT CK_QueueTicket_Lane CHECK (Lane IN (N'WalkIn', N'FastLane', N'Appointment')),
    LaneRank             INT               NOT NULL CONSTRAINT CK_QueueTicket_LaneRank CHECK (LaneRank IN (0, 1)),
    State                NVARCHAR(16)      NOT NULL CONSTRAINT CK_QueueTicket_State CHECK (State IN (N'Waiting', N'Called', N'Serving', N'Served', N'NoShow')),
    IssuedUtc            DATETIMEOFFSET(7) NOT NULL,
    QueuedUtc            DATETIMEOFFSET(7) NOT NULL,
    CounterId            BIGINT            NULL CONSTRAINT FK_QueueTicket_Counter REFERENCES dbo.QueueCounter (Id),
    CalledUtc            DATETIMEOFFSET(7) NULL,
    RecallCount          INT               NOT NULL CONSTRAINT CK_QueueTicket_RecallCount CHECK (RecallCount >= 0),
    ServingUtc           DATETIMEOFFSET(7) NULL,
    FinishedUtc          DATETIMEOFFSET(7) NULL,
    EstimatedWaitSeconds INT               NULL,
    TokenHash            CHAR(64)          NOT NULL,
    TokenExpiresUtc      DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_QueueTicket_Number UNIQUE (OfficeId, BusinessDate, Prefix, Number),
    CONSTRAINT UQ_QueueTicket_Token UNIQUE (TokenHash)
);

CREATE INDEX IX_QueueTicket_Line ON dbo.QueueTicket (OfficeId, BusinessDate, State, ServiceId, LaneRank, QueuedUtc, Id);
CREATE INDEX IX_QueueTicket_Counter ON dbo.QueueTicket (CounterId, State);

CREATE TABLE dbo.QueueTicketEvent (
    Id                   BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_QueueTicketEvent PRIMARY KEY,
    TicketId             BIGINT            NOT NULL CONSTRAINT FK_QueueTicketEvent_Ticket REFERENCES dbo.QueueTicket (Id),
    OfficeId             NVARCHAR(32)      NOT NULL CONSTRAINT FK_QueueTicketEvent_Office REFERENCES dbo.WardOffice (Id),
    ServiceId            BIGINT            NOT NULL CONSTRAINT FK_QueueTicketEvent_Service REFERENCES dbo.QueueService (Id),
    Kind                 NVARCHAR(16)      NOT NULL CONSTRAINT CK_QueueTicketEvent_Kind CHECK (Kind IN (N'Issued', N'Called', N'Recalled', N'Serving', N'Transferred', N'Served', N'NoShow')),
    OccurredUtc          DATETIMEOFFSET(7) NOT NULL,
    BusinessDate         CHAR(10)          NOT NULL,
    Weekday              INT               NOT NULL,
    Hour                 INT               NOT NULL,
    CounterId            BIGINT            NULL CONSTRAINT FK_QueueTicketEvent_Counter REFERENCES dbo.QueueCounter (Id),
    FromServiceId        BIGINT            NULL CONSTRAINT FK_QueueTicketEvent_FromService REFERENCES dbo.QueueService (Id),
    ActorId              BIGINT            NULL CONSTRAINT FK_QueueTicketEvent_Actor REFERENCES dbo.UserAccount (Id),
    WaitSeconds          INT               NULL,
    ServiceSeconds       INT               NULL,
    EstimateErrorSeconds INT               NULL
);

CREATE INDEX IX_QueueTicketEvent_Office_Date ON dbo.QueueTicketEvent (OfficeId, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Date ON dbo.QueueTicketEvent (ServiceId, Kind, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Hour ON dbo.QueueTicketEvent (ServiceId, Kind, Weekday, Hour);
CREATE INDEX IX_QueueTicketEvent_Ticket ON dbo.QueueTicketEvent (TicketId);

-- What a ticket holder asked to be told: an account, or one address (e-mail) given on the ticket page.
CREATE TABLE dbo.QueueNoticeSubscription (
    TicketId    BIGINT            NOT NULL CONSTRAINT FK_QueueNoticeSubscription_Ticket REFERENCES dbo.QueueTicket (Id),
    Kind        NVARCHAR(16)      NOT NULL CONSTRAINT CK_QueueNoticeSubscription_Kind CHECK (Kind IN (N'Near', N'Called')),
    AccountId   BIGINT            NULL CONSTRAINT FK_QueueNoticeSubscription_Account REFERENCES dbo.UserAccount (Id),
    Channel     NVARCHAR(16)      NULL,
    Destination NVARCHAR(400)     NULL,
    Culture     NVARCHAR(8)       NOT NULL,
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT PK_QueueNoticeSubscription PRIMARY KEY (TicketId, Kind),
    CONSTRAINT CK_QueueNoticeSubscription_Recipient CHECK ((AccountId IS NULL AND Destination IS NOT NULL) OR (AccountId IS NOT NULL AND Destination IS NULL))
);
