using Ipt.Cluster.Live;

namespace Ipt.Cluster.Domain.Caseload;

/// <summary>
/// What the projection makes of the batches of one message: at most one delta (every change in
/// it), and the cases whose batches skipped sequences, whose rows the caller must rebuild.
/// </summary>
public sealed record ProjectionOutcome(CaseloadDelta? Delta, IReadOnlyList<string> Gaps);

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
    /// Applies the committed batches of one message as one change. A batch whose first event
    /// follows the row's last sequence is applied; one already applied is a repeat and ignored;
    /// one that skips sequences is a gap: that case's row is not trusted (nor its later batches
    /// in this message), and the caller must read the case (<see cref="Rebuild"/>). The delta is
    /// stamped with the earliest commit it carries, so a reader's lag counts from the oldest news.
    /// </summary>
    public ProjectionOutcome Apply(IReadOnlyList<CaseEventsCommitted> batches)
    {
        var changed = new Dictionary<string, CaseloadRow>(StringComparer.Ordinal);
        var gaps = new List<string>();
        var ticker = new List<TickerItem>();
        DateTimeOffset? oldest = null;
        foreach (var batch in batches)
        {
            if (batch.Events.Count == 0 || gaps.Contains(batch.CaseId)) continue;
            var known = changed.TryGetValue(batch.CaseId, out var pending) ? pending.CaseVersion
                : _rows.TryGetValue(batch.CaseId, out var row) ? row.CaseVersion : 0;
            if (batch.Events[^1].Sequence <= known) continue;
            if (batch.Events[0].Sequence != known + 1)
            {
                gaps.Add(batch.CaseId);
                continue;
            }
            changed[batch.CaseId] = batch.Row;
            ticker.AddRange(TickerItems.From(batch.CaseId, batch.Events));
            oldest = oldest is { } o && o <= batch.CommittedAt ? o : batch.CommittedAt;
        }
        return new(oldest is { } at ? Change([.. changed.Values], ticker, at) : null, gaps);
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
        return Change([row], [], now);
    }

    /// <summary>Loads a row without a delta: the rows read when the clinic activates, before anyone listens.</summary>
    public void Load(CaseloadRow row)
    {
        _counts.Replace(_rows.GetValueOrDefault(row.CaseId), row);
        _rows[row.CaseId] = row;
    }

    public CaseloadSnapshot Snapshot(DateTimeOffset now) =>
        new(clinicId, Version, now, [.. _rows.Values.OrderBy(r => r.CaseId, StringComparer.Ordinal)], _counts.Snapshot(), [.. _ticker]);

    private CaseloadDelta Change(IReadOnlyList<CaseloadRow> rows, List<TickerItem> ticker, DateTimeOffset now)
    {
        foreach (var row in rows)
        {
            _counts.Replace(_rows.GetValueOrDefault(row.CaseId), row);
            _rows[row.CaseId] = row;
        }
        foreach (var item in ticker)
        {
            _ticker.AddLast(item);
            if (_ticker.Count > TickerKept) _ticker.RemoveFirst();
        }
        return new CaseloadDelta(clinicId, ++Version, now, rows, [], _counts.Snapshot(), ticker);
    }
}
