using Dapper;
using Portal.Core.Languages;
using Portal.Core.Offices;
using Portal.Data.Database;

namespace Portal.Data.Offices;

public sealed class OfficeRepository(PortalDatabase db) : IOfficeRepository
{
    private const string Columns = "Id, NameText AS Name, AddressText AS Address, Latitude, Longitude";

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
        public LocalizedText Name { get; set; } = null!;
        public LocalizedText Address { get; set; } = null!;
        public double Latitude { get; set; }
        public double Longitude { get; set; }

        public WardOffice ToOffice() => new(Id, Name, Address, Latitude, Longitude);
    }
}
