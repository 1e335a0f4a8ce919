using Dapper;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;
using Portal.Data.Database;

namespace Portal.Data.Reports;

/// <summary>Sections, the routing table (WardId '' is a category's city-wide default), outside bodies, referrals and staff sections.</summary>
public sealed class ReportRoutingRepository(PortalDatabase db) : IReportRoutingRepository
{
    private const string CityWide = "";

    public async Task<IReadOnlyList<ReportSection>> SectionsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SectionRow>(new CommandDefinition(
            "SELECT Id, Code, NameText AS Name, WardId, IsActive FROM ReportSection ORDER BY Code", cancellationToken: ct));
        return rows.Select(r => new ReportSection(r.Id, r.Code, r.Name, r.WardId, r.IsActive)).ToList();
    }

    public Task<long?> SaveSectionAsync(ReportSection s, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT Id FROM ReportSection WHERE Code = @Code AND Id <> @Id", new { s.Code, s.Id }, transaction, cancellationToken: ct)) is not null)
                return (long?)null;
            var parameters = new { s.Id, s.Code, s.Name, s.WardId, s.IsActive };
            if (s.Id != 0)
                return await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE ReportSection SET Code = @Code, NameText = @Name, WardId = @WardId, IsActive = @IsActive WHERE Id = @Id",
                    parameters, transaction, cancellationToken: ct)) == 1 ? s.Id : null;
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO ReportSection (Code, NameText, WardId, IsActive) VALUES (@Code, @Name, @WardId, @IsActive)" + db.Dialect.SelectInsertedId,
                parameters, transaction, cancellationToken: ct));
        }, ct);

    public async Task<IReadOnlyList<ReportRoute>> RoutesAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string CategoryCode, string WardId, long SectionId)>(new CommandDefinition(
            "SELECT CategoryCode, WardId, SectionId FROM ReportRoute ORDER BY CategoryCode, WardId", cancellationToken: ct));
        return rows.Select(r => new ReportRoute(r.CategoryCode, r.WardId == CityWide ? null : r.WardId, r.SectionId)).ToList();
    }

    public Task SetRouteAsync(string categoryCode, string? wardId, long? sectionId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var key = new { categoryCode, wardId = wardId ?? CityWide, sectionId };
            var changed = await connection.ExecuteAsync(new CommandDefinition(sectionId is null
                ? "DELETE FROM ReportRoute WHERE CategoryCode = @categoryCode AND WardId = @wardId"
                : "UPDATE ReportRoute SET SectionId = @sectionId WHERE CategoryCode = @categoryCode AND WardId = @wardId",
                key, transaction, cancellationToken: ct));
            if (sectionId is not null && changed == 0)
                changed = await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO ReportRoute (CategoryCode, WardId, SectionId) VALUES (@categoryCode, @wardId, @sectionId)",
                    key, transaction, cancellationToken: ct));
            return changed;
        }, ct);

    private const string BodyColumns = "Id, Code, NameText AS Name, Kind, Delivery, Email, WebhookUrl, WebhookSecret, IsActive";

    public async Task<IReadOnlyList<OutsideBody>> BodiesAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<BodyRow>(new CommandDefinition(
            $"SELECT {BodyColumns} FROM OutsideBody ORDER BY Kind, Code", cancellationToken: ct))).Select(r => r.ToBody()).ToList();
    }

    public async Task<OutsideBody?> BodyAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<BodyRow>(new CommandDefinition(
            $"SELECT {BodyColumns} FROM OutsideBody WHERE Id = @id", new { id }, cancellationToken: ct)))?.ToBody();
    }

    public Task<long?> SaveBodyAsync(OutsideBody b, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT Id FROM OutsideBody WHERE Code = @Code AND Id <> @Id", new { b.Code, b.Id }, transaction, cancellationToken: ct)) is not null)
                return (long?)null;
            var parameters = new
            {
                b.Id, b.Code, b.Name, Kind = b.Kind.ToString(), Delivery = b.Delivery.ToString(), b.Email, b.WebhookUrl, Secret = b.SealedSecret, b.IsActive,
            };
            if (b.Id != 0)
                // A secret left blank keeps the one stored; an e-mail body keeps none.
                return await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE OutsideBody SET Code = @Code, NameText = @Name, Kind = @Kind, Delivery = @Delivery, Email = @Email, WebhookUrl = @WebhookUrl,
                        WebhookSecret = CASE WHEN @Delivery = 'Email' THEN NULL ELSE COALESCE(@Secret, WebhookSecret) END, IsActive = @IsActive
                    WHERE Id = @Id
                    """, parameters, transaction, cancellationToken: ct)) == 1 ? b.Id : null;
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO OutsideBody (Code, NameText, Kind, Delivery, Email, WebhookUrl, WebhookSecret, IsActive)
                VALUES (@Code, @Name, @Kind, @Delivery, @Email, @WebhookUrl, @Secret, @IsActive)
                """ + db.Dialect.SelectInsertedId, parameters, transaction, cancellationToken: ct));
        }, ct);

    public async Task<long?> SectionOfAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT SectionId FROM Report WHERE Id = @reportId", new { reportId }, cancellationToken: ct));
    }

    public Task SetSectionAsync(long reportId, long? sectionId, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Report SET SectionId = @sectionId WHERE Id = @reportId", new { reportId, sectionId }, transaction, cancellationToken: ct)), ct);

    public Task RerouteAsync(Report report, long? sectionId, ReportUpdate u, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE Report SET SectionId = @sectionId, UpdatedUtc = @UpdatedUtc WHERE Id = @Id",
                new { sectionId, report.UpdatedUtc, report.Id }, transaction, cancellationToken: ct));
            if (rows != 1) throw new InvalidOperationException($"Report {report.Id} does not exist.");
            return await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO ReportUpdate (ReportId, OccurredUtc, ActorId, Kind, InternalNote) VALUES (@ReportId, @OccurredUtc, @ActorId, @Kind, @InternalNote)
                """, new { u.ReportId, u.OccurredUtc, u.ActorId, Kind = u.Kind.ToString(), u.InternalNote }, transaction, cancellationToken: ct));
        }, ct);

    public Task<long> AddReferralAsync(ReportReferral r, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO ReportReferral (ReportId, OutsideBodyId, ReferredById, ReferredUtc, Message, NoticeKey)
            VALUES (@ReportId, @OutsideBodyId, @ReferredById, @ReferredUtc, @Message, @NoticeKey)
            """ + db.Dialect.SelectInsertedId, new { r.ReportId, r.OutsideBodyId, r.ReferredById, r.ReferredUtc, r.Message, r.NoticeKey },
            transaction, cancellationToken: ct)), ct);

    public async Task<IReadOnlyList<ReportReferral>> ReferralsAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // The delivery of the notice that carries the referral (its one row on the body's channel); none yet is Pending.
        var rows = await connection.QueryAsync<ReferralRow>(new CommandDefinition("""
            SELECT rr.Id, rr.ReportId, rr.OutsideBodyId, rr.ReferredById, rr.ReferredUtc, rr.Message, rr.NoticeKey,
                   d.Status AS DeliveryStatus, d.Attempts, d.LastError
            FROM ReportReferral rr
            LEFT JOIN Notice n ON n.DedupKey = rr.NoticeKey
            LEFT JOIN NoticeDelivery d ON d.NoticeId = n.Id
            WHERE rr.ReportId = @reportId
            ORDER BY rr.ReferredUtc DESC, rr.Id DESC
            """, new { reportId }, cancellationToken: ct));
        return rows.Select(r => new ReportReferral(r.Id, r.ReportId, r.OutsideBodyId, r.ReferredById, r.ReferredUtc, r.Message, r.NoticeKey,
            r.DeliveryStatus switch { "Sent" => ReferralDeliveryState.Sent, "Dead" => ReferralDeliveryState.Failed, _ => ReferralDeliveryState.Pending },
            r.Attempts ?? 0, r.LastError)).ToList();
    }

    public async Task<IReadOnlyDictionary<long, LocalizedText>> HandlerNamesAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct)
    {
        var names = new Dictionary<long, LocalizedText>();
        if (reportIds.Count == 0) return names;
        await using var connection = await db.OpenAsync(ct);
        foreach (var chunk in reportIds.Distinct().Chunk(500))
        {
            foreach (var row in await connection.QueryAsync<(long ReportId, LocalizedText Name)>(new CommandDefinition(
                "SELECT r.Id, s.NameText FROM Report r JOIN ReportSection s ON s.Id = r.SectionId WHERE r.Id IN @chunk", new { chunk }, cancellationToken: ct)))
                names[row.ReportId] = row.Name;
            // The latest referral of a report still referred replaces its section.
            foreach (var row in await connection.QueryAsync<(long ReportId, LocalizedText Name)>(new CommandDefinition("""
                SELECT rr.ReportId, b.NameText FROM ReportReferral rr
                JOIN Report r ON r.Id = rr.ReportId
                JOIN OutsideBody b ON b.Id = rr.OutsideBodyId
                WHERE rr.ReportId IN @chunk AND r.Status = 'Referred'
                ORDER BY rr.ReferredUtc, rr.Id
                """, new { chunk }, cancellationToken: ct)))
                names[row.ReportId] = row.Name;
        }
        return names;
    }

    public async Task<long?> StaffSectionAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT SectionId FROM StaffSection WHERE AccountId = @accountId", new { accountId }, cancellationToken: ct));
    }

    public Task SetStaffSectionAsync(long accountId, long? sectionId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(sectionId is null
                ? "DELETE FROM StaffSection WHERE AccountId = @accountId"
                : "UPDATE StaffSection SET SectionId = @sectionId WHERE AccountId = @accountId",
                new { accountId, sectionId }, transaction, cancellationToken: ct));
            if (sectionId is not null && changed == 0)
                changed = await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO StaffSection (AccountId, SectionId) VALUES (@accountId, @sectionId)", new { accountId, sectionId }, transaction, cancellationToken: ct));
            return changed;
        }, ct);

    public async Task<IReadOnlyDictionary<long, long>> StaffSectionsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<(long AccountId, long SectionId)>(new CommandDefinition(
            "SELECT AccountId, SectionId FROM StaffSection", cancellationToken: ct))).ToDictionary(r => r.AccountId, r => r.SectionId);
    }

    private sealed class SectionRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public LocalizedText Name { get; set; } = null!;
        public string? WardId { get; set; }
        public bool IsActive { get; set; }
    }

    private sealed class BodyRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public LocalizedText Name { get; set; } = null!;
        public string Kind { get; set; } = "";
        public string Delivery { get; set; } = "";
        public string? Email { get; set; }
        public string? WebhookUrl { get; set; }
        public string? WebhookSecret { get; set; }
        public bool IsActive { get; set; }

        public OutsideBody ToBody() => new(Id, Code, Name, Enum.Parse<OutsideBodyKind>(Kind), Enum.Parse<ReferralDelivery>(Delivery), Email, WebhookUrl,
            WebhookSecret, IsActive);
    }

    private sealed class ReferralRow
    {
        public long Id { get; set; }
        public long ReportId { get; set; }
        public long OutsideBodyId { get; set; }
        public long ReferredById { get; set; }
        public DateTimeOffset ReferredUtc { get; set; }
        public string? Message { get; set; }
        public string NoticeKey { get; set; } = "";
        public string? DeliveryStatus { get; set; }
        public int? Attempts { get; set; }
        public string? LastError { get; set; }
    }
}
