namespace Portal.Core.Offices;

/// <summary>One of the six ward offices (区役所). Its id is the ward's code, for example "chuo".</summary>
public sealed record WardOffice(string Id, string NameJa, string NameEn, string AddressJa, string AddressEn, double Latitude, double Longitude)
{
    public string Name(bool japanese) => japanese ? NameJa : NameEn;
}

public interface IOfficeRepository
{
    Task<IReadOnlyList<WardOffice>> ListAsync(CancellationToken ct);
    Task<WardOffice?> GetAsync(string id, CancellationToken ct);
}
