-- Reopen (issue 17, item 1). A report fixed or closed asks its reporter and its "me too" residents "is it fixed?";
-- 「まだ直っていない」 moves it to the new state ReopenRequested, and every answer is kept for the statistics.
--
-- SQLite cannot change a CHECK constraint in place, so Report is rebuilt with the new state allowed: copied aside, dropped,
-- made again as before plus the state, filled back with the same ids, its AUTOINCREMENT counter and its indexes restored.
-- Foreign keys from other tables name Report and find it again; they are checked at the commit (deferred), when every
-- report is back.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE Report_Rebuild AS SELECT * FROM Report;
CREATE TABLE Report_Sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'Report';

DROP TABLE Report;

CREATE TABLE Report (
    Id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    IdempotencyKey   TEXT    NOT NULL,
    ReporterId       INTEGER NULL REFERENCES UserAccount (Id),
    ReporterName     TEXT    NULL,
    ContactEmail     TEXT    NULL,
    Kind             TEXT    NOT NULL CHECK (Kind IN ('Problem', 'Fixed')),
    CategoryCode     TEXT    NOT NULL REFERENCES ReportCategory (Code),
    Description      TEXT    NOT NULL,
    Latitude         REAL    NOT NULL CHECK (Latitude BETWEEN -90 AND 90),
    Longitude        REAL    NOT NULL CHECK (Longitude BETWEEN -180 AND 180),
    WardId           TEXT    NOT NULL REFERENCES WardOffice (Id),
    Status           TEXT    NOT NULL CHECK (Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'Fixed',
                                                        'Referred', 'Duplicate', 'NoFurtherAction', 'Hidden', 'Withdrawn',
                                                        'ReopenRequested')),
    AssignedToId     INTEGER NULL REFERENCES UserAccount (Id),
    DuplicateOfId    INTEGER NULL REFERENCES Report (Id),
    SupportCount     INTEGER NOT NULL DEFAULT 0 CHECK (SupportCount >= 0),
    Source           TEXT    NOT NULL,
    CreatedUtc       TEXT    NOT NULL,
    UpdatedUtc       TEXT    NOT NULL,
    FirstResponseUtc TEXT    NULL,
    FixedUtc         TEXT    NULL,
    ClosedUtc        TEXT    NULL,
    CONSTRAINT UQ_Report_IdempotencyKey UNIQUE (IdempotencyKey),
    CONSTRAINT CK_Report_Duplicate CHECK ((Status = 'Duplicate') = (DuplicateOfId IS NOT NULL))
);

INSERT INTO Report (Id, IdempotencyKey, ReporterId, ReporterName, ContactEmail, Kind, CategoryCode, Description, Latitude, Longitude,
                    WardId, Status, AssignedToId, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, FirstResponseUtc, FixedUtc, ClosedUtc)
SELECT Id, IdempotencyKey, ReporterId, ReporterName, ContactEmail, Kind, CategoryCode, Description, Latitude, Longitude,
       WardId, Status, AssignedToId, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, FirstResponseUtc, FixedUtc, ClosedUtc
FROM Report_Rebuild ORDER BY Id;

-- An id once given is never given again, even that of a report deleted before the rebuild.
UPDATE sqlite_sequence SET seq = (SELECT seq FROM Report_Sequence)
WHERE name = 'Report' AND seq < (SELECT seq FROM Report_Sequence);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'Report', seq FROM Report_Sequence WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'Report');

DROP TABLE Report_Rebuild;
DROP TABLE Report_Sequence;

CREATE INDEX IX_Report_Location ON Report (Latitude, Longitude);
CREATE INDEX IX_Report_Created ON Report (CreatedUtc);
CREATE INDEX IX_Report_Category_Location ON Report (CategoryCode, Latitude, Longitude);
CREATE INDEX IX_Report_Ward_Status ON Report (WardId, Status, CreatedUtc);
CREATE INDEX IX_Report_Reporter ON Report (ReporterId);
CREATE INDEX IX_Report_Created_Map ON Report (CreatedUtc, Id, Status, Latitude, Longitude);
CREATE INDEX IX_Report_Category_Status_Location ON Report (CategoryCode, Status, Latitude, Longitude);

-- One answer per resident and closing of a report (ClosedUtc: when it was fixed or closed; a report fixed again after
-- a reopening is asked again).
CREATE TABLE ReportFollowUp (
    ReportId    INTEGER NOT NULL REFERENCES Report (Id),
    AccountId   INTEGER NOT NULL REFERENCES UserAccount (Id),
    ClosedUtc   TEXT    NOT NULL,
    Answer      TEXT    NOT NULL CHECK (Answer IN ('Fixed', 'NotFixed')),
    Comment     TEXT    NULL CHECK (Comment IS NULL OR length(Comment) <= 2000),
    AnsweredUtc TEXT    NOT NULL,
    CONSTRAINT PK_ReportFollowUp PRIMARY KEY (ReportId, AccountId, ClosedUtc)
);

CREATE INDEX IX_ReportFollowUp_Account ON ReportFollowUp (AccountId);
