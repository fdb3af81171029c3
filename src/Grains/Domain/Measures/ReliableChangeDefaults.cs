using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>
/// Reliable-change settings used until a tenant sets its own.
/// r is the test-retest reliability from each validation study: 0.84 for PHQ-9 (Kroenke 2001,
/// 48-hour retest), 0.83 for GAD-7 (Spitzer 2006, retest ICC). SD is a typical clinical-sample
/// standard deviation, chosen so the thresholds land on the conventions services report against
/// (e.g. NHS Talking Therapies): PHQ-9 1.96 * 5.0 * sqrt(0.32) = 5.54, i.e. 6 points;
/// GAD-7 1.96 * 3.5 * sqrt(0.34) = 4.00, i.e. 4 points.
/// </summary>
public static class ReliableChangeDefaults
{
    public static ReliableChangeSettings Phq9 { get; } = new(StandardDeviation: 5.0, TestRetestReliability: 0.84);

    public static ReliableChangeSettings Gad7 { get; } = new(StandardDeviation: 3.5, TestRetestReliability: 0.83);

    /// <summary>The defaults keyed by instrument code, as <see cref="ScoringSettings"/> holds them.</summary>
    public static IReadOnlyDictionary<string, ReliableChangeSettings> ByInstrument { get; } =
        new Dictionary<string, ReliableChangeSettings>(StringComparer.Ordinal)
        {
            [Instruments.Phq9] = Phq9,
            [Instruments.Gad7] = Gad7,
        };
}
