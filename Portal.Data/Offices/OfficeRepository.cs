using Dapper;
using Portal.Core.Offices;
using Portal.Data.Database;

namespace Portal.Data.Offices;

public sealed class OfficeRepository(PortalDatabase db) : IOfficeRepository
{
    private const string Columns = "Id, NameJa, NameEn, AddressJa, AddressEn, Latitude, Longitude";

    public async Task<IReadOnlyList<WardOffice>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<OfficeRow>(new CommandDefinition($"SELECT {Columns} FROM WardOffice ORDER BY SortOrder", cancellationToken: ct));
        return rows.Select(r => r.ToOffice()).ToList();
    }

    public async Task<WardOffice?> GetAsync(string id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<OfficeRow>(new CommandDefinition($"SELECT {Columns} FROM WardOffice WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToOffice();
    }

    private sealed class OfficeRow
    {
        public string Id { get; set; } = "";
        public string NameJa { get; set; } = "";
        public string NameEn { get; set; } = "";
        public string AddressJa { get; set; } = "";
        public string AddressEn { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }

        public WardOffice ToOffice() => new(Id, NameJa, NameEn, AddressJa, AddressEn, Latitude, Longitude);
    }
}
