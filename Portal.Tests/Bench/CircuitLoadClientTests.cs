extern alias bench;

using System.Text.Json.Nodes;
using bench::Portal.Bench.Load;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Bench;

/// <summary>
/// The load client reads what blazor.web.js reads from a prerendered page. These tests hold it to the portal's real
/// staff home (the page the `circuits` step holds open), so a change in how the framework writes its markers shows
/// here and not as a bench that hangs.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class CircuitLoadClientTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_staff_home_hands_its_circuit_server_component_markers_that_become_add_operations()
    {
        using var client = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Staff, "chuo"));

        var html = await client.GetStringAsync("/staff", Ct);
        var markers = ComponentMarkers.Parse(html);

        Assert.NotEmpty(markers.ServerComponents);
        Assert.All(markers.ServerComponents, m => Assert.False(string.IsNullOrEmpty(m["descriptor"]?.GetValue<string>())));
        var operations = JsonNode.Parse(markers.AddOperations())!["operations"]!.AsArray();
        Assert.Equal(markers.ServerComponents.Count, operations.Count);
        Assert.Equal(Enumerable.Range(1, operations.Count), operations.Select(o => o!["ssrComponentId"]!.GetValue<int>()));
        Assert.All(operations, o => Assert.Equal("add", o!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank()
    {
        var summary = LatencySummary.Of(Enumerable.Range(1, 20).Select(i => (double)i))!;

        Assert.Equal(10, summary.P50);
        Assert.Equal(19, summary.P95);
        Assert.Equal(20, summary.P99);
        Assert.Equal(20, summary.Max);
        Assert.Null(LatencySummary.Of([]));
    }

    [Fact]
    public void A_render_batch_string_is_found_by_its_length_and_bytes_so_a_longer_number_does_not_match()
    {
        // The string table as BinaryWriter writes it: a length byte, then the UTF-8 bytes.
        var batch = new byte[] { 0, 1, 2, 5 }.Concat(System.Text.Encoding.UTF8.GetBytes("A0123")).Concat(new byte[] { 7 }).ToArray();

        Assert.True(RenderBatchText.Contains(batch, RenderBatchText.Pattern("A0123")));
        Assert.False(RenderBatchText.Contains(batch, RenderBatchText.Pattern("A012")));
        Assert.False(RenderBatchText.Contains(batch, RenderBatchText.Pattern("A0124")));
    }
}
