using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>
/// PHQ-9: nine items scored 0-3, total 0-27, bands from Kroenke, Spitzer &amp; Williams (2001).
/// A tenth "difficulty" item exists on the form; it is carried but never added to the total.
/// </summary>
public static class Phq9
{
    public const int ItemCount = 9;
    public const int ItemMin = 0;
    public const int ItemMax = 3;

    /// <summary>Item 9 ("thoughts that you would be better off dead...") as a 0-based index.</summary>
    public const int SuicideItemIndex = 8;

    public static InstrumentDefinition Definition { get; } = new(
        Instruments.Phq9,
        "Patient Health Questionnaire-9",
        ItemCount,
        ItemMin,
        ItemMax,
        [
            new ScoreBand(0, 4, BandLabels.Minimal),
            new ScoreBand(5, 9, BandLabels.Mild),
            new ScoreBand(10, 14, BandLabels.Moderate),
            new ScoreBand(15, 19, BandLabels.ModeratelySevere),
            new ScoreBand(20, 27, BandLabels.Severe),
        ],
        HigherIsWorse: true);

    /// <summary>The severity band of a PHQ-9 total (0..27).</summary>
    public static string Band(int total) => BandLabels.Find(Definition.Bands, total)
        ?? throw new ArgumentOutOfRangeException(nameof(total), total, "A PHQ-9 total is 0..27.");

    /// <summary>
    /// Any answer above 0 on item 9 calls for a suicide-risk review, whatever the total
    /// (a minimal total does not make it safe to ignore).
    /// </summary>
    public static bool SuicideItemPositive(IReadOnlyList<int> answers) =>
        answers.Count > SuicideItemIndex && answers[SuicideItemIndex] > 0;
}
