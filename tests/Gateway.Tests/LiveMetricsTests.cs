using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>The live pipeline's figures on the product meter: events published, deltas fanned out, fan-out lag.</summary>
[Collection(GatewayCollection.Name)]
public sealed class LiveMetricsTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_delta_sent_to_a_watching_browser_is_counted_and_its_lag_since_the_commit_recorded_on_the_product_meter()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, int Tags)>();
        // This gateway's meter only: a listener hears every host in the test process, and a host
        // with a fake clock running beside this one (the flag review's) records lags of -30 days.
        var ours = factory.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IptMetrics.MeterName && instrument.Meter.Scope == ours) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.Length)));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.Length)));
        listener.Start();
        var tenant = await ApiTenant.CreateAsync(factory);
        var id = await tenant.OpenCaseAsync("case-metered-live");
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), $"/api/clinics/{ApiTenant.Clinic}/caseload/stream");
        Assert.Equal("snapshot", (await sse.NextAsync()).Event);

        await tenant.Ana().Post($"/api/cases/{id}/questionnaires", Phq9(15)).Ok();
        await sse.UntilAsync(e => e.Event == "delta" && e.Data.GetProperty("changed").EnumerateArray()
            .Any(r => r.GetProperty("caseId").GetString() == id && r.GetProperty("latestPhq9").ValueKind == System.Text.Json.JsonValueKind.Number));

        Assert.Contains(measurements, m => m.Instrument == "ipt.events.published" && m.Value >= 1);
        Assert.Contains(measurements, m => m.Instrument == "ipt.deltas.fanned_out" && m.Value >= 1);
        var lags = measurements.Where(m => m.Instrument == "ipt.fanout.lag").Select(m => m.Value).ToList();
        Assert.NotEmpty(lags);
        Assert.All(lags, lag => Assert.InRange(lag, -100, 10_000));
        // Figures name no tenant, clinic or case: these instruments carry no tags at all.
        Assert.All(measurements.Where(m => m.Instrument != "ipt.commands.committed"), m => Assert.Equal(0, m.Tags));
    }
}
