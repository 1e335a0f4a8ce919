using System.Globalization;
using Dapper;
using Portal.Core.Geography;

namespace Portal.Data.Reports;

/// <summary>
/// The parameters of <see cref="Portal.Data.Database.SqlDialect.ReportsInBox"/> and its siblings: the box as numbers and as
/// well-known text, and a time window on the axis of SQLite's tree (migration 20261215_10_ReportSpatialIndex: hundreds
/// of days since 2000-01-01 UTC).
/// </summary>
internal static class ReportSpatialIndex
{
    private static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const double DaysPerUnit = 100;

    /// <summary>
    /// A minute on the time axis. The tree's times come from SQLite's julianday, which keeps milliseconds; the window's
    /// ends are widened by this much so the tree never leaves out a report that the exact condition on CreatedUtc keeps.
    /// </summary>
    private const double Slack = 1.0 / (24 * 60) / DaysPerUnit;

    /// <summary>No bound on the time axis.</summary>
    private const double Unbounded = 1e9;

    /// <summary>The box, and a time window without bounds.</summary>
    public static void AddBox(DynamicParameters p, BoundingBox area)
    {
        p.Add("south", area.South);
        p.Add("north", area.North);
        p.Add("west", area.West);
        p.Add("east", area.East);
        p.Add("box", WellKnownText(area));
        SetWindow(p, null, null);
    }

    /// <summary>Reports created at or after <paramref name="from"/> and before <paramref name="to"/>; null for no bound.</summary>
    public static void SetWindow(DynamicParameters p, DateTimeOffset? from, DateTimeOffset? to)
    {
        p.Add("windowFrom", from ?? DateTimeOffset.MinValue);
        p.Add("fromCreated", from is { } f ? Axis(f) - Slack : -Unbounded);
        p.Add("toCreated", to is { } t ? Axis(t) + Slack : Unbounded);
    }

    /// <summary>A time on the tree's time axis, as the migration's triggers compute it.</summary>
    internal static double Axis(DateTimeOffset t) => (t - Epoch).TotalDays / DaysPerUnit;

    /// <summary>
    /// The box as a planar polygon, longitude as x and latitude as y like SQL Server's Report.Location, a hair larger
    /// than the box so that no rounding of the text leaves out a report on its edge (and a box of no width is still a polygon).
    /// </summary>
    private static string WellKnownText(BoundingBox area)
    {
        const double hair = 1e-9;
        string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var (w, s, e, n) = (N(area.West - hair), N(area.South - hair), N(area.East + hair), N(area.North + hair));
        return $"POLYGON(({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))";
    }
}
