-- Notifications: the outbox of notices, one delivery row per channel, residents' preferences and the
-- addresses their channels reach (SQLite).

-- An e-mail address is used for notices only after the resident proved it is theirs.
ALTER TABLE UserAccount ADD COLUMN EmailVerifiedUtc TEXT NULL;

-- A LINE account linked through LINE Login; the user id is what the Messaging API pushes to.
CREATE TABLE LineLink (
    AccountId   INTEGER NOT NULL PRIMARY KEY REFERENCES UserAccount (Id),
    LineUserId  TEXT    NOT NULL,
    LinkedUtc   TEXT    NOT NULL,
    CONSTRAINT UQ_LineLink_LineUser UNIQUE (LineUserId)
);

-- A browser's Web Push subscription: one per device. AccountId is empty for a subscription made on a
-- ticket page by someone who is not signed in.
CREATE TABLE PushSubscription (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    AccountId   INTEGER NULL REFERENCES UserAccount (Id),
    Endpoint    TEXT    NOT NULL,
    P256dh      TEXT    NOT NULL,
    Auth        TEXT    NOT NULL,
    DeviceLabel TEXT    NULL,
    CreatedUtc  TEXT    NOT NULL,
    CONSTRAINT UQ_PushSubscription_Endpoint UNIQUE (Endpoint)
);

CREATE INDEX IX_PushSubscription_Account ON PushSubscription (AccountId);

-- A switched-off kind on one channel. No row means on.
CREATE TABLE NoticePreference (
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    Kind       TEXT    NOT NULL,
    Channel    TEXT    NOT NULL CHECK (Channel IN ('InApp', 'Email', 'Line', 'WebPush')),
    Enabled    INTEGER NOT NULL CHECK (Enabled IN (0, 1)),
    PRIMARY KEY (AccountId, Kind, Channel)
);

-- One notice per event; DedupKey names the event so that the same event never makes a second notice.
CREATE TABLE Notice (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    DedupKey    TEXT    NOT NULL,
    Kind        TEXT    NOT NULL,
    AccountId   INTEGER NULL REFERENCES UserAccount (Id),
    Culture     TEXT    NOT NULL,
    ValuesJson  TEXT    NOT NULL,
    Link        TEXT    NULL,
    CreatedUtc  TEXT    NOT NULL,
    ReadUtc     TEXT    NULL,
    CONSTRAINT UQ_Notice_DedupKey UNIQUE (DedupKey)
);

CREATE INDEX IX_Notice_Account ON Notice (AccountId, CreatedUtc);

-- One row per notice and channel and address: the unique key is what keeps a channel from sending twice.
CREATE TABLE NoticeDelivery (
    Id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    NoticeId        INTEGER NOT NULL REFERENCES Notice (Id),
    Channel         TEXT    NOT NULL CHECK (Channel IN ('InApp', 'Email', 'Line', 'WebPush')),
    Destination     TEXT    NOT NULL,
    Status          TEXT    NOT NULL CHECK (Status IN ('Pending', 'Sending', 'Sent', 'Dead')),
    Attempts        INTEGER NOT NULL DEFAULT 0 CHECK (Attempts >= 0),
    NextAttemptUtc  TEXT    NOT NULL,
    LeaseUntilUtc   TEXT    NULL,
    LastError       TEXT    NULL,
    SentUtc         TEXT    NULL,
    CONSTRAINT UQ_NoticeDelivery UNIQUE (NoticeId, Channel, Destination)
);

CREATE INDEX IX_NoticeDelivery_Due ON NoticeDelivery (Status, NextAttemptUtc);
