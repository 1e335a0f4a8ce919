-- Supporter activities (サポーター活動): volunteer tasks the city opens from a report, and the residents who join (SQLite).

CREATE TABLE SupporterTask (
    Id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ReportId     INTEGER NOT NULL REFERENCES Report (Id),
    Title        TEXT    NOT NULL CHECK (length(trim(Title)) >= 1 AND length(Title) <= 100),
    Description  TEXT    NOT NULL CHECK (length(trim(Description)) >= 1 AND length(Description) <= 2000),
    MeetingPlace TEXT    NOT NULL CHECK (length(trim(MeetingPlace)) >= 1 AND length(MeetingPlace) <= 200),
    StartUtc     TEXT    NOT NULL,
    EndUtc       TEXT    NOT NULL,
    Capacity     INTEGER NOT NULL CHECK (Capacity BETWEEN 1 AND 500),
    Status       TEXT    NOT NULL CHECK (Status IN ('Open', 'Cancelled', 'Done')),
    CreatedById  INTEGER NOT NULL REFERENCES UserAccount (Id),
    CreatedUtc   TEXT    NOT NULL,
    CONSTRAINT CK_SupporterTask_Times CHECK (EndUtc > StartUtc)
);

CREATE INDEX IX_SupporterTask_Report ON SupporterTask (ReportId, StartUtc);
CREATE INDEX IX_SupporterTask_Status_Start ON SupporterTask (Status, StartUtc);

-- One place per resident per task: the unique key stops a double tap that slips past the check.
CREATE TABLE SupporterSignup (
    TaskId     INTEGER NOT NULL REFERENCES SupporterTask (Id),
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    CreatedUtc TEXT    NOT NULL,
    CONSTRAINT PK_SupporterSignup PRIMARY KEY (TaskId, AccountId)
);

CREATE INDEX IX_SupporterSignup_Account ON SupporterSignup (AccountId);
