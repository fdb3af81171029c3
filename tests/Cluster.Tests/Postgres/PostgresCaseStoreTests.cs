using System.Security.Cryptography;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseStoreTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task A_committed_case_loads_with_its_snapshot_and_version()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();

        await store.Cases.CommitAsync(PgStores.Commit(caseKey, expectedVersion: 0, count: 2));

        var loaded = await store.Cases.LoadAsync(caseKey);
        Assert.NotNull(loaded);
        Assert.Equal(2, loaded.Version);
        Assert.Equal("case-1@2", loaded.Snapshot!.CaseId);
        Assert.Empty(loaded.Later);
        Assert.Null(await store.Cases.LoadAsync(PgStores.NewCase()));
    }

    [SkippableFact]
    public async Task Commits_without_a_snapshot_load_as_the_last_snapshot_and_the_events_after_it()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 0, count: 2, snapshot: false));
        Assert.Equal([1L, 2L], (await store.Cases.LoadAsync(caseKey))!.Later.Select(e => e.Sequence));

        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 2, count: 2));
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 4, count: 1, snapshot: false));
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 5, count: 2, snapshot: false));

        var loaded = (await store.Cases.LoadAsync(caseKey))!;
        Assert.Equal("case-1@4", loaded.Snapshot!.CaseId);
        Assert.Equal([5L, 6L, 7L], loaded.Later.Select(e => e.Sequence));
        Assert.Equal(7, loaded.Version);
        var stale = await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(PgStores.Commit(caseKey, 5, snapshot: false)));
        Assert.Equal(7, stale.Actual);
        Assert.Equal(7, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
    }

    [SkippableFact]
    public async Task History_pages_in_sequence_order_without_gaps()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        for (var version = 0; version < 25; version += 5) await store.Cases.CommitAsync(PgStores.Commit(caseKey, version, count: 5));

        var read = new List<RecordedEvent>();
        IReadOnlyList<RecordedEvent> page;
        do
        {
            page = await store.Cases.ReadHistoryAsync(caseKey, afterSequence: read.Count, limit: 7);
            read.AddRange(page);
        }
        while (page.Count == 7);

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), read.Select(e => e.Sequence));
        Assert.Equal("note 25", PgStores.NoteOf(read[^1]));
    }

    [SkippableFact]
    public async Task A_commit_from_a_stale_version_is_refused_and_writes_nothing()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 0, count: 3));

        var conflict = await Assert.ThrowsAsync<CaseVersionConflictException>(
            () => store.Cases.CommitAsync(PgStores.Commit(caseKey, 1, count: 1, note: "stale")));

        Assert.Equal(1, conflict.Expected);
        Assert.Equal(3, conflict.Actual);
        Assert.Equal(3, (await store.Cases.LoadAsync(caseKey))!.Version);
        var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 100);
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.Sequence));
        Assert.DoesNotContain(history, e => PgStores.NoteOf(e).StartsWith("stale", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_first_commit_must_expect_version_zero_and_a_second_first_commit_is_refused()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();

        await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(PgStores.Commit(caseKey, 4)));
        Assert.Null(await store.Cases.LoadAsync(caseKey));

        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 0));
        var again = await Assert.ThrowsAsync<CaseVersionConflictException>(() => store.Cases.CommitAsync(PgStores.Commit(caseKey, 0, note: "again")));
        Assert.Equal(1, again.Actual);
        Assert.Single(await store.Cases.ReadHistoryAsync(caseKey, 0, 100));
    }

    [SkippableFact]
    public async Task Events_numbered_out_of_order_are_rejected_before_anything_is_written()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        var wrong = PgStores.Commit(caseKey, 0, count: 2) with { ExpectedVersion = 1 };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.Cases.CommitAsync(wrong));

        Assert.Null(await store.Cases.LoadAsync(caseKey));
    }

    [SkippableFact]
    public async Task Concurrent_commits_from_the_same_version_land_exactly_once()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 0));

        // 40 rounds of 8 writers racing from the same version: each round exactly one wins.
        for (var round = 0; round < 40; round++)
        {
            var version = round + 1;
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async w =>
            {
                try
                {
                    await store.Cases.CommitAsync(PgStores.Commit(caseKey, version, note: $"w{w}"));
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
    public async Task Commits_to_many_cases_at_once_all_land_and_a_stale_one_among_them_fails_alone()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var cases = Enumerable.Range(0, 200).Select(_ => PgStores.NewCase()).ToArray();
        await Task.WhenAll(cases.Select(c => store.Cases.CommitAsync(PgStores.Commit(c, 0, count: 2))));

        // Each case gets a fresh commit (from version 2) and every fourth also a stale one (from version 1),
        // all sent together so they share group-committed transactions.
        var outcomes = await Task.WhenAll(cases.SelectMany((c, i) =>
        {
            var fresh = Outcome(() => store.Cases.CommitAsync(PgStores.Commit(c, 2, note: "fresh")));
            return i % 4 == 0
                ? new[] { fresh, Outcome(() => store.Cases.CommitAsync(PgStores.Commit(c, 1, note: "stale"))) }
                : new[] { fresh };
        }));

        Assert.Equal(200, outcomes.Count(o => o == "ok"));
        Assert.Equal(50, outcomes.Count(o => o == "conflict"));
        foreach (var caseKey in cases)
        {
            var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 100);
            Assert.Equal([1L, 2L, 3L], history.Select(e => e.Sequence));
            Assert.Equal("fresh 3", PgStores.NoteOf(history[^1]));
        }

        var (batches, commits) = store.Cases.Committed;
        Assert.True(batches < commits, $"{commits} commits took {batches} transactions: they were not grouped.");
    }

    [SkippableFact]
    public async Task A_commit_the_database_refuses_fails_alone_and_its_batch_mates_land()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var tenant = PgStores.NewCase().Tenant;
        // A rule of this test's database only: one case's events break a constraint inside the batch's transaction.
        await store.ExecuteAsync("""
            CREATE FUNCTION refuse_case() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $f$;
            CREATE TRIGGER refuse_case BEFORE INSERT ON case_events FOR EACH ROW
                WHEN (NEW.case_id = 'case-refused') EXECUTE FUNCTION refuse_case();
            """);
        var cases = Enumerable.Range(0, 100).Select(i => GrainKey.Scoped(tenant, $"case-{i}")).ToArray();

        var commits = cases.Select(c => store.Cases.CommitAsync(PgStores.Commit(c, 0))).ToList();
        var failed = Assert.ThrowsAsync<PostgresException>(() => store.Cases.CommitAsync(PgStores.Commit(GrainKey.Scoped(tenant, "case-refused"), 0)));
        await Task.WhenAll(commits);

        Assert.Equal(PostgresErrorCodes.CheckViolation, (await failed).SqlState);
        foreach (var caseKey in cases) Assert.Equal(1, (await store.Cases.LoadAsync(caseKey))!.Version);
        Assert.Equal(0L, await store.ScalarAsync($"SELECT count(*) FROM case_snapshots WHERE case_id = 'case-refused'"));
    }

    [SkippableFact]
    public async Task The_database_refuses_to_change_or_remove_case_history_and_keys_it_by_tenant()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, 0, count: 2));

        foreach (var sql in new[] { "UPDATE case_events SET seq = seq + 10", "DELETE FROM case_events", "TRUNCATE case_events" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => store.ExecuteAsync(sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        // A duplicate sequence number is refused by the key even when written around the store.
        await Assert.ThrowsAsync<PostgresException>(() => store.ExecuteAsync(
            $"INSERT INTO case_events (tenant, case_id, seq, at, payload) VALUES ('{caseKey.Tenant}', '{caseKey.LocalId}', 2, now(), '\\x00')"));
        Assert.Equal(2, (await store.Cases.ReadHistoryAsync(caseKey, 0, 100)).Count);
        Assert.Equal("tenant", await store.ScalarAsync(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = 'case_events'::regclass AND i.indisprimary"));
    }

    private static async Task<string> Outcome(Func<Task> commit)
    {
        try
        {
            await commit();
            return "ok";
        }
        catch (CaseVersionConflictException)
        {
            return "conflict";
        }
    }

    [SkippableFact]
    public async Task A_typical_snapshot_is_stored_in_its_row_uncompressed_and_an_update_leaves_no_toast_behind()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = PgStores.NewCase();
        // About 4 KB that does not compress: what a case with a few months of work weighs.
        var commit = PgStores.Commit(caseKey, expectedVersion: 0);
        var heavy = commit with { Snapshot = commit.Snapshot! with { ClientAlias = Convert.ToBase64String(RandomNumberGenerator.GetBytes(3000)) } };

        await store.Cases.CommitAsync(heavy);
        await store.Cases.CommitAsync(PgStores.Commit(caseKey, expectedVersion: 1) with { Snapshot = heavy.Snapshot with { CaseId = "case-1@2", Version = 2 } });

        var row = $"tenant = '{caseKey.Tenant}'";
        Assert.InRange(Convert.ToInt32(await store.ScalarAsync($"SELECT octet_length(payload) FROM case_snapshots WHERE {row}")), 4000, 8000);
        Assert.IsType<DBNull>(await store.ScalarAsync($"SELECT pg_column_compression(payload) FROM case_snapshots WHERE {row}"));
        var toast = (string)(await store.ScalarAsync("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'case_snapshots'"))!;
        Assert.Equal(0L, await store.ScalarAsync($"SELECT count(*) FROM {toast}"));
        Assert.Equal(2, (await store.Cases.LoadAsync(caseKey))!.Version);
    }
}
