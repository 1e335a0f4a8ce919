-- For You (issue 16, SQLite): the translations of a published benefit version. A published version never changes
-- (its rule, dates, test cases and Japanese texts: TR_BenefitVersion_PublishedIsFinal); translations of its texts
-- are kept here, beside it, so that a language can be added or corrected later without a new version. Each text is
-- a city text (JSON of language code to text) whose Japanese is the version's own; a draft keeps its translations
-- in its content. Existing versions keep reading their Japanese and English texts from their content.
CREATE TABLE BenefitVersionText (
    VersionId    INTEGER NOT NULL PRIMARY KEY REFERENCES BenefitVersion (Id),
    Name         TEXT    NOT NULL CHECK (json_valid(Name)),
    Description  TEXT    NULL CHECK (Description IS NULL OR json_valid(Description)),
    HowToApply   TEXT    NULL CHECK (HowToApply IS NULL OR json_valid(HowToApply)),
    SavedUtc     TEXT    NOT NULL,
    SavedById    INTEGER NULL REFERENCES UserAccount (Id)
);
