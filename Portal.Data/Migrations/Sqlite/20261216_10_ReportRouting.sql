-- Routing and referral (issue 17, item 3). A category goes to a responsible section (担当課・事務所: 土木事務所,
-- 公園緑地事務所, 環境事業所 ...) per ward, or to the category's city-wide default (WardId ''); a report keeps the
-- section it was routed to in its own column (added, never rebuilt: Report carries the R*Tree triggers). Staff may belong
-- to a section (their inbox opens on it). What belongs to someone else (the prefecture's road office, a railway, a
-- utility, the police) is referred to an outside body from the admins' list, delivered by e-mail or by a signed webhook
-- through the notice outbox (NoticeDelivery gains the channel 'Webhook'); ReportReferral records each referral and the
-- key of the notice that carries it, whose delivery state the staff page shows.
CREATE TABLE ReportSection (
    Id        INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Code      TEXT    NOT NULL CHECK (length(Code) BETWEEN 1 AND 50),
    NameText  TEXT    NOT NULL,
    WardId    TEXT    NULL REFERENCES WardOffice (Id),
    IsActive  INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1)),
    CONSTRAINT UQ_ReportSection_Code UNIQUE (Code)
);

-- One row per category and ward; WardId '' is the category's city-wide default.
CREATE TABLE ReportRoute (
    CategoryCode TEXT    NOT NULL REFERENCES ReportCategory (Code),
    WardId       TEXT    NOT NULL,
    SectionId    INTEGER NOT NULL REFERENCES ReportSection (Id),
    PRIMARY KEY (CategoryCode, WardId)
);

CREATE TABLE OutsideBody (
    Id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Code          TEXT    NOT NULL CHECK (length(Code) BETWEEN 1 AND 50),
    NameText      TEXT    NOT NULL,
    Kind          TEXT    NOT NULL CHECK (Kind IN ('PrefectureRoadOffice', 'Railway', 'Utility', 'Police', 'Other')),
    Delivery      TEXT    NOT NULL CHECK (Delivery IN ('Email', 'Webhook')),
    Email         TEXT    NULL,
    WebhookUrl    TEXT    NULL,
    -- Sealed by the host's data-protection key; never shown back.
    WebhookSecret TEXT    NULL,
    IsActive      INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1)),
    CONSTRAINT UQ_OutsideBody_Code UNIQUE (Code),
    CONSTRAINT CK_OutsideBody_Delivery CHECK ((Delivery = 'Email' AND Email IS NOT NULL)
        OR (Delivery = 'Webhook' AND WebhookUrl IS NOT NULL AND WebhookSecret IS NOT NULL))
);

CREATE TABLE ReportReferral (
    Id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ReportId      INTEGER NOT NULL REFERENCES Report (Id),
    OutsideBodyId INTEGER NOT NULL REFERENCES OutsideBody (Id),
    ReferredById  INTEGER NOT NULL REFERENCES UserAccount (Id),
    ReferredUtc   TEXT    NOT NULL,
    Message       TEXT    NULL CHECK (Message IS NULL OR length(Message) <= 2000),
    NoticeKey     TEXT    NOT NULL,
    CONSTRAINT UQ_ReportReferral_NoticeKey UNIQUE (NoticeKey)
);

CREATE INDEX IX_ReportReferral_Report ON ReportReferral (ReportId, ReferredUtc);

CREATE TABLE StaffSection (
    AccountId INTEGER NOT NULL PRIMARY KEY REFERENCES UserAccount (Id),
    SectionId INTEGER NOT NULL REFERENCES ReportSection (Id)
);

ALTER TABLE Report ADD COLUMN SectionId INTEGER NULL REFERENCES ReportSection (Id);

CREATE INDEX IX_Report_Section ON Report (SectionId, Status, CreatedUtc);

-- The outbox's channels gain 'Webhook'. SQLite cannot change a check, so NoticeDelivery (which no table references) is
-- made again with its rows and indexes.
CREATE TABLE NoticeDelivery_New (
    Id                INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    NoticeId          INTEGER NOT NULL REFERENCES Notice (Id),
    Channel           TEXT    NOT NULL CHECK (Channel IN ('InApp', 'Email', 'Line', 'WebPush', 'Webhook')),
    Destination       TEXT    NOT NULL,
    Status            TEXT    NOT NULL CHECK (Status IN ('Pending', 'Sending', 'Sent', 'Dead')),
    Attempts          INTEGER NOT NULL DEFAULT 0 CHECK (Attempts >= 0),
    NextAttemptUtc    TEXT    NOT NULL,
    LeaseUntilUtc     TEXT    NULL,
    LastError         TEXT    NULL,
    SentUtc           TEXT    NULL,
    AttemptStartedUtc TEXT    NULL,
    ClaimToken        TEXT    NULL,
    CONSTRAINT UQ_NoticeDelivery UNIQUE (NoticeId, Channel, Destination)
);

INSERT INTO NoticeDelivery_New (Id, NoticeId, Channel, Destination, Status, Attempts, NextAttemptUtc, LeaseUntilUtc, LastError, SentUtc,
                                AttemptStartedUtc, ClaimToken)
SELECT Id, NoticeId, Channel, Destination, Status, Attempts, NextAttemptUtc, LeaseUntilUtc, LastError, SentUtc, AttemptStartedUtc, ClaimToken
FROM NoticeDelivery;

CREATE TABLE NoticeDelivery_Sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'NoticeDelivery';

DROP TABLE NoticeDelivery;

ALTER TABLE NoticeDelivery_New RENAME TO NoticeDelivery;

-- A delivery id once given is never given again (channels derive idempotency keys from it).
UPDATE sqlite_sequence SET seq = (SELECT seq FROM NoticeDelivery_Sequence)
WHERE name = 'NoticeDelivery' AND seq < (SELECT seq FROM NoticeDelivery_Sequence);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'NoticeDelivery', seq FROM NoticeDelivery_Sequence WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'NoticeDelivery');

DROP TABLE NoticeDelivery_Sequence;

CREATE INDEX IX_NoticeDelivery_Due ON NoticeDelivery (Status, NextAttemptUtc);

CREATE INDEX IX_NoticeDelivery_Notice ON NoticeDelivery (NoticeId, Channel, Status);
