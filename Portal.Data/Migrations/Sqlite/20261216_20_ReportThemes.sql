-- Theme reports, テーマレポート (issue 17, item 5): the city asks residents, for a period, to report something specific
-- (「通学路の危険箇所」) in some categories and somewhere in the city. Title, prompt and cover words are city texts (JSON by
-- language). The period is two Japan days, 'yyyy-MM-dd', both included; ClosedUtc is set when an administrator ends it
-- early. CategoryCodes and WardIds are comma-separated codes (no ward: the whole city); the circle is optional.
CREATE TABLE ReportTheme (
    Code               TEXT    NOT NULL PRIMARY KEY,
    TitleText          TEXT    NOT NULL,
    PromptText         TEXT    NOT NULL,
    CoverText          TEXT    NULL,
    StartDate          TEXT    NOT NULL CHECK (length(StartDate) = 10),
    EndDate            TEXT    NOT NULL CHECK (length(EndDate) = 10),
    CategoryCodes      TEXT    NOT NULL CHECK (length(CategoryCodes) > 0),
    WardIds            TEXT    NOT NULL DEFAULT '',
    CircleLatitude     REAL    NULL,
    CircleLongitude    REAL    NULL,
    CircleRadiusMeters INTEGER NULL CHECK (CircleRadiusMeters IS NULL OR CircleRadiusMeters > 0),
    ClosedUtc          TEXT    NULL,
    CreatedUtc         TEXT    NOT NULL,
    UpdatedUtc         TEXT    NOT NULL,
    CONSTRAINT CK_ReportTheme_Period CHECK (EndDate >= StartDate),
    CONSTRAINT CK_ReportTheme_Circle CHECK ((CircleLatitude IS NULL) = (CircleLongitude IS NULL) AND (CircleLatitude IS NULL) = (CircleRadiusMeters IS NULL))
);

-- The report's theme in a column of its own. ADD COLUMN only: Report carries the R*Tree triggers of 20261215_10.
ALTER TABLE Report ADD COLUMN ThemeCode TEXT NULL REFERENCES ReportTheme (Code);

CREATE INDEX IX_Report_Theme ON Report (ThemeCode, CreatedUtc) WHERE ThemeCode IS NOT NULL;
