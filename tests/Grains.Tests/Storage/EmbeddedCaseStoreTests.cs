using Ipt.Cluster.Cases;
using Ipt.Cluster.Persistence;

namespace Ipt.Cluster.Grains.Tests.Storage;

public sealed class EmbeddedCaseStoreTests
{
    [Fact]
    public async Task A_committed_case_loads_with_its_snapshot_and_version()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();

        await store.Cases.CommitAsync(TempStore.Commit(caseKey, expectedVersion: 0, count: 2));

        var loaded = await store.Cases.LoadAsync(caseKey);
        Assert.NotNull(loaded);
        Assert.Equal(2, loaded.Version);
        Assert.Equal("case-1@2", loaded.Snapshot!.CaseId);
        Assert.Empty(loaded.Later);
    }

    [Fact]
    public async Task Commits_without_a_snapshot_load_as_the_last_snapshot_and_the_events_after_it()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 0, count: 2, snapshot: false));
        Assert.Equal([1L, 2L], (await store.Cases.LoadAsync(caseKey))!.Later.Select(e => e.Sequence));

        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 2, count: 2));
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 4, count: 1, snapshot: false));
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 5, count: 2, snapshot: false));

        var loaded = (await store.Cases.LoadAsync(caseKey))!;
        Assert.Equal("case-1@4", loaded.Snapshot!.CaseId);
        Assert.Equal([5L, 6L, 7L], loaded.Later.Select(e => e.Sequence));
        Assert.Equal(7, loaded.Version);
        var stale = await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(TempStore.Commit(caseKey, 5, snapshot: false)));
        Assert.Equal(7, stale.Actual);
        Assert.Equal(7, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
    }

    [Fact]
    public async Task A_case_never_committed_loads_as_null()
    {
        await using var store = new TempStore();

        Assert.Null(await store.Cases.LoadAsync(TempStore.NewCase()));
    }

    [Fact]
    public async Task History_pages_in_sequence_order_without_gaps()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();
        for (var version = 0; version < 25; version += 5)
        {
            await store.Cases.CommitAsync(TempStore.Commit(caseKey, version, count: 5));
        }

        var read = new List<RecordedEvent>();
        IReadOnlyList<RecordedEvent> page;
        do
        {
            page = await store.Cases.ReadHistoryAsync(caseKey, afterSequence: read.Count, limit: 7);
            read.AddRange(page);
        }
        while (page.Count == 7);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal("note 25", Assert.IsType<TestNoteEvent>(read[^1].Event).Text);
    }

    [Fact]
    public async Task A_commit_from_a_stale_version_is_refused_and_writes_nothing()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 0, count: 3));

        var conflict = await Assert.ThrowsAsync<CaseVersionConflictException>(
            () => store.Cases.CommitAsync(TempStore.Commit(caseKey, 1, count: 1, note: "stale")));

        Assert.Equal(1, conflict.Expected);
        Assert.Equal(3, conflict.Actual);
        Assert.Equal(3, (await store.Cases.LoadAsync(caseKey))!.Version);
        var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 100);
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.Sequence));
        Assert.DoesNotContain(history, e => ((TestNoteEvent)e.Event).Text.StartsWith("stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_first_commit_must_expect_version_zero()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(TempStore.Commit(caseKey, 4)));

        Assert.Null(await store.Cases.LoadAsync(caseKey));
    }

    [Fact]
    public async Task Events_numbered_out_of_order_are_rejected_before_anything_is_written()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();
        var wrong = TempStore.Commit(caseKey, 0, count: 2) with { ExpectedVersion = 1 };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.Cases.CommitAsync(wrong));

        Assert.Null(await store.Cases.LoadAsync(caseKey));
    }

    [Fact]
    public async Task Committed_cases_survive_closing_and_reopening_the_database()
    {
        await using var store = new TempStore();
        var caseKey = TempStore.NewCase();
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 0, count: 2));
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 2, count: 1));

        await store.ReopenAsync();

        Assert.Equal(3, (await store.Cases.LoadAsync(caseKey))!.Version);
        Assert.Equal(3, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
        await store.Cases.CommitAsync(TempStore.Commit(caseKey, 3));
        Assert.Equal(4, (await store.Cases.LoadAsync(caseKey))!.Version);
    }
}
