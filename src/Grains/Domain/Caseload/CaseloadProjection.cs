using Ipt.Cluster.Live;

namespace Ipt.Cluster.Domain.Caseload;

/// <summary>What the projection makes of one committed batch: a delta to publish, a gap to heal, or nothing (a repeat).</summary>
public sealed record ProjectionOutcome(CaseloadDelta? Delta, bool GapDetected);

/// <summary>
/// A clinic's live caseload: a row per case, the counts, the recent ticker and a version that
/// grows by exactly one with every change. Pure: the clinic grain feeds it batches and rows read
/// from the cases, and publishes the deltas it returns.
/// </summary>
public sealed class CaseloadProjection(string clinicId, long initialVersion)
{
    public const int TickerKept = 50;

    private readonly Dictionary<string, CaseloadRow> _rows = new(StringComparer.Ordinal);
    private readonly CaseloadCounter _counts = new();
    private readonly LinkedList<TickerItem> _ticker = new();

    public long Version { get; private set; } = initialVersion;

    public int Count => _rows.Count;

    /// <summary>
    /// Applies a committed batch. A batch whose first event follows the row's last sequence is a
    /// change; one already applied is a repeat; one that skips sequences is a gap: the row is
    /// not trusted and the caller must read the case (<see cref="Rebuild"/>).
    /// </summary>
    public ProjectionOutcome Apply(CaseEventsCommitted batch)
    {
        if (batch.Events.Count == 0) return new(null, false);
        var known = _rows.TryGetValue(batch.CaseId, out var row) ? row.CaseVersion : 0;
        var first = batch.Events[0].Sequence;
        var last = batch.Events[^1].Sequence;
        if (last <= known) return new(null, false);
        if (first != known + 1) return new(null, true);
        var ticker = TickerItems.From(batch.CaseId, batch.Events).ToList();
        // Stamped with the commit time, so a reader measures commit-to-screen lag from it.
        return new(Change(batch.Row, ticker, batch.CommittedAt), false);
    }

    /// <summary>Replaces a row with one read from the case (after a gap or on activation); null removes it.</summary>
    public CaseloadDelta? Rebuild(string caseId, CaseloadRow? row, DateTimeOffset now)
    {
        var old = _rows.GetValueOrDefault(caseId);
        if (old == row || (old is not null && row is not null && old.CaseVersion == row.CaseVersion)) return null;
        if (row is null)
        {
            _rows.Remove(caseId);
            _counts.Replace(old, null);
            return new CaseloadDelta(clinicId, ++Version, now, [], [caseId], _counts.Snapshot(), []);
        }
        return Change(row, [], now);
    }

    /// <summary>Loads a row without a delta: the rows read when the clinic activates, before anyone listens.</summary>
    public void Load(CaseloadRow row)
    {
        _counts.Replace(_rows.GetValueOrDefault(row.CaseId), row);
        _rows[row.CaseId] = row;
    }

    public CaseloadSnapshot Snapshot(DateTimeOffset now) =>
        new(clinicId, Version, now, [.. _rows.Values.OrderBy(r => r.CaseId, StringComparer.Ordinal)], _counts.Snapshot(), [.. _ticker]);

    private CaseloadDelta Change(CaseloadRow row, List<TickerItem> ticker, DateTimeOffset now)
    {
        _counts.Replace(_rows.GetValueOrDefault(row.CaseId), row);
        _rows[row.CaseId] = row;
        foreach (var item in ticker)
        {
            _ticker.AddLast(item);
            if (_ticker.Count > TickerKept) _ticker.RemoveFirst();
        }
        return new CaseloadDelta(clinicId, ++Version, now, [row], [], _counts.Snapshot(), ticker);
    }
}
