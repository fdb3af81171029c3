using Ipt.Bench.Http;
using Ipt.Bench.Run.Load;

namespace Ipt.Bench.Run.Report;

/// <summary>Everything one harness run measured; written as JSON, one file a run.</summary>
internal sealed record RunReport
{
    public int Schema { get; init; } = 1;
    public required DateTimeOffset StartedAt { get; init; }
    public required string Mode { get; init; }
    public required string Profile { get; init; }
    public required MachineInfo Machine { get; init; }
    public required RunOptions Options { get; init; }
    public SeedResult? Seed { get; set; }
    public WarmUpResult? WarmUp { get; set; }
    public List<Ceiling> Ceilings { get; } = [];
    /// <summary>Authenticated, audited case reads alone, driven by wrk like the ceilings.</summary>
    public WrkResult? CaseReads { get; set; }
    public List<PhaseResult> Phases { get; } = [];
    public List<LiveResult> Live { get; } = [];
    public MemoryResult? Memory { get; set; }
    public List<ScaleStep> Scale { get; } = [];
    public PeerResult? Peer { get; set; }
    public List<TargetLine> Targets { get; } = [];
    public List<string> Notes { get; } = [];
    public double TotalSeconds { get; set; }
}

internal sealed record MachineInfo(int Cores, string Os, string Runtime, string Note)
{
    public static MachineInfo Current => new(Environment.ProcessorCount, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        "load generator, gateway, silo(s) and peer share these cores; absolute figures move with other load, ratios are taken within this run");
}

internal sealed record SeedResult(int Tenants, int Clinics, int Cases, long Events, double Seconds)
{
    public double CasesPerSecond => Cases / Math.Max(0.001, Seconds);
}

/// <summary>The peer and ours on the same load shape, and the read-only comparison the target names.</summary>
internal sealed record PeerResult(string Peer, WrkResult PeerReads, WrkResult OurReads, PhaseResult PeerMix, PhaseResult OurMix)
{
    public double ReadRatio => OurReads.RequestsPerSecond / Math.Max(1, PeerReads.RequestsPerSecond);

    public double MixRatio => OurMix.TotalPerSecond / Math.Max(1, PeerMix.TotalPerSecond);

    public string Caveat => "ours: every request authenticated (JWT), authorised, audited (append-only log written before the answer) and every write durable (fsync'd / committed) before the answer; the peer: none of the three (in-memory, no auth)";
}

/// <summary>One target of the issue: what was measured, the target, met or missed and by how much.</summary>
internal sealed record TargetLine(string Target, string Measured, string Goal, bool? Met, string Verdict);
