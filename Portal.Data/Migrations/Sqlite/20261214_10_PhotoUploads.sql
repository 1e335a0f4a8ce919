-- The report form's uploads not yet on a submitted report (issue 17, item 8). A photo goes on the log when the form
-- keeps it and off it when its report is submitted (or the resident removes it); the retention run deletes what is
-- still on it after Retention:AbandonedUploadHours, original and derived files included.
CREATE TABLE PhotoUpload (
    StorageKey  TEXT NOT NULL PRIMARY KEY CHECK (length(StorageKey) BETWEEN 1 AND 100),
    UploadedUtc TEXT NOT NULL
);

CREATE INDEX IX_PhotoUpload_Uploaded ON PhotoUpload (UploadedUtc, StorageKey);
