using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A gateway whose live pipeline runs on 5 queues read every 40 ms instead of the shipped 2 and 5 ms.</summary>
public sealed class FiveQueuesFactory() : GatewayFactory(new()
{
    ["Streams:Queues"] = "5",
    ["Streams:PullingPeriod"] = "00:00:00.040",
}, null);

/// <summary>An operator tunes the memory streams by configuration, and the supervisor's screen still follows every case.</summary>
public sealed class StreamSettingsTests(FiveQueuesFactory factory) : IClassFixture<FiveQueuesFactory>
{
    [Fact]
    public async Task Configured_queues_and_pulling_period_are_the_ones_the_streams_run_with_and_deltas_still_arrive_in_order()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-tuned");
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), $"/api/clinics/{ApiTenant.Clinic}/caseload/stream");
        var snapshot = await sse.UntilAsync(e => e.Event == "snapshot");

        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(11)).Ok();
        var deltas = await sse.UntilAsync(e => e.Data.GetProperty("changed").EnumerateArray()
            .Any(r => r.GetProperty("caseId").GetString() == id && r.GetProperty("latestPhq9").ValueKind == System.Text.Json.JsonValueKind.Number));

        var queues = factory.Services.GetRequiredKeyedService<IQueueAdapterFactory>(StreamNames.Provider).GetStreamQueueMapper().GetAllQueues();
        Assert.Equal(5, queues.Count());
        Assert.Equal(TimeSpan.FromMilliseconds(40), factory.Services.GetRequiredService<IOptionsMonitor<StreamPullingAgentOptions>>().Get(StreamNames.Provider).GetQueueMsgsTimerPeriod);
        Assert.Equal(Enumerable.Range(1, deltas.Count).Select(n => snapshot[^1].Id + n), deltas.Select(e => e.Id));
    }
}

/// <summary>A gateway told to hash its streams onto no queue at all.</summary>
public sealed class NoQueuesFactory() : GatewayFactory(new() { ["Streams:Queues"] = "0" }, null);

public sealed class StreamSettingsRefusedTests
{
    [Fact]
    public async Task A_queue_count_below_one_stops_the_gateway_at_start_naming_the_setting()
    {
        var factory = new NoQueuesFactory();
        try
        {
            var refused = Assert.ThrowsAny<Exception>(() => factory.Server);

            Assert.Contains("Streams:Queues must be at least 1", Flatten(refused), StringComparison.Ordinal);
        }
        finally
        {
            // The fixture's own disposal, which also removes the data folder the store opened before the refusal.
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
