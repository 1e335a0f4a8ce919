-- Indexes for the public map and the duplicate check at a million reports (SQL Server); the same as the
-- SQLite script, measured there (docs/performance.md, "Report map and duplicate queries").

-- The map, newest first: status and position carried in the index, so rows outside the box or unpublished
-- cost no lookup. It starts with CreatedUtc, so it replaces IX_Report_Created.
CREATE INDEX IX_Report_Created_Map ON dbo.Report (CreatedUtc, Id) INCLUDE (Status, Latitude, Longitude);
DROP INDEX IX_Report_Created ON dbo.Report;

-- The duplicate check: category and each open status are seeks, the latitude a range inside each.
-- It replaces IX_Report_Category_Location, as in SQLite.
CREATE INDEX IX_Report_Category_Status_Location ON dbo.Report (CategoryCode, Status, Latitude, Longitude);
DROP INDEX IX_Report_Category_Location ON dbo.Report;
