-- Reports staff file for a caller or visitor, or from their own patrol (issue 17, item 4): how each came in, beside it,
-- seen by staff only. The report's Source says "phone", "counter" or "patrol"; its ContactEmail holds an address given.
-- PhotoConsent: the resident's answer to "may your photos be published?" (NULL: no photos from a resident, nothing asked).
CREATE TABLE ReportIntake (
    ReportId     INTEGER NOT NULL PRIMARY KEY REFERENCES Report (Id),
    Source       TEXT    NOT NULL CHECK (Source IN ('Phone', 'Counter', 'Patrol')),
    FiledById    INTEGER NOT NULL REFERENCES UserAccount (Id),
    ContactName  TEXT    NULL CHECK (ContactName IS NULL OR length(ContactName) <= 100),
    ContactPhone TEXT    NULL CHECK (ContactPhone IS NULL OR length(ContactPhone) <= 20),
    PhotoConsent INTEGER NULL CHECK (PhotoConsent IN (0, 1)),
    FiledUtc     TEXT    NOT NULL,
    -- Only someone other than staff is asked about their photos.
    CONSTRAINT CK_ReportIntake_Consent CHECK (PhotoConsent IS NULL OR Source <> 'Patrol')
);

CREATE INDEX IX_ReportIntake_FiledBy ON ReportIntake (FiledById);
