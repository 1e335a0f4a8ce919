-- Policy acceptance (SQLite): which version of the terms of use and of the privacy policy each resident accepted,
-- and when (UTC). One row per account, document and version; the first acceptance of a version is kept. Rows stay
-- with a deleted account's tombstone: they hold no personal data and record what was agreed.
CREATE TABLE PolicyAcceptance (
    AccountId    INTEGER NOT NULL REFERENCES UserAccount (Id),
    Kind         TEXT    NOT NULL CHECK (Kind IN ('terms', 'privacy')),
    Version      INTEGER NOT NULL CHECK (Version >= 1),
    AcceptedUtc  TEXT    NOT NULL,
    PRIMARY KEY (AccountId, Kind, Version)
);
