using System.Text.Json;
using Ipt.Cluster.Live;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// One Server-Sent Event of a clinic's caseload: a snapshot or a delta, id = projection version.
/// Serialized once per frame, however many connections receive it.
/// </summary>
public sealed class LiveFrame
{
    private readonly Lazy<string> _json;

    private LiveFrame(string kind, string clinicId, long version, DateTimeOffset serverTimestamp, CaseloadCounts counts, object payload, JsonSerializerOptions json)
    {
        Kind = kind;
        ClinicId = clinicId;
        Version = version;
        ServerTimestamp = serverTimestamp;
        Counts = counts;
        Payload = payload;
        _json = new Lazy<string>(() => JsonSerializer.Serialize(payload, payload.GetType(), json));
    }

    public const string SnapshotEvent = "snapshot";
    public const string DeltaEvent = "delta";

    public string Kind { get; }
    public string ClinicId { get; }
    public long Version { get; }
    public DateTimeOffset ServerTimestamp { get; }
    public CaseloadCounts Counts { get; }
    public object Payload { get; }

    /// <summary>The payload as JSON, made once on first use.</summary>
    public string Json => _json.Value;

    public static LiveFrame Of(CaseloadSnapshot s, JsonSerializerOptions json) => new(SnapshotEvent, s.ClinicId, s.Version, s.ServerTimestamp, s.Counts, s, json);

    public static LiveFrame Of(CaseloadDelta d, JsonSerializerOptions json) => new(DeltaEvent, d.ClinicId, d.Version, d.ServerTimestamp, d.Counts, d, json);
}
