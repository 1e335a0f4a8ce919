using Dapper;
using Portal.Data.Database;

namespace Portal.Tests.Infrastructure;

/// <summary>Puts an account on the resident register in a ward (a household of one), as a redeemed registration code leaves it.</summary>
public static class RegisterSeed
{
    public static async Task PlaceInWardAsync(PortalDatabase db, long accountId, string wardId, CancellationToken ct)
    {
        var number = Guid.NewGuid().ToString("N")[..20];
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO RegisterHousehold (HouseholdNumber, WardId, UpdatedUtc) VALUES (@number, @wardId, @now)",
            new { number, wardId, now }, cancellationToken: ct));
        var household = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT Id FROM RegisterHousehold WHERE HouseholdNumber = @number", new { number }, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO RegisterResident (ResidentNumber, HouseholdId, Relation, FamilyName, GivenName, BirthDate, Sex, AccountId, UpdatedUtc)
            VALUES (@number, @household, 'Head', '千葉', '花子', '1980-04-01', 'Female', @accountId, @now)
            """, new { number, household, accountId, now }, cancellationToken: ct));
    }
}
