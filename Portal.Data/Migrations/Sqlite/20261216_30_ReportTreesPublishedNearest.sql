-- The spatial index's trees, closer to what their queries ask (issue 17, item 9; docs/performance.md, "Report map and
-- duplicate queries"), replacing the two trees of 20261215_10_ReportSpatialIndex:
--
-- ReportPublishedLocation: the published reports only (ReportWorkflow.IsPublished: every state but Hidden and Withdrawn),
-- as points in place and creation time (the time axis as before: hundreds of days since 2000-01-01 UTC). The map counts
-- in this tree alone to size its time window; holding only what the map may show, the count is close to what the exact
-- read returns, so that read takes few more reports from Report than the page needs.
--
-- ReportOpenLocation: the open reports, now with each one's exact place beside its category (auxiliary columns, kept
-- as the 64-bit values of Report, while the tree's own coordinates are 32-bit and rounded outwards). The duplicate check
-- ranks by distance inside the tree and reads only the nearest few from Report, however many open reports the box holds.
--
-- Triggers keep both trees in step with Report on every insert, move, status or category change and delete, whoever
-- writes. A rebuild of Report (DROP TABLE Report) drops these triggers: such a migration must make them again (the data
-- tests compare the map and the duplicate check with a brute-force answer after every migration).
DROP TRIGGER IF EXISTS TR_Report_Location_Insert;
DROP TRIGGER IF EXISTS TR_Report_Location_Update;
DROP TRIGGER IF EXISTS TR_Report_OpenLocation_Update;
DROP TRIGGER IF EXISTS TR_Report_Location_Delete;
DROP TABLE IF EXISTS ReportLocation;
DROP TABLE IF EXISTS ReportOpenLocation;

CREATE VIRTUAL TABLE ReportPublishedLocation USING rtree (
    ReportId,
    MinLatitude, MaxLatitude,
    MinLongitude, MaxLongitude,
    MinCreated, MaxCreated
);

CREATE VIRTUAL TABLE ReportOpenLocation USING rtree (
    ReportId,
    MinLatitude, MaxLatitude,
    MinLongitude, MaxLongitude,
    +CategoryCode,
    +Latitude,
    +Longitude
);

-- julianday('2000-01-01') = 2451544.5; ReportRepository works the same coordinate out for its queries.
-- Published: ReportWorkflow.IsPublished; open: ReportWorkflow.IsOpen (tests hold each list equal to the workflow's).
CREATE TRIGGER TR_Report_Trees_Insert AFTER INSERT ON Report
BEGIN
    INSERT INTO ReportPublishedLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, MinCreated, MaxCreated)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude,
           (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0, (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0
    WHERE NEW.Status NOT IN ('Hidden', 'Withdrawn');
    INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode, Latitude, Longitude)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude, NEW.CategoryCode, NEW.Latitude, NEW.Longitude
    WHERE NEW.Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');
END;

-- A save writes every column; a tree changes only when what it holds, or whether it holds the report, did.
CREATE TRIGGER TR_Report_PublishedLocation_Update AFTER UPDATE OF Latitude, Longitude, CreatedUtc, Status ON Report
WHEN NEW.Latitude IS NOT OLD.Latitude OR NEW.Longitude IS NOT OLD.Longitude OR NEW.CreatedUtc IS NOT OLD.CreatedUtc
  OR NEW.Status IS NOT OLD.Status
BEGIN
    DELETE FROM ReportPublishedLocation WHERE ReportId = OLD.Id;
    INSERT INTO ReportPublishedLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, MinCreated, MaxCreated)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude,
           (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0, (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0
    WHERE NEW.Status NOT IN ('Hidden', 'Withdrawn');
END;

CREATE TRIGGER TR_Report_OpenLocation_Update AFTER UPDATE OF Latitude, Longitude, Status, CategoryCode ON Report
WHEN NEW.Latitude IS NOT OLD.Latitude OR NEW.Longitude IS NOT OLD.Longitude OR NEW.Status IS NOT OLD.Status
  OR NEW.CategoryCode IS NOT OLD.CategoryCode
BEGIN
    DELETE FROM ReportOpenLocation WHERE ReportId = OLD.Id;
    INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode, Latitude, Longitude)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude, NEW.CategoryCode, NEW.Latitude, NEW.Longitude
    WHERE NEW.Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');
END;

CREATE TRIGGER TR_Report_Trees_Delete AFTER DELETE ON Report
BEGIN
    DELETE FROM ReportPublishedLocation WHERE ReportId = OLD.Id;
    DELETE FROM ReportOpenLocation WHERE ReportId = OLD.Id;
END;

INSERT INTO ReportPublishedLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, MinCreated, MaxCreated)
SELECT Id, Latitude, Latitude, Longitude, Longitude, (julianday(CreatedUtc) - 2451544.5) / 100.0, (julianday(CreatedUtc) - 2451544.5) / 100.0
FROM Report
WHERE Status NOT IN ('Hidden', 'Withdrawn');

INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode, Latitude, Longitude)
SELECT Id, Latitude, Latitude, Longitude, Longitude, CategoryCode, Latitude, Longitude
FROM Report
WHERE Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');
