-- Open311 GeoReport v2: API keys of partner apps (SQLite). Only the SHA-256 of a key is stored.

CREATE TABLE Open311ApiKey (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Name        TEXT    NOT NULL CHECK (length(Name) BETWEEN 1 AND 100),
    KeyHash     TEXT    NOT NULL CHECK (length(KeyHash) = 64),
    CreatedUtc  TEXT    NOT NULL,
    CreatedById INTEGER NULL REFERENCES UserAccount (Id),
    RevokedUtc  TEXT    NULL,
    CONSTRAINT UQ_Open311ApiKey_KeyHash UNIQUE (KeyHash)
);
