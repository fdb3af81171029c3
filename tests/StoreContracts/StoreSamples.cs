using Ipt.Cluster.Audit;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage;

namespace Ipt.Cluster.StoreContracts;

/// <summary>What the store tests write: cases of their own tenant, note-like events, audit records.</summary>
public static class StoreSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A case in a tenant of its own, so tests sharing a database never see each other's rows.</summary>
    public static GrainKey NewCase() => GrainKey.Scoped("t-" + Guid.NewGuid().ToString("N")[..8], "case-1");

    /// <summary>
    /// A commit of <paramref name="count"/> events on top of <paramref name="expectedVersion"/>, each
    /// reading "note N" (<see cref="NoteOf"/>). It carries a snapshot whose case id tells which commit
    /// wrote it ("case-1@3"), unless <paramref name="snapshot"/> is false.
    /// </summary>
    public static CaseCommit Commit(GrainKey caseKey, long expectedVersion, int count = 1, string note = "note", bool snapshot = true)
    {
        var events = Enumerable.Range(1, count)
            .Select(i => new RecordedEvent(expectedVersion + i, DateTimeOffset.UtcNow, Actor.System, Note($"{note} {expectedVersion + i}")))
            .ToArray();
        return new CaseCommit(caseKey, expectedVersion, events, snapshot ? Snapshot($"{caseKey.LocalId}@{expectedVersion + count}", expectedVersion + count) : null);
    }

    /// <summary>A minimal case snapshot at <paramref name="version"/>.</summary>
    public static CaseState Snapshot(string caseId, long version = 1) => new()
    {
        CaseId = caseId, ClinicId = "clinic-1", TherapistId = "therapist-1", ClientAlias = "client", Version = version,
    };

    /// <summary>The text a <see cref="Commit"/> event carries.</summary>
    public static string NoteOf(RecordedEvent recorded) => ((RelationshipRecorded)recorded.Event).Relationship.PersonAlias;

    // A product event with a free-text field, so the stores serialize what they serialize in use.
    private static RelationshipRecorded Note(string text) => new(new Relationship(text, "friend", Closeness.Middle, 3, 1, "", "", true));

    public static AuditRecord Record(
        string? tenant, string correlation, string? user = "user-1", string? caseId = null, string action = "case.read",
        AuditOutcome outcome = AuditOutcome.Success, DateTimeOffset? at = null) =>
        new(at ?? Start, user, tenant, "therapist", action, caseId is null ? "/api/things" : $"/api/cases/{caseId}", caseId, outcome, correlation);

    /// <summary>Every record the query matches, following its cursor to the end.</summary>
    public static async Task<List<AuditRecord>> ReadAllAsync(IAuditStore store, AuditQuery query)
    {
        var all = new List<AuditRecord>();
        for (string? cursor = null; ;)
        {
            var page = await store.QueryAsync(query with { Cursor = cursor });
            all.AddRange(page.Records);
            if ((cursor = page.NextCursor) is null) return all;
        }
    }
}
