-- Civic reports (ChibaRepo): categories, reports, their history, photos and support (SQLite).

CREATE TABLE ReportCategory (
    Code               TEXT    NOT NULL PRIMARY KEY,
    Field              TEXT    NOT NULL CHECK (Field IN ('Road', 'Park', 'Litter', 'Other')),
    NameJa             TEXT    NOT NULL,
    NameEn             TEXT    NOT NULL,
    ResponseTargetDays INTEGER NOT NULL CHECK (ResponseTargetDays > 0),
    SortOrder          INTEGER NOT NULL,
    IsActive           INTEGER NOT NULL DEFAULT 1 CHECK (IsActive IN (0, 1))
);

INSERT INTO ReportCategory (Code, Field, NameJa, NameEn, ResponseTargetDays, SortOrder) VALUES
    ('road-pothole',        'Road',   '道路の穴・陥没',         'Pothole or sunken road',        7,  10),
    ('road-street-light',   'Road',   '街灯の故障',             'Street light out',              7,  20),
    ('road-sign-mirror',    'Road',   '標識・カーブミラー',     'Sign or curve mirror',          14, 30),
    ('road-sidewalk',       'Road',   '歩道の段差・破損',       'Broken or uneven pavement',     14, 40),
    ('road-other',          'Road',   '道路のその他',           'Other road problem',            14, 50),
    ('park-play-equipment', 'Park',   '遊具の破損',             'Broken play equipment',         7,  60),
    ('park-bench',          'Park',   'ベンチ・設備の破損',     'Broken bench or fixture',       14, 70),
    ('park-trees',          'Park',   '樹木・草の繁茂',         'Overgrown trees or grass',      21, 80),
    ('park-other',          'Park',   '公園のその他',           'Other park problem',            14, 90),
    ('litter-dumping',      'Litter', '不法投棄',               'Illegal dumping',               7,  100),
    ('litter-scattered',    'Litter', 'ごみの散乱',             'Scattered litter',              14, 110),
    ('other-graffiti',      'Other',  '落書き',                 'Graffiti',                      14, 120),
    ('other-other',         'Other',  'その他',                 'Something else',                21, 130);

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
                                                        'Referred', 'Duplicate', 'NoFurtherAction', 'Hidden', 'Withdrawn')),
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

-- Map and list: a bounding box on latitude, then longitude; the newest first.
CREATE INDEX IX_Report_Location ON Report (Latitude, Longitude);
CREATE INDEX IX_Report_Created ON Report (CreatedUtc);
-- "Nearby open reports of this category": the duplicate check.
CREATE INDEX IX_Report_Category_Location ON Report (CategoryCode, Latitude, Longitude);
CREATE INDEX IX_Report_Ward_Status ON Report (WardId, Status, CreatedUtc);
CREATE INDEX IX_Report_Reporter ON Report (ReporterId);

CREATE TABLE ReportUpdate (
    Id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ReportId       INTEGER NOT NULL REFERENCES Report (Id),
    OccurredUtc    TEXT    NOT NULL,
    ActorId        INTEGER NULL,
    Kind           TEXT    NOT NULL,
    FromStatus     TEXT    NULL,
    ToStatus       TEXT    NULL,
    PublicResponse TEXT    NULL,
    InternalNote   TEXT    NULL
);

CREATE INDEX IX_ReportUpdate_Report ON ReportUpdate (ReportId, OccurredUtc);

CREATE TABLE ReportPhoto (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ReportId    INTEGER NOT NULL REFERENCES Report (Id),
    StorageKey  TEXT    NOT NULL,
    Width       INTEGER NOT NULL CHECK (Width > 0),
    Height      INTEGER NOT NULL CHECK (Height > 0),
    IsPublished INTEGER NOT NULL DEFAULT 0 CHECK (IsPublished IN (0, 1)),
    IsRedacted  INTEGER NOT NULL DEFAULT 0 CHECK (IsRedacted IN (0, 1)),
    SortOrder   INTEGER NOT NULL,
    CONSTRAINT UQ_ReportPhoto_StorageKey UNIQUE (StorageKey)
);

CREATE INDEX IX_ReportPhoto_Report ON ReportPhoto (ReportId, SortOrder);

CREATE TABLE ReportSupport (
    ReportId   INTEGER NOT NULL REFERENCES Report (Id),
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    CreatedUtc TEXT    NOT NULL,
    PRIMARY KEY (ReportId, AccountId)
);
