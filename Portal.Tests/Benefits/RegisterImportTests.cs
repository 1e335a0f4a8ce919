using Portal.Core.Rules;
using System.Text;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Text;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Offices;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Benefits;

/// <summary>
/// The register file as staff really upload it: saved by Excel on Japanese Windows in Shift_JIS (CP932), or as UTF-8
/// with or without its byte order mark. Names with 髙 and 﨑 (NEC and IBM extensions of CP932) must arrive intact; a file
/// that is neither is refused with its reason, and a quote left open is a problem of its own line.
/// </summary>
public sealed class RegisterFileTests
{
    internal const string Header = "resident_number,household_number,relation,family_name,given_name,birth_date,sex,ward";

    // Excel writes CP932 with CRLF; the encoder throws rather than write '?' for a character CP932 lacks.
    internal static byte[] ShiftJis(string text) =>
        CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!.GetBytes(text);

    internal static string Csv(params string[] lines) => string.Join("\r\n", [Header, .. lines]) + "\r\n";

    [Fact]
    public void Shift_JIS_bytes_from_Excel_read_as_the_names_they_hold()
    {
        var bytes = ShiftJis(Csv("R-1,H-1,head,髙橋,﨑子,1980-04-01,F,chuo", "R-2,H-1,child,山﨑,髙志,2010-05-05,M,chuo"));
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var (rows, problems) = RegisterCsv.Read(bytes);

        Assert.Empty(problems);
        Assert.Equal([("髙橋", "﨑子"), ("山﨑", "髙志")], rows.Select(r => (r.FamilyName, r.GivenName)));
        Assert.Equal(FileText.ShiftJis, FileText.Decode(bytes).EncodingName);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UTF_8_reads_with_or_without_its_byte_order_mark(bool mark)
    {
        var text = Encoding.UTF8.GetBytes(Csv("R-1,H-1,head,髙橋,﨑子,1980-04-01,F,chuo"));
        byte[] bytes = mark ? [0xEF, 0xBB, 0xBF, .. text] : text;

        var (rows, problems) = RegisterCsv.Read(bytes);

        Assert.Empty(problems);
        Assert.Equal(("R-1", "髙橋", "﨑子"), (rows.Single().ResidentNumber, rows.Single().FamilyName, rows.Single().GivenName));
    }

    [Theory]
    [InlineData(new byte[] { 0x81, 0x7F })] // a Shift_JIS lead byte with a trail byte no character has, and not UTF-8
    [InlineData(new byte[] { 0xC3, 0x28, 0x81 })] // broken UTF-8, and a lead byte that the file ends before
    public void Bytes_that_are_neither_UTF_8_nor_Shift_JIS_are_refused(byte[] garbage)
    {
        var bytes = Encoding.ASCII.GetBytes(Csv("R-1,H-1,head,")).Concat(garbage).Concat(Encoding.ASCII.GetBytes(",x,1980-04-01,F,chuo\r\n")).ToArray();

        var (rows, problems) = RegisterCsv.Read(bytes);

        Assert.Empty(rows);
        Assert.Equal((0, RegisterKeys.Encoding), (Assert.Single(problems).Line, problems[0].ReasonKey));
    }

    [Fact]
    public void Text_already_garbled_into_replacement_characters_is_refused_with_its_line()
    {
        var (rows, problems) = RegisterCsv.Read(Encoding.UTF8.GetBytes(Csv("R-1,H-1,head,千葉,太郎,1980-04-01,M,chuo", "R-2,H-2,head,\uFFFD\uFFFD,花子,1981-04-01,F,chuo")));

        Assert.Empty(rows);
        Assert.Equal((3, RegisterKeys.Garbled), (Assert.Single(problems).Line, problems[0].ReasonKey));
    }

    [Theory]
    [InlineData("R-2,H-2,head,\"千葉,花子,1981-04-01,F,chuo")] // opened, never closed
    [InlineData("R-2,H-2,head,\"千葉\"x,花子,1981-04-01,F,chuo")] // text after the closing quote
    public void A_broken_quote_is_a_problem_of_its_own_line_and_the_next_line_still_reads(string broken)
    {
        var (rows, problems) = RegisterCsv.Read(Encoding.UTF8.GetBytes(Csv("R-1,H-1,head,千葉,太郎,1980-04-01,M,chuo", broken, "R-3,H-3,head,稲毛,次郎,1982-04-01,M,chuo")));

        Assert.Equal([(2, "R-1"), (4, "R-3")], rows.Select(r => (r.Line, r.ResidentNumber)));
        var problem = Assert.Single(problems);
        Assert.Equal((3, RegisterKeys.Quote), (problem.Line, problem.ReasonKey));
    }
}

/// <summary>The import service end to end: file bytes in, register rows and an audit entry out.</summary>
public sealed class RegisterImportServiceTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _test = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    /// <summary>A staff member with the city-wide permission: the register is the whole city's.</summary>
    private async Task<Actor> StaffAsync(bool cityWide = true, Role role = Role.Staff)
    {
        var accounts = new UserAccountRepository(_test.Database);
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "登録 係", "hash", role, Roles.NeedsOffice(role) ? "chuo" : null, _time.GetUtcNow());
        await accounts.CreateAsync(account, Ct);
        if (cityWide) await accounts.SetCityWideAsync(account.Id, true, Ct);
        return Actor.For(account, "192.0.2.1");
    }

    public void Dispose() => _test.Dispose();

    private RegisterImportService Service() =>
        new(new ResidentRegisterRepository(_test.Database, _time), new OfficeRepository(_test.Database), new AuditTrail(new AuditLogRepository(_test.Database), _time), _time,
            new StaffScopes(new UserAccountRepository(_test.Database)));

    private async Task<List<(string Number, string Family, string Given)>> StoredAsync()
    {
        await using var connection = await _test.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<(string, string, string)>("SELECT ResidentNumber, FamilyName, GivenName FROM RegisterResident ORDER BY ResidentNumber")).ToList();
    }

    private async Task<string?> AuditedAsync()
    {
        await using var connection = await _test.Database.OpenAsync(Ct);
        return await connection.QuerySingleAsync<string?>("SELECT Detail FROM AuditEntry WHERE Action = @RegisterImported", new { BenefitAudit.RegisterImported });
    }

    [Fact]
    public async Task A_Shift_JIS_file_from_Excel_stores_the_names_as_written()
    {
        var file = RegisterFileTests.ShiftJis(RegisterFileTests.Csv("R-1,H-1,head,髙橋,﨑子,1980-04-01,F,chuo", "R-2,H-2,head,山﨑,髙志,1975-05-05,M,mihama"));

        var result = await Service().ImportAsync(await StaffAsync(), "register.csv", file, null, Ct);

        Assert.Equal((2, 0), (result.Written, result.Problems.Count));
        Assert.Equal([("R-1", "髙橋", "﨑子"), ("R-2", "山﨑", "髙志")], await StoredAsync());
        Assert.Equal("register.csv: 2 written, 0 problems", await AuditedAsync());
    }

    [Fact]
    public async Task A_quote_left_open_is_reported_on_its_line_and_the_lines_after_it_are_imported()
    {
        var file = Encoding.UTF8.GetBytes(RegisterFileTests.Csv("R-1,H-1,head,\"千葉,太郎,1980-04-01,M,chuo", "R-2,H-2,head,稲毛,花子,1981-04-01,F,chuo"));

        var result = await Service().ImportAsync(await StaffAsync(), "register.csv", file, null, Ct);

        Assert.Equal([(2, RegisterKeys.Quote)], result.Problems.Select(p => (p.Line, p.ReasonKey)));
        Assert.Null(result.Refusal);
        Assert.Equal([("R-2", "稲毛", "花子")], await StoredAsync());
    }

    [Fact]
    public async Task A_file_of_neither_encoding_is_refused_with_the_reason_and_nothing_is_stored()
    {
        byte[] file = [.. Encoding.ASCII.GetBytes(RegisterFileTests.Csv("R-1,H-1,head,")), 0x81, 0x7F, .. Encoding.ASCII.GetBytes(",x,1980-04-01,F,chuo\r\n")];

        var result = await Service().ImportAsync(await StaffAsync(), "register.csv", file, null, Ct);

        Assert.Equal((0, RegisterKeys.Encoding), (result.Written, result.Refusal?.ReasonKey));
        Assert.Empty(await StoredAsync());
        Assert.Equal($"register.csv: refused ({RegisterKeys.Encoding})", await AuditedAsync());
    }

    [Fact]
    public async Task Staff_of_one_ward_office_cannot_import_the_whole_city_register()
    {
        var file = Encoding.UTF8.GetBytes(RegisterFileTests.Csv("R-1,H-1,head,千葉,太郎,1980-04-01,M,chuo"));

        foreach (var actor in new[] { await StaffAsync(cityWide: false), await StaffAsync(cityWide: false, role: Role.Kiosk), Actor.Anonymous("192.0.2.9") })
        {
            var refused = await Assert.ThrowsAsync<RuleException>(() => Service().ImportAsync(actor, "register.csv", file, null, Ct));
            Assert.Equal(ScopeErrors.CityWideNeeded, refused.Key);
        }

        Assert.Empty(await StoredAsync());
        await using (var connection = await _test.Database.OpenAsync(Ct))
            Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditEntry WHERE Action = @RegisterImported", new { BenefitAudit.RegisterImported }));
        // An administrator works city-wide by role.
        Assert.Equal(1, (await Service().ImportAsync(await StaffAsync(cityWide: false, role: Role.Admin), "register.csv", file, null, Ct)).Written);
    }
}
