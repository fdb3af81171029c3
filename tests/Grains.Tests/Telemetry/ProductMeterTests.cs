using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Telemetry;

[Collection(ClusterCollection.Name)]
public sealed class ProductMeterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_committed_command_is_counted_on_the_product_meter_by_its_type_and_never_by_tenant_or_case()
    {
        var measurements = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IptMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await OpenThroughInitialPhase(tenant, "case-metered");
        await tenant.Do("case-metered", Session(2));

        var committed = measurements.Where(m => m.Instrument == "ipt.commands.committed").ToList();
        Assert.Contains(committed, m => Equals(m.Tags["command"], "LogSession") && m.Value == 1);
        Assert.Contains(committed, m => Equals(m.Tags["command"], "OpenCase"));
        Assert.All(committed, m => Assert.Equal(["command"], m.Tags.Keys));
        Assert.Contains(measurements, m => m.Instrument == "ipt.events.committed" && m.Value >= 1);
    }
}
