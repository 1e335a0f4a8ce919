-- Ward-office counter queues (窓口の順番): services, counters, who sits where, hours, closed days, tickets,
-- their event log (the statistics come from it) and residents' notice wishes (SQLite).

CREATE TABLE QueueService (
    Id                    INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    OfficeId              TEXT    NOT NULL REFERENCES WardOffice (Id),
    Code                  TEXT    NOT NULL CHECK (length(Code) BETWEEN 1 AND 40),
    NameJa                TEXT    NOT NULL CHECK (length(trim(NameJa)) >= 1 AND length(NameJa) <= 100),
    NameEn                TEXT    NOT NULL CHECK (length(trim(NameEn)) >= 1 AND length(NameEn) <= 100),
    Prefix                TEXT    NOT NULL CHECK (length(Prefix) = 1 AND Prefix BETWEEN 'A' AND 'Z'),
    FastLane              INTEGER NOT NULL CHECK (FastLane IN (0, 1)),
    DefaultServiceMinutes INTEGER NOT NULL CHECK (DefaultServiceMinutes BETWEEN 1 AND 240),
    Active                INTEGER NOT NULL CHECK (Active IN (0, 1)),
    SortOrder             INTEGER NOT NULL,
    CONSTRAINT UQ_QueueService_Code UNIQUE (OfficeId, Code),
    CONSTRAINT UQ_QueueService_Prefix UNIQUE (OfficeId, Prefix)
);

CREATE TABLE QueueCounter (
    Id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    OfficeId  TEXT    NOT NULL REFERENCES WardOffice (Id),
    Name      TEXT    NOT NULL CHECK (length(trim(Name)) >= 1 AND length(Name) <= 40),
    SortOrder INTEGER NOT NULL,
    Active    INTEGER NOT NULL CHECK (Active IN (0, 1)),
    CONSTRAINT UQ_QueueCounter_Name UNIQUE (OfficeId, Name)
);

CREATE TABLE QueueCounterService (
    CounterId INTEGER NOT NULL REFERENCES QueueCounter (Id) ON DELETE CASCADE,
    ServiceId INTEGER NOT NULL REFERENCES QueueService (Id),
    CONSTRAINT PK_QueueCounterService PRIMARY KEY (CounterId, ServiceId)
);

-- A staff member at a counter. ServiceIds is the comma-separated list of services chosen for the session.
CREATE TABLE QueueCounterSession (
    Id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    CounterId  INTEGER NOT NULL REFERENCES QueueCounter (Id),
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    ServiceIds TEXT    NOT NULL,
    Paused     INTEGER NOT NULL CHECK (Paused IN (0, 1)),
    StartedUtc TEXT    NOT NULL,
    EndedUtc   TEXT    NULL
);

CREATE INDEX IX_QueueCounterSession_Open ON QueueCounterSession (CounterId, EndedUtc);
CREATE INDEX IX_QueueCounterSession_Account ON QueueCounterSession (AccountId, EndedUtc);

CREATE TABLE QueueSettings (
    OfficeId            TEXT    NOT NULL PRIMARY KEY REFERENCES WardOffice (Id),
    NoticeThreshold     INTEGER NOT NULL CHECK (NoticeThreshold BETWEEN 1 AND 50),
    RecallsBeforeNoShow INTEGER NOT NULL CHECK (RecallsBeforeNoShow BETWEEN 0 AND 10)
);

INSERT INTO QueueSettings (OfficeId, NoticeThreshold, RecallsBeforeNoShow)
SELECT Id, 3, 2 FROM WardOffice;

-- Counter hours per weekday (0 = Sunday) in Japan time, "HH:mm".
CREATE TABLE QueueHours (
    OfficeId TEXT    NOT NULL REFERENCES WardOffice (Id),
    Weekday  INTEGER NOT NULL CHECK (Weekday BETWEEN 0 AND 6),
    Opens    TEXT    NOT NULL CHECK (length(Opens) = 5),
    Closes   TEXT    NOT NULL CHECK (length(Closes) = 5),
    CONSTRAINT PK_QueueHours PRIMARY KEY (OfficeId, Weekday),
    CONSTRAINT CK_QueueHours_Order CHECK (Closes > Opens)
);

INSERT INTO QueueHours (OfficeId, Weekday, Opens, Closes)
SELECT o.Id, d.Weekday, '09:00', '17:00'
FROM WardOffice o CROSS JOIN (SELECT 1 AS Weekday UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) d;

-- Closed days beyond weekends, national holidays (worked out by the app for any year) and 29 Dec to 3 Jan.
-- Scope is an office id or 'all'.
CREATE TABLE QueueClosedDay (
    Day    TEXT NOT NULL CHECK (length(Day) = 10),
    Scope  TEXT NOT NULL,
    Reason TEXT NOT NULL CHECK (length(Reason) <= 100),
    CONSTRAINT PK_QueueClosedDay PRIMARY KEY (Day, Scope)
);

-- A numbered ticket. Numbers restart each business day (Japan date): the unique key refuses a repeat.
CREATE TABLE QueueTicket (
    Id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    OfficeId             TEXT    NOT NULL REFERENCES WardOffice (Id),
    ServiceId            INTEGER NOT NULL REFERENCES QueueService (Id),
    IssuedForServiceId   INTEGER NULL REFERENCES QueueService (Id),
    BusinessDate         TEXT    NOT NULL CHECK (length(BusinessDate) = 10),
    Prefix               TEXT    NOT NULL CHECK (length(Prefix) = 1),
    Number               INTEGER NOT NULL CHECK (Number >= 1),
    Lane                 TEXT    NOT NULL CHECK (Lane IN ('WalkIn', 'FastLane', 'Appointment')),
    LaneRank             INTEGER NOT NULL CHECK (LaneRank IN (0, 1)),
    State                TEXT    NOT NULL CHECK (State IN ('Waiting', 'Called', 'Serving', 'Served', 'NoShow')),
    IssuedUtc            TEXT    NOT NULL,
    QueuedUtc            TEXT    NOT NULL,
    CounterId            INTEGER NULL REFERENCES QueueCounter (Id),
    CalledUtc            TEXT    NULL,
    RecallCount          INTEGER NOT NULL CHECK (RecallCount >= 0),
    ServingUtc           TEXT    NULL,
    FinishedUtc          TEXT    NULL,
    EstimatedWaitSeconds INTEGER NULL,
    TokenHash            TEXT    NOT NULL,
    TokenExpiresUtc      TEXT    NOT NULL,
    CONSTRAINT UQ_QueueTicket_Number UNIQUE (OfficeId, BusinessDate, Prefix, Number),
    CONSTRAINT UQ_QueueTicket_Token UNIQUE (TokenHash)
);

CREATE INDEX IX_QueueTicket_Line ON QueueTicket (OfficeId, BusinessDate, State, ServiceId, LaneRank, QueuedUtc, Id);
CREATE INDEX IX_QueueTicket_Counter ON QueueTicket (CounterId, State);

CREATE TABLE QueueTicketEvent (
    Id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    TicketId             INTEGER NOT NULL REFERENCES QueueTicket (Id),
    OfficeId             TEXT    NOT NULL REFERENCES WardOffice (Id),
    ServiceId            INTEGER NOT NULL REFERENCES QueueService (Id),
    Kind                 TEXT    NOT NULL CHECK (Kind IN ('Issued', 'Called', 'Recalled', 'Serving', 'Transferred', 'Served', 'NoShow')),
    OccurredUtc          TEXT    NOT NULL,
    BusinessDate         TEXT    NOT NULL,
    Weekday              INTEGER NOT NULL,
    Hour                 INTEGER NOT NULL,
    CounterId            INTEGER NULL REFERENCES QueueCounter (Id),
    FromServiceId        INTEGER NULL REFERENCES QueueService (Id),
    ActorId              INTEGER NULL REFERENCES UserAccount (Id),
    WaitSeconds          INTEGER NULL,
    ServiceSeconds       INTEGER NULL,
    EstimateErrorSeconds INTEGER NULL
);

CREATE INDEX IX_QueueTicketEvent_Office_Date ON QueueTicketEvent (OfficeId, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Date ON QueueTicketEvent (ServiceId, Kind, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Hour ON QueueTicketEvent (ServiceId, Kind, Weekday, Hour);
CREATE INDEX IX_QueueTicketEvent_Ticket ON QueueTicketEvent (TicketId);

-- What a ticket holder asked to be told: an account, or one address (e-mail) given on the ticket page.
CREATE TABLE QueueNoticeSubscription (
    TicketId    INTEGER NOT NULL REFERENCES QueueTicket (Id),
    Kind        TEXT    NOT NULL CHECK (Kind IN ('Near', 'Called')),
    AccountId   INTEGER NULL REFERENCES UserAccount (Id),
    Channel     TEXT    NULL,
    Destination TEXT    NULL,
    Culture     TEXT    NOT NULL,
    CreatedUtc  TEXT    NOT NULL,
    CONSTRAINT PK_QueueNoticeSubscription PRIMARY KEY (TicketId, Kind),
    CONSTRAINT CK_QueueNoticeSubscription_Recipient CHECK ((AccountId IS NULL) <> (Destination IS NULL))
);
