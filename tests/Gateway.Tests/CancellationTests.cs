using System.Diagnostics;
using System.Net;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// A caller who hangs up: a read stops waiting for the silo at once; a write, once sent, runs to its
/// commit (never half-done), is audited with its real outcome, and a retry with the same
/// Idempotency-Key answers it without doing it twice. The gateway stays healthy either way.
/// </summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class CancellationTests(ObservedGatewayFactory factory)
{
    private static readonly TimeSpan HangUpAfter = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_read_whose_caller_hangs_up_stops_waiting_for_a_stalled_silo_at_once_and_the_gateway_stays_healthy()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-read-abandoned");
        var correlation = StallingCallFilter.CorrelationFor(nameof(IClientCaseGrain.GetAsync));

        var clock = Stopwatch.StartNew();
        await HangUpAsync(tenant.Ana(), HttpMethod.Get, $"/api/cases/{caseId}", correlation);
        var record = await AuditRecordAsync(tenant.Id, correlation);

        // The gateway let go of the call when the caller left, well before the silo would have answered.
        Assert.True(clock.Elapsed < StallingCallFilter.Stall - TimeSpan.FromSeconds(1.5),
            $"the read was audited {clock.Elapsed.TotalSeconds:F1} s after it was sent; the silo stalls {StallingCallFilter.Stall.TotalSeconds} s");
        Assert.Equal("GetCase", record.Action);
        await tenant.Ana().GetAsync($"/api/cases/{caseId}").Ok();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().GetAsync("/health/ready")).StatusCode);
        AssertNoErrorLogged(correlation);
    }

    [Fact]
    public async Task A_write_whose_caller_hangs_up_is_committed_whole_audited_as_done_and_answered_once_on_retry()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-write-abandoned");
        var correlation = StallingCallFilter.CorrelationFor(nameof(IClientCaseGrain.ExecuteWithinAsync));
        var key = "journal-" + Guid.NewGuid().ToString("N")[..8];

        await HangUpAsync(tenant.ClientOf(caseId), HttpMethod.Post, $"/api/cases/{caseId}/journal", correlation, key);
        var record = await AuditRecordAsync(tenant.Id, correlation, within: StallingCallFilter.Stall * 2);

        Assert.Equal(AuditOutcome.Success, record.Outcome);
        Assert.Equal(1, await JournalEntriesAsync(tenant, caseId));
        var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/journal") { Content = JsonBody() };
        retry.Headers.Add("Idempotency-Key", key);
        var replay = await tenant.ClientOf(caseId).SendAsync(retry);
        await Task.FromResult(replay).Ok();
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await JournalEntriesAsync(tenant, caseId));
        AssertNoErrorLogged(correlation);
    }

    /// <summary>Sends the request and gives up on it after <see cref="HangUpAfter"/>, as a browser closed mid-call does.</summary>
    private static async Task HangUpAsync(HttpClient client, HttpMethod method, string url, string correlation, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Correlation-Id", correlation);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (method == HttpMethod.Post) request.Content = JsonBody();
        using var hangUp = new CancellationTokenSource(HangUpAfter);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(request, hangUp.Token));
    }

    private static StringContent JsonBody() => new("""{"text":"a quiet week"}""", System.Text.Encoding.UTF8, "application/json");

    private async Task<AuditRecord> AuditRecordAsync(string tenant, string correlation, TimeSpan? within = null)
    {
        var store = factory.Services.GetRequiredService<IAuditStore>();
        var until = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var page = await store.QueryAsync(new AuditQuery(tenant, Limit: 500));
            if (page.Records.FirstOrDefault(r => r.CorrelationId == correlation) is { } record) return record;
            Assert.True(DateTime.UtcNow < until, $"no audit record of {correlation}");
            await Task.Delay(50);
        }
    }

    private static async Task<int> JournalEntriesAsync(ApiTenant tenant, string caseId)
    {
        var history = await tenant.Ana().GetAsync($"/api/cases/{caseId}/history").Ok();
        return history.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("type").GetString()?.Contains("Journal", StringComparison.OrdinalIgnoreCase) == true);
    }

    private void AssertNoErrorLogged(string correlation) =>
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Level >= LogLevel.Error && e.Scopes.GetValueOrDefault("CorrelationId") == correlation);
}
