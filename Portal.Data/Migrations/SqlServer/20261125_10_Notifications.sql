-- Notifications: the outbox of notices, one delivery row per channel, residents' preferences and the
-- addresses their channels reach (SQL Server).

-- An e-mail address is used for notices only after the resident proved it is theirs.
ALTER TABLE dbo.UserAccount ADD EmailVerifiedUtc DATETIMEOFFSET(7) NULL;

-- A LINE account linked through LINE Login; the user id is what the Messaging API pushes to.
CREATE TABLE dbo.LineLink (
    AccountId   BIGINT        NOT NULL CONSTRAINT PK_LineLink PRIMARY KEY CONSTRAINT FK_LineLink_UserAccount REFERENCES dbo.UserAccount (Id),
    LineUserId  NVARCHAR(64)  NOT NULL,
    LinkedUtc   DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_LineLink_LineUser UNIQUE (LineUserId)
);

-- A browser's Web Push subscription: one per device. AccountId is empty for a subscription made on a
-- ticket page by someone who is not signed in.
CREATE TABLE dbo.PushSubscription (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PushSubscription PRIMARY KEY,
    AccountId   BIGINT         NULL CONSTRAINT FK_PushSubscription_UserAccount REFERENCES dbo.UserAccount (Id),
    Endpoint    NVARCHAR(800)  NOT NULL,
    P256dh      NVARCHAR(200)  NOT NULL,
    Auth        NVARCHAR(100)  NOT NULL,
    DeviceLabel NVARCHAR(200)  NULL,
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL,
    CONSTRAINT UQ_PushSubscription_Endpoint UNIQUE (Endpoint)
);

CREATE INDEX IX_PushSubscription_Account ON dbo.PushSubscription (AccountId);

-- A switched-off kind on one channel. No row means on.
CREATE TABLE dbo.NoticePreference (
    AccountId  BIGINT        NOT NULL CONSTRAINT FK_NoticePreference_UserAccount REFERENCES dbo.UserAccount (Id),
    Kind       NVARCHAR(40)  NOT NULL,
    Channel    NVARCHAR(16)  NOT NULL CONSTRAINT CK_NoticePreference_Channel CHECK (Channel IN (N'InApp', N'Email', N'Line', N'WebPush')),
    Enabled    BIT           NOT NULL,
    CONSTRAINT PK_NoticePreference PRIMARY KEY (AccountId, Kind, Channel)
);

-- One notice per event; DedupKey names the event so that the same event never makes a second notice.
CREATE TABLE dbo.Notice (
    Id          BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Notice PRIMARY KEY,
    DedupKey    NVARCHAR(200)  NOT NULL,
    Kind        NVARCHAR(40)   NOT NULL,
    AccountId   BIGINT         NULL CONSTRAINT FK_Notice_UserAccount REFERENCES dbo.UserAccount (Id),
    Culture     NVARCHAR(16)   NOT NULL,
    ValuesJson  NVARCHAR(MAX)  NOT NULL,
    Link        NVARCHAR(400)  NULL,
    CreatedUtc  DATETIMEOFFSET(7) NOT NULL,
    ReadUtc     DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_Notice_DedupKey UNIQUE (DedupKey)
);

CREATE INDEX IX_Notice_Account ON dbo.Notice (AccountId, CreatedUtc);

-- One row per notice and channel and address: the unique key is what keeps a channel from sending twice.
CREATE TABLE dbo.NoticeDelivery (
    Id              BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT PK_NoticeDelivery PRIMARY KEY,
    NoticeId        BIGINT         NOT NULL CONSTRAINT FK_NoticeDelivery_Notice REFERENCES dbo.Notice (Id),
    Channel         NVARCHAR(16)   NOT NULL CONSTRAINT CK_NoticeDelivery_Channel CHECK (Channel IN (N'InApp', N'Email', N'Line', N'WebPush')),
    Destination     NVARCHAR(800)  NOT NULL,
    Status          NVARCHAR(16)   NOT NULL CONSTRAINT CK_NoticeDelivery_Status CHECK (Status IN (N'Pending', N'Sending', N'Sent', N'Dead')),
    Attempts        INT            NOT NULL CONSTRAINT DF_NoticeDelivery_Attempts DEFAULT 0 CONSTRAINT CK_NoticeDelivery_Attempts CHECK (Attempts >= 0),
    NextAttemptUtc  DATETIMEOFFSET(7) NOT NULL,
    LeaseUntilUtc   DATETIMEOFFSET(7) NULL,
    LastError       NVARCHAR(2000) NULL,
    SentUtc         DATETIMEOFFSET(7) NULL,
    CONSTRAINT UQ_NoticeDelivery UNIQUE (NoticeId, Channel, Destination)
);

CREATE INDEX IX_NoticeDelivery_Due ON dbo.NoticeDelivery (Status, NextAttemptUtc);
