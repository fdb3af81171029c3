using System.Globalization;

namespace Ipt.Bench.Run;

/// <summary>
/// The harness's options. The full profile is the issue's: 10 tenants x 100 clinics, 100,000 cases
/// (spread over the clinics: 100 a clinic), 200 SSE connections, 1,000 requests/s at the fixed rate,
/// scale steps up to 1M stored cases. <c>--quick</c> is the one-minute profile CI runs.
/// </summary>
internal sealed record RunOptions
{
    public bool Quick { get; init; }
    public string Mode { get; init; } = "local";
    public int Tenants { get; init; } = 10;
    public int ClinicsPerTenant { get; init; } = 100;
    public int Cases { get; init; } = 100_000;
    public int TherapistsPerClinic { get; init; } = 5;
    public int SseConnections { get; init; } = 200;
    public int HttpConnections { get; init; } = 64;
    public int Seconds { get; init; } = 20;
    public int CeilingSeconds { get; init; } = 10;

    /// <summary>
    /// At most this many unrecorded rounds before each wrk measurement (ceilings and ours alike), run
    /// until the throughput settles (<see cref="Http.Wrk.WarmUpAsync"/>): the runtime's tiered JIT
    /// takes seconds of load to reach its optimised code, more for a deep pipeline than for a bare
    /// endpoint, so a fixed short warm-up measures the JIT rather than the product.
    /// </summary>
    public int WarmUpMaxRounds => Quick ? 2 : Http.Settling.MaxRounds;

    /// <summary>
    /// <c>--rate</c>: the clinic mix's requests a second at the fixed rate, and the events a second the
    /// watched clinics' commands commit in the phase after it.
    /// </summary>
    public int FixedRate { get; init; } = 1000;
    public int MemoryCases { get; init; } = 20_000;
    public int[] ScaleSteps { get; init; } = [10_000, 100_000, 1_000_000];
    public int ScaleSamples { get; init; } = 2000;
    public int Silos { get; init; } = 2;
    public bool Peer { get; init; } = true;
    public string? Connection { get; init; }
    public string Output { get; init; } = Path.Combine("bench", "results");

    public int Clinics => Tenants * ClinicsPerTenant;

    public static RunOptions Quick1Minute => new()
    {
        Quick = true, Tenants = 2, ClinicsPerTenant = 10, Cases = 2000, TherapistsPerClinic = 4, SseConnections = 50,
        Seconds = 4, CeilingSeconds = 3, FixedRate = 200, MemoryCases = 1000, ScaleSteps = [1_000, 10_000], ScaleSamples = 250,
    };

    public static RunOptions Parse(string[] args, string? connection)
    {
        var options = args.Contains("--quick") ? Quick1Minute : new RunOptions();
        options = options with { Connection = connection };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option '{args[i]}' needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--quick" => options,
                "--mode" => options with { Mode = CheckMode(Next()) },
                "--tenants" => options with { Tenants = Int() },
                "--clinics" => options with { ClinicsPerTenant = Int() },
                "--cases" => options with { Cases = Int() },
                "--sse" => options with { SseConnections = Int() },
                "--connections" => options with { HttpConnections = Int() },
                "--seconds" => options with { Seconds = Int() },
                "--rate" => options with { FixedRate = Int() },
                "--memory-cases" => options with { MemoryCases = Int() },
                "--scale" => options with { ScaleSteps = [.. Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] },
                "--silos" => options with { Silos = Int() },
                "--no-peer" => options with { Peer = false },
                "--out" => options with { Output = Next() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        if (options.Mode == "cluster" && string.IsNullOrWhiteSpace(options.Connection))
            throw new ArgumentException("--mode cluster needs --connection CONNSTRING or IPT_PG_CONNECTION (scripts/pg-start.sh prints one).");
        Run.ScaleSteps.CheckSteps(options);
        return options;
    }

    private static string CheckMode(string value) => value is "local" or "cluster" ? value : throw new ArgumentException("--mode is local or cluster.");
}
