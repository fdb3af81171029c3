using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Keeps a case's <see cref="MeasureSummary"/>. Every command derives the flags, and a case's
/// measures only grow (a year of weekly self-reports is hundreds): walking them all per command was
/// the largest managed part of a command's CPU on such cases (5% at ~50-100 measures, 12% at ~500).
/// So the summary moves on with each measure applied, and is computed from the measures only for a
/// state that has none (a snapshot written before it was kept).
/// </summary>
public static class MeasureSummaries
{
    /// <summary>The summary of all of <paramref name="measures"/>, in one pass.</summary>
    public static MeasureSummary Of(IEnumerable<MeasureRecord> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        return measures.Aggregate(MeasureSummary.Empty, With);
    }

    /// <summary>The summary once <paramref name="measure"/>, the newest, is added.</summary>
    public static MeasureSummary With(MeasureSummary summary, MeasureRecord measure)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(measure);
        var instrument = measure.Score.Instrument;
        // Each instrument's latest score decides: a newer one that is no deterioration clears it.
        var deteriorated = measure.Score.ReliableChange == ReliableChange.Deteriorated;
        var before = summary.DeterioratedInstruments.IsDefault ? [] : summary.DeterioratedInstruments;
        var listed = before.Contains(instrument, StringComparer.Ordinal);
        var after = deteriorated == listed ? before
            : deteriorated ? before.Add(instrument)
            : before.Remove(instrument, StringComparer.Ordinal);
        return string.Equals(instrument, Instruments.Phq9, StringComparison.Ordinal)
            ? new MeasureSummary(measure, summary.Phq9Count + 1, after)
            : summary with { DeterioratedInstruments = after };
    }
}
