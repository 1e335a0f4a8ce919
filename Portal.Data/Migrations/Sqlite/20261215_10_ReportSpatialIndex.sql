-- Spatial index of reports (issue 17, item 9): the map and the duplicate check read the reports in a box through
-- SQLite's R*Tree instead of a latitude range over the whole city's width, so they stay fast as the table grows
-- (docs/performance.md, "Report map and duplicate queries"; docs/architecture.md, Reports).
--
-- ReportLocation: every report, as a point in place and time. The third axis is the report's creation time in
-- hundreds of days since 2000-01-01 UTC, so that a day weighs in the tree about as much as 0.01 degree (about a
-- kilometre): the map's newest reports in a street-sized box lie in a long time window, in a city-sized box in a
-- short one, and either is a compact region of the tree. ReportRepository reads the map a time window at a time.
--
-- ReportOpenLocation: the open reports only (about one in fourteen), for "is this already reported?", with each one's
-- category beside it (an auxiliary column), so reports of other categories are passed over without reading Report.
--
-- An R*Tree keeps 32-bit floats, rounded outwards, so what it finds is a superset of the box: every query keeps its
-- exact conditions on Report. Triggers keep both trees in step with Report on every insert, move, status change and
-- delete, whoever writes. A rebuild of Report (DROP TABLE Report) drops these triggers: such a migration must make them
-- again (the data tests compare the map and the duplicate check with a brute-force answer after every migration).
CREATE VIRTUAL TABLE ReportLocation USING rtree (
    ReportId,
    MinLatitude, MaxLatitude,
    MinLongitude, MaxLongitude,
    MinCreated, MaxCreated
);

CREATE VIRTUAL TABLE ReportOpenLocation USING rtree (
    ReportId,
    MinLatitude, MaxLatitude,
    MinLongitude, MaxLongitude,
    +CategoryCode
);

-- julianday('2000-01-01') = 2451544.5; ReportRepository works the same coordinate out for its queries.
CREATE TRIGGER TR_Report_Location_Insert AFTER INSERT ON Report
BEGIN
    INSERT INTO ReportLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, MinCreated, MaxCreated)
    VALUES (NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude,
            (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0, (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0);
    -- Open: ReportWorkflow.IsOpen (a test holds the two lists equal).
    INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude, NEW.CategoryCode
    WHERE NEW.Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');
END;

-- A save writes every column; the tree changes only when the place or the time did.
CREATE TRIGGER TR_Report_Location_Update AFTER UPDATE OF Latitude, Longitude, CreatedUtc ON Report
WHEN NEW.Latitude IS NOT OLD.Latitude OR NEW.Longitude IS NOT OLD.Longitude OR NEW.CreatedUtc IS NOT OLD.CreatedUtc
BEGIN
    UPDATE ReportLocation
    SET MinLatitude = NEW.Latitude, MaxLatitude = NEW.Latitude, MinLongitude = NEW.Longitude, MaxLongitude = NEW.Longitude,
        MinCreated = (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0, MaxCreated = (julianday(NEW.CreatedUtc) - 2451544.5) / 100.0
    WHERE ReportId = NEW.Id;
END;

CREATE TRIGGER TR_Report_OpenLocation_Update AFTER UPDATE OF Latitude, Longitude, Status, CategoryCode ON Report
WHEN NEW.Latitude IS NOT OLD.Latitude OR NEW.Longitude IS NOT OLD.Longitude OR NEW.Status IS NOT OLD.Status
  OR NEW.CategoryCode IS NOT OLD.CategoryCode
BEGIN
    DELETE FROM ReportOpenLocation WHERE ReportId = OLD.Id;
    INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode)
    SELECT NEW.Id, NEW.Latitude, NEW.Latitude, NEW.Longitude, NEW.Longitude, NEW.CategoryCode
    WHERE NEW.Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');
END;

CREATE TRIGGER TR_Report_Location_Delete AFTER DELETE ON Report
BEGIN
    DELETE FROM ReportLocation WHERE ReportId = OLD.Id;
    DELETE FROM ReportOpenLocation WHERE ReportId = OLD.Id;
END;

INSERT INTO ReportLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, MinCreated, MaxCreated)
SELECT Id, Latitude, Latitude, Longitude, Longitude, (julianday(CreatedUtc) - 2451544.5) / 100.0, (julianday(CreatedUtc) - 2451544.5) / 100.0
FROM Report;

INSERT INTO ReportOpenLocation (ReportId, MinLatitude, MaxLatitude, MinLongitude, MaxLongitude, CategoryCode)
SELECT Id, Latitude, Latitude, Longitude, Longitude, CategoryCode
FROM Report
WHERE Status IN ('Received', 'Accepted', 'InProgress', 'ActionScheduled', 'ReopenRequested');

-- The latitude index served only the map and the duplicate check, which the trees now serve. IX_Report_Created and
-- IX_Report_Category_Location had been replaced by 20261125_05 (IX_Report_Created_Map, IX_Report_Category_Status_Location);
-- the rebuild of Report in 20261214_20 made them again.
DROP INDEX IF EXISTS IX_Report_Location;
DROP INDEX IF EXISTS IX_Report_Created;
DROP INDEX IF EXISTS IX_Report_Category_Location;
