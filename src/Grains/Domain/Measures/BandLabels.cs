using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>Severity band labels of the built-in instruments: lower case, words joined by '-'.</summary>
public static class BandLabels
{
    public const string Minimal = "minimal";
    public const string Mild = "mild";
    public const string Moderate = "moderate";
    public const string ModeratelySevere = "moderately-severe";
    public const string Severe = "severe";

    /// <summary>The label of the band holding <paramref name="total"/>, or null when none does.</summary>
    public static string? Find(IReadOnlyList<ScoreBand> bands, int total)
    {
        foreach (var band in bands)
        {
            if (total >= band.Min && total <= band.Max) return band.Label;
        }
        return null;
    }
}
