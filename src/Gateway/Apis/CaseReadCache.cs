using System.Collections.Concurrent;
using System.Text.Json;
using Ipt.Cluster.Cases;
using Microsoft.Extensions.Options;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>The read cache's size, bound from <c>Gateway:CaseReadCache</c>.</summary>
public sealed class CaseReadCacheOptions
{
    public const string Section = "Gateway:CaseReadCache";

    /// <summary>How many cases' JSON the gateway keeps (<c>Gateway:CaseReadCache:Entries</c>); 0 turns the cache off.</summary>
    public int Entries { get; set; } = 10_000;
}

/// <summary>A case as the API answers it: its JSON, rendered once per version.</summary>
public sealed record RenderedCase(long Version, byte[] Json);

/// <summary>
/// The JSON of recently read cases, by tenant, case and version. A case is read many times between
/// two of its commits (a therapist's screen, a supervisor's drill-down), and rendering it, and
/// copying it out of its grain, cost most of a read. The cache never decides what is current: every
/// read first asks the case grain for its scope and version (the access check needs that anyway),
/// and a rendering is served only when its version is that one, so every gateway of a cluster answers
/// the case as committed, whatever the others did. Bounded: the least recently read go first.
/// </summary>
public sealed class CaseReadCache(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<CaseReadCacheOptions> options)
{
    private readonly ConcurrentDictionary<(string Tenant, string CaseId), Entry> _entries = new();
    private readonly Lock _trimming = new();
    private readonly int _capacity = Math.Max(0, options.Value.Entries);
    private long _clock;

    /// <summary>The case's JSON at exactly this version, when it was rendered and is still kept.</summary>
    public RenderedCase? Find(string tenant, string caseId, long version)
    {
        if (!_entries.TryGetValue((tenant, caseId), out var entry) || entry.Case.Version != version) return null;
        entry.LastRead = Interlocked.Increment(ref _clock);
        return entry.Case;
    }

    /// <summary>Renders the case as the API shows it (its idempotency memory left out) and keeps it.</summary>
    public RenderedCase Render(string tenant, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rendered = new RenderedCase(state.Version,
            JsonSerializer.SerializeToUtf8Bytes(state with { RecentCommands = [] }, json.Value.SerializerOptions));
        if (_capacity == 0) return rendered;
        var entry = new Entry(rendered) { LastRead = Interlocked.Increment(ref _clock) };
        // A slower reader must not put back an older version over a newer one.
        _entries.AddOrUpdate((tenant, state.CaseId), entry, (_, kept) => kept.Case.Version > rendered.Version ? kept : entry);
        if (_entries.Count > _capacity) Trim();
        return rendered;
    }

    /// <summary>How many cases are kept now.</summary>
    public int Count => _entries.Count;

    // Drops the least recently read tenth at once, so that sorting is paid once per many renderings.
    private void Trim()
    {
        if (!_trimming.TryEnter()) return;
        try
        {
            var excess = _entries.Count - _capacity + _capacity / 10;
            if (excess <= 0) return;
            // The dictionary's own ToArray copies under its locks. LINQ's sizes an array from Count
            // and then copies, which throws when another reader adds an entry in between.
            foreach (var stale in _entries.ToArray().OrderBy(e => e.Value.LastRead).Take(excess))
                _entries.TryRemove(stale);
        }
        finally
        {
            _trimming.Exit();
        }
    }

    private sealed class Entry(RenderedCase rendered)
    {
        public RenderedCase Case { get; } = rendered;
        public long LastRead { get; set; }
    }
}
