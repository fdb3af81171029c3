using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Domain.Caseload;

/// <summary>
/// The counts by phase, problem area and flag, kept up to date row by row (remove the old row,
/// add the new), so a change costs the size of one row and not the size of the clinic.
/// </summary>
public sealed class CaseloadCounter
{
    private readonly Dictionary<CasePhase, int> _phases = [];
    private readonly Dictionary<string, int> _areas = new(StringComparer.Ordinal);
    private readonly Dictionary<CaseFlag, int> _flags = [];
    private int _cases;

    public void Replace(CaseloadRow? old, CaseloadRow? row)
    {
        if (old is not null) Count(old, -1);
        if (row is not null) Count(row, +1);
    }

    public CaseloadCounts Snapshot() => new(_cases, new Dictionary<CasePhase, int>(_phases),
        new Dictionary<string, int>(_areas, StringComparer.Ordinal), new Dictionary<CaseFlag, int>(_flags));

    private void Count(CaseloadRow row, int by)
    {
        _cases += by;
        Add(_phases, row.Phase, by);
        foreach (var area in row.ProblemAreas) Add(_areas, area, by);
        foreach (var flag in row.Flags) Add(_flags, flag, by);
    }

    private static void Add<TKey>(Dictionary<TKey, int> counts, TKey key, int by) where TKey : notnull
    {
        var n = counts.GetValueOrDefault(key) + by;
        if (n == 0) counts.Remove(key);
        else counts[key] = n;
    }
}
