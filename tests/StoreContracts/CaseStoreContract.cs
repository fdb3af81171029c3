using Ipt.Cluster.Cases;
using Ipt.Cluster.Persistence;
using static Ipt.Cluster.StoreContracts.StoreSamples;

namespace Ipt.Cluster.StoreContracts;

/// <summary>
/// What every <see cref="ICaseStore"/> must do, whichever database holds the cases. Each store's
/// test class inherits these and adds what only its database can show. The facts are skippable
/// because a store may need a server this machine lacks (PostgreSQL skips locally, fails in CI).
/// </summary>
public abstract class CaseStoreContract
{
    /// <summary>Stores on a fresh database.</summary>
    protected abstract Task<IStoresUnderTest> OpenAsync();

    [SkippableFact]
    public async Task A_committed_case_loads_with_its_snapshot_and_version_and_one_never_committed_as_null()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();

        await store.Cases.CommitAsync(Commit(caseKey, expectedVersion: 0, count: 2));

        var loaded = await store.Cases.LoadAsync(caseKey);
        Assert.NotNull(loaded);
        Assert.Equal(2, loaded.Version);
        Assert.Equal("case-1@2", loaded.Snapshot!.CaseId);
        Assert.Empty(loaded.Later);
        Assert.Null(await store.Cases.LoadAsync(NewCase()));
    }

    [SkippableFact]
    public async Task Commits_without_a_snapshot_load_as_the_last_snapshot_and_the_events_after_it()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        await store.Cases.CommitAsync(Commit(caseKey, 0, count: 2, snapshot: false));
        Assert.Equal([1L, 2L], (await store.Cases.LoadAsync(caseKey))!.Later.Select(e => e.Sequence));

        await store.Cases.CommitAsync(Commit(caseKey, 2, count: 2));
        await store.Cases.CommitAsync(Commit(caseKey, 4, count: 1, snapshot: false));
        await store.Cases.CommitAsync(Commit(caseKey, 5, count: 2, snapshot: false));

        var loaded = (await store.Cases.LoadAsync(caseKey))!;
        Assert.Equal("case-1@4", loaded.Snapshot!.CaseId);
        Assert.Equal([5L, 6L, 7L], loaded.Later.Select(e => e.Sequence));
        Assert.Equal(7, loaded.Version);
        var stale = await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(Commit(caseKey, 5, snapshot: false)));
        Assert.Equal(7, stale.Actual);
        Assert.Equal(7, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
    }

    [SkippableFact]
    public async Task History_pages_in_sequence_order_without_gaps()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        for (var version = 0; version < 25; version += 5) await store.Cases.CommitAsync(Commit(caseKey, version, count: 5));

        var read = new List<RecordedEvent>();
        IReadOnlyList<RecordedEvent> page;
        do
        {
            page = await store.Cases.ReadHistoryAsync(caseKey, afterSequence: read.Count, limit: 7);
            read.AddRange(page);
        }
        while (page.Count == 7);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal("note 25", NoteOf(read[^1]));
    }

    [SkippableFact]
    public async Task A_commit_from_a_stale_version_is_refused_and_writes_nothing()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        await store.Cases.CommitAsync(Commit(caseKey, 0, count: 3));

        var conflict = await Assert.ThrowsAsync<CaseVersionConflictException>(
            () => store.Cases.CommitAsync(Commit(caseKey, 1, count: 1, note: "stale")));

        Assert.Equal(1, conflict.Expected);
        Assert.Equal(3, conflict.Actual);
        Assert.Equal(3, (await store.Cases.LoadAsync(caseKey))!.Version);
        var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 100);
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.Sequence));
        Assert.DoesNotContain(history, e => NoteOf(e).StartsWith("stale", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_first_commit_must_expect_version_zero_and_a_second_first_commit_is_refused()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(Commit(caseKey, 4)));
        Assert.Null(await store.Cases.LoadAsync(caseKey));

        await store.Cases.CommitAsync(Commit(caseKey, 0));
        var again = await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(Commit(caseKey, 0, note: "again")));
        Assert.Equal(1, again.Actual);
        Assert.Single(await store.Cases.ReadHistoryAsync(caseKey, 0, 100));
    }

    [SkippableFact]
    public async Task Events_numbered_out_of_order_are_rejected_before_anything_is_written()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        var wrong = Commit(caseKey, 0, count: 2) with { ExpectedVersion = 1 };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.Cases.CommitAsync(wrong));

        Assert.Null(await store.Cases.LoadAsync(caseKey));
    }

    [SkippableFact]
    public async Task Concurrent_commits_from_the_same_version_land_exactly_once()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        await store.Cases.CommitAsync(Commit(caseKey, 0));

        // 40 rounds of 8 writers racing from the same version: each round exactly one wins.
        for (var round = 0; round < 40; round++)
        {
            var version = round + 1;
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
            {
                try
                {
                    await store.Cases.CommitAsync(Commit(caseKey, version, note: $"w{w}"));
                    return true;
                }
                catch (CaseVersionConflictException)
                {
                    return false;
                }
            }));
            Assert.Equal(1, outcomes.Count(won => won));
        }

        var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 41).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.Equal(41, (await store.Cases.LoadAsync(caseKey))!.Version);
    }

    [SkippableFact]
    public async Task Committed_cases_survive_closing_and_reopening_the_store()
    {
        await using var store = await OpenAsync();
        var caseKey = NewCase();
        await store.Cases.CommitAsync(Commit(caseKey, 0, count: 2));
        await store.Cases.CommitAsync(Commit(caseKey, 2, count: 1, snapshot: false));

        await store.ReopenAsync();

        var loaded = (await store.Cases.LoadAsync(caseKey))!;
        Assert.Equal(3, loaded.Version);
        Assert.Equal([3L], loaded.Later.Select(e => e.Sequence));
        Assert.Equal(3, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
        await store.Cases.CommitAsync(Commit(caseKey, 3));
        Assert.Equal(4, (await store.Cases.LoadAsync(caseKey))!.Version);
    }
}
