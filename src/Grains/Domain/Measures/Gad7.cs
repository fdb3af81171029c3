using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>GAD-7: seven items scored 0-3, total 0-21, bands from Spitzer, Kroenke, Williams &amp; Löwe (2006).</summary>
public static class Gad7
{
    public const int ItemCount = 7;
    public const int ItemMin = 0;
    public const int ItemMax = 3;

    public static InstrumentDefinition Definition { get; } = new(
        Instruments.Gad7,
        "Generalized Anxiety Disorder-7",
        ItemCount,
        ItemMin,
        ItemMax,
        [
            new ScoreBand(0, 4, BandLabels.Minimal),
            new ScoreBand(5, 9, BandLabels.Mild),
            new ScoreBand(10, 14, BandLabels.Moderate),
            new ScoreBand(15, 21, BandLabels.Severe),
        ],
        HigherIsWorse: true);

    /// <summary>The severity band of a GAD-7 total (0..21).</summary>
    public static string Band(int total) => BandLabels.Find(Definition.Bands, total)
        ?? throw new ArgumentOutOfRangeException(nameof(total), total, "A GAD-7 total is 0..21.");
}
