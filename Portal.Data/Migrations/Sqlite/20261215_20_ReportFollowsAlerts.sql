-- Following reports and area alerts (issue 17, item 2). ReportFollow: an account follows a published report and hears
-- of its public changes. ReportAlert: an account's area alert (a ward, a circle around a point, or a category, alone
-- or in one ward), told in at most one digest a Japan day; CoveredUntilUtc is how far its digests have looked,
-- LastDigestDay the Japan day ('2026-12-15') of the last digest sent. Both go with the account when it is deleted.
CREATE TABLE ReportFollow (
    ReportId   INTEGER NOT NULL REFERENCES Report (Id),
    AccountId  INTEGER NOT NULL REFERENCES UserAccount (Id),
    CreatedUtc TEXT    NOT NULL,
    CONSTRAINT PK_ReportFollow PRIMARY KEY (ReportId, AccountId)
);

CREATE INDEX IX_ReportFollow_Account ON ReportFollow (AccountId);

CREATE TABLE ReportAlert (
    Id              INTEGER PRIMARY KEY AUTOINCREMENT,
    AccountId       INTEGER NOT NULL REFERENCES UserAccount (Id),
    Area            TEXT    NOT NULL CHECK (Area IN ('Ward', 'Radius', 'Category')),
    WardId          TEXT    NULL REFERENCES WardOffice (Id),
    CategoryCode    TEXT    NULL REFERENCES ReportCategory (Code),
    Latitude        REAL    NULL,
    Longitude       REAL    NULL,
    RadiusMeters    INTEGER NULL CHECK (RadiusMeters IS NULL OR RadiusMeters BETWEEN 1 AND 10000),
    Events          TEXT    NOT NULL CHECK (Events IN ('NewReports', 'StatusChanges', 'Both')),
    CreatedUtc      TEXT    NOT NULL,
    CoveredUntilUtc TEXT    NOT NULL,
    LastDigestDay   TEXT    NULL CHECK (LastDigestDay IS NULL OR length(LastDigestDay) = 10),
    -- Each area keeps the fields it needs.
    CHECK (Area <> 'Ward' OR WardId IS NOT NULL),
    CHECK (Area <> 'Category' OR CategoryCode IS NOT NULL),
    CHECK (Area <> 'Radius' OR (Latitude IS NOT NULL AND Longitude IS NOT NULL AND RadiusMeters IS NOT NULL))
);

CREATE INDEX IX_ReportAlert_Account ON ReportAlert (AccountId, Id);

-- The digests read the status lines of a period.
CREATE INDEX IX_ReportUpdate_Kind_Occurred ON ReportUpdate (Kind, OccurredUtc);
