-- Indexes for the public map and the duplicate check at a million reports (SQLite); measured in
-- docs/performance.md ("Report map and duplicate queries").

-- The map, newest first: walked from the newest end, with the status and position in the index itself, so a
-- report outside the box or unpublished costs no table lookup and the walk stops after the 500th match.
-- Ends in Id so that ORDER BY CreatedUtc DESC, Id DESC needs no sort. It starts with CreatedUtc, so it
-- replaces IX_Report_Created for every query that used that one.
CREATE INDEX IX_Report_Created_Map ON Report (CreatedUtc, Id, Status, Latitude, Longitude);
DROP INDEX IX_Report_Created;

-- The duplicate check: the category and each open status are seeks, the latitude a range inside each, so only
-- open reports of the category in the latitude band are read, not every report ever filed there. It replaces
-- IX_Report_Category_Location, which SQLite otherwise keeps choosing for this query (it plans without statistics).
CREATE INDEX IX_Report_Category_Status_Location ON Report (CategoryCode, Status, Latitude, Longitude);
DROP INDEX IX_Report_Category_Location;
