-- A resident gives their ticket back from the ticket page ("I no longer need this", issue 18, item 4): the ticket's new
-- state GivenBack and its event of the same name.
--
-- SQLite cannot change a CHECK constraint in place, so QueueTicket and QueueTicketEvent are rebuilt with the new values
-- allowed: copied aside, dropped, made again as they were plus the value, filled back with the same ids, their
-- AUTOINCREMENT counters and indexes restored. Foreign keys from other tables (events, notice subscriptions) name the
-- tables and find them again; they are checked at the commit (deferred), when every row is back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE QueueTicket_Rebuild AS SELECT * FROM QueueTicket;
CREATE TABLE QueueTicketEvent_Rebuild AS SELECT * FROM QueueTicketEvent;
CREATE TABLE QueueTicket_Sequence AS SELECT name, seq FROM sqlite_sequence WHERE name IN ('QueueTicket', 'QueueTicketEvent');

DROP TABLE QueueTicketEvent;
DROP TABLE QueueTicket;

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
    State                TEXT    NOT NULL CHECK (State IN ('Waiting', 'Called', 'Serving', 'Served', 'NoShow', 'GivenBack')),
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
    UnlinkedUtc          TEXT    NULL,
    CONSTRAINT UQ_QueueTicket_Number UNIQUE (OfficeId, BusinessDate, Prefix, Number),
    CONSTRAINT UQ_QueueTicket_Token UNIQUE (TokenHash)
);

CREATE TABLE QueueTicketEvent (
    Id                   INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    TicketId             INTEGER NOT NULL REFERENCES QueueTicket (Id),
    OfficeId             TEXT    NOT NULL REFERENCES WardOffice (Id),
    ServiceId            INTEGER NOT NULL REFERENCES QueueService (Id),
    Kind                 TEXT    NOT NULL CHECK (Kind IN ('Issued', 'Called', 'Recalled', 'Serving', 'Transferred', 'Served', 'NoShow', 'GivenBack')),
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

INSERT INTO QueueTicket (Id, OfficeId, ServiceId, IssuedForServiceId, BusinessDate, Prefix, Number, Lane, LaneRank, State, IssuedUtc, QueuedUtc,
                         CounterId, CalledUtc, RecallCount, ServingUtc, FinishedUtc, EstimatedWaitSeconds, TokenHash, TokenExpiresUtc, UnlinkedUtc)
SELECT Id, OfficeId, ServiceId, IssuedForServiceId, BusinessDate, Prefix, Number, Lane, LaneRank, State, IssuedUtc, QueuedUtc,
       CounterId, CalledUtc, RecallCount, ServingUtc, FinishedUtc, EstimatedWaitSeconds, TokenHash, TokenExpiresUtc, UnlinkedUtc
FROM QueueTicket_Rebuild ORDER BY Id;

INSERT INTO QueueTicketEvent (Id, TicketId, OfficeId, ServiceId, Kind, OccurredUtc, BusinessDate, Weekday, Hour, CounterId, FromServiceId, ActorId,
                              WaitSeconds, ServiceSeconds, EstimateErrorSeconds)
SELECT Id, TicketId, OfficeId, ServiceId, Kind, OccurredUtc, BusinessDate, Weekday, Hour, CounterId, FromServiceId, ActorId,
       WaitSeconds, ServiceSeconds, EstimateErrorSeconds
FROM QueueTicketEvent_Rebuild ORDER BY Id;

-- An id once given is never given again, even that of a row deleted before the rebuild (the nightly retention deletes tickets).
UPDATE sqlite_sequence SET seq = (SELECT s.seq FROM QueueTicket_Sequence s WHERE s.name = sqlite_sequence.name)
WHERE name IN ('QueueTicket', 'QueueTicketEvent')
  AND seq < (SELECT s.seq FROM QueueTicket_Sequence s WHERE s.name = sqlite_sequence.name);
INSERT INTO sqlite_sequence (name, seq)
SELECT s.name, s.seq FROM QueueTicket_Sequence s WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence q WHERE q.name = s.name);

DROP TABLE QueueTicket_Rebuild;
DROP TABLE QueueTicketEvent_Rebuild;
DROP TABLE QueueTicket_Sequence;

CREATE INDEX IX_QueueTicket_Line ON QueueTicket (OfficeId, BusinessDate, State, ServiceId, LaneRank, QueuedUtc, Id);
CREATE INDEX IX_QueueTicket_Counter ON QueueTicket (CounterId, State);
CREATE INDEX IX_QueueTicket_Unlinked ON QueueTicket (UnlinkedUtc, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Office_Date ON QueueTicketEvent (OfficeId, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Date ON QueueTicketEvent (ServiceId, Kind, BusinessDate);
CREATE INDEX IX_QueueTicketEvent_Service_Kind_Hour ON QueueTicketEvent (ServiceId, Kind, Weekday, Hour);
CREATE INDEX IX_QueueTicketEvent_Ticket ON QueueTicketEvent (TicketId);
