using System.Diagnostics.Metrics;

namespace Ipt.Cluster.Grains.Telemetry;

/// <summary>
/// The product's own meter, <c>Ipt.Cluster</c>: every instrument is defined here, once. Tags carry
/// kinds (a command's type), never identities or text: no tenant, case, alias or note in a metric.
/// </summary>
public sealed class IptMetrics
{
    public const string MeterName = "Ipt.Cluster";

    public IptMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        CommandsCommitted = meter.CreateCounter<long>("ipt.commands.committed", "{command}",
            "Case commands durably committed (tag: command).");
        EventsCommitted = meter.CreateCounter<long>("ipt.events.committed", "{event}",
            "Case events durably committed.");
        EventsPublished = meter.CreateCounter<long>("ipt.events.published", "{event}",
            "Committed case events published to the clinic streams.");
        DeltasFannedOut = meter.CreateCounter<long>("ipt.deltas.fanned_out", "{delta}",
            "Caseload deltas written to live dashboard connections.");
        FanOutLag = meter.CreateHistogram<double>("ipt.fanout.lag", "ms",
            "From an event's commit to its delta leaving the gateway.");
        AuditBatchSize = meter.CreateHistogram<int>("ipt.audit.batch_size", "{record}",
            "Audit records committed together in one transaction.");
    }

    public Counter<long> CommandsCommitted { get; }

    public Counter<long> EventsCommitted { get; }

    public Counter<long> EventsPublished { get; }

    public Counter<long> DeltasFannedOut { get; }

    public Histogram<double> FanOutLag { get; }

    public Histogram<int> AuditBatchSize { get; }

    /// <summary>One accepted command and the events it committed.</summary>
    public void Committed(string command, int events)
    {
        CommandsCommitted.Add(1, new KeyValuePair<string, object?>("command", command));
        EventsCommitted.Add(events);
    }
}
