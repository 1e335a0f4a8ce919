-- Spatial index of reports (issue 17, item 9), SQL Server's side of the SQLite script of the same name: the map and
-- the duplicate check find the reports in a box through a spatial index on each report's place, kept by the server as
-- a persisted computed point (longitude as x, latitude as y, planar), so no write path has to remember it.
-- ReportRepository asks it with Location.Filter(box), the index's own superset, and keeps its exact conditions; the
-- map's time windows use IX_Report_Created_Map, the duplicate check's category and open states
-- IX_Report_Category_Status_Location, as the optimizer weighs them with its statistics.
-- The grid's box is the city's (CityArea.Bounds) with a margin; a report outside it is still found, in the index's
-- outer cell. Re-runnable.
IF COL_LENGTH(N'dbo.Report', N'Location') IS NULL
    ALTER TABLE dbo.Report ADD Location AS geometry::Point(Longitude, Latitude, 0) PERSISTED;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'SIX_Report_Location' AND object_id = OBJECT_ID(N'dbo.Report'))
    CREATE SPATIAL INDEX SIX_Report_Location ON dbo.Report (Location)
        USING GEOMETRY_AUTO_GRID
        WITH (BOUNDING_BOX = (XMIN = 139.9, YMIN = 35.4, XMAX = 140.4, YMAX = 35.8));
GO

-- The latitude index served only the map and the duplicate check, as in SQLite.
DROP INDEX IF EXISTS IX_Report_Location ON dbo.Report;
GO
