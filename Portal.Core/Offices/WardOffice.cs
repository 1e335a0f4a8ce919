using Portal.Core.Languages;

namespace Portal.Core.Offices;

/// <summary>
/// One of the six ward offices (区役所). Its id is the ward's code, for example "chuo". Its name and address are city
/// texts in every language the city writes (reference data, seeded by the migrations).
/// </summary>
public sealed record WardOffice(string Id, LocalizedText Name, LocalizedText Address, double Latitude, double Longitude);

public interface IOfficeRepository
{
    Task<IReadOnlyList<WardOffice>> ListAsync(CancellationToken ct);
    Task<WardOffice?> GetAsync(string id, CancellationToken ct);
}
