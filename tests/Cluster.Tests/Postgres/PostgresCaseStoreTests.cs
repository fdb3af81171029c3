using System.Security.Cryptography;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.StoreContracts;
using Npgsql;
using static Ipt.Cluster.StoreContracts.StoreSamples;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>
/// The PostgreSQL case store keeps every case store's contract; here, what only a server shows:
/// commits grouped into shared transactions, and the schema's own guards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCaseStoreTests(PostgresFixture postgres) : CaseStoreContract
{
    protected override async Task<IStoresUnderTest> OpenAsync() => await PgStores.CreateAsync(postgres);

    [SkippableFact]
    public async Task Commits_to_many_cases_at_once_all_land_and_a_stale_one_among_them_fails_alone()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var cases = Enumerable.Range(0, 200).Select(_ => NewCase()).ToArray();
        await Task.WhenAll(cases.Select(c => store.Cases.CommitAsync(Commit(c, 0, count: 2))));

        // Each case gets a fresh commit (from version 2) and every fourth also a stale one (from version 1),
        // all sent together so they share group-committed transactions.
        var outcomes = await Task.WhenAll(cases.SelectMany((c, i) =>
        {
            var fresh = Outcome(() => store.Cases.CommitAsync(Commit(c, 2, note: "fresh")));
            return i % 4 == 0
                ? new[] { fresh, Outcome(() => store.Cases.CommitAsync(Commit(c, 1, note: "stale"))) }
                : new[] { fresh };
        }));

        Assert.Equal(200, outcomes.Count(o => o == "ok"));
        Assert.Equal(50, outcomes.Count(o => o == "conflict"));
        foreach (var caseKey in cases)
        {
            var history = await store.Cases.ReadHistoryAsync(caseKey, 0, 100);
            Assert.Equal([1L, 2L, 3L], history.Select(e => e.Sequence));
            Assert.Equal("fresh 3", NoteOf(history[^1]));
        }

        var (batches, commits) = store.Cases.Committed;
        Assert.True(batches < commits, $"{commits} commits took {batches} transactions: they were not grouped.");
    }

    [SkippableFact]
    public async Task A_commit_the_database_refuses_fails_alone_and_its_batch_mates_land()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var tenant = NewCase().Tenant;
        // A rule of this test's database only: one case's events break a constraint inside the batch's transaction.
        await store.ExecuteAsync("""
            CREATE FUNCTION refuse_case() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = 'check_violation'; END $f$;
            CREATE TRIGGER refuse_case BEFORE INSERT ON case_events FOR EACH ROW
                WHEN (NEW.case_id = 'case-refused') EXECUTE FUNCTION refuse_case();
            """);
        var cases = Enumerable.Range(0, 100).Select(i => GrainKey.Scoped(tenant, $"case-{i}")).ToArray();

        var commits = cases.Select(c => store.Cases.CommitAsync(Commit(c, 0))).ToList();
        var failed = Assert.ThrowsAsync<PostgresException>(() => store.Cases.CommitAsync(Commit(GrainKey.Scoped(tenant, "case-refused"), 0)));
        await Task.WhenAll(commits);

        Assert.Equal(PostgresErrorCodes.CheckViolation, (await failed).SqlState);
        foreach (var caseKey in cases) Assert.Equal(1, (await store.Cases.LoadAsync(caseKey))!.Version);
        Assert.Equal(0L, await store.ScalarAsync($"SELECT count(*) FROM case_snapshots WHERE case_id = 'case-refused'"));
    }

    [SkippableFact]
    public async Task The_database_refuses_to_change_or_remove_case_history_and_keys_it_by_tenant()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var caseKey = NewCase();
        await store.Cases.CommitAsync(Commit(caseKey, 0, count: 2));

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
        var caseKey = NewCase();
        // About 4 KB that does not compress: what a case with a few months of work weighs.
        var commit = Commit(caseKey, expectedVersion: 0);
        var heavy = commit with { Snapshot = commit.Snapshot! with { ClientAlias = Convert.ToBase64String(RandomNumberGenerator.GetBytes(3000)) } };

        await store.Cases.CommitAsync(heavy);
        await store.Cases.CommitAsync(Commit(caseKey, expectedVersion: 1) with { Snapshot = heavy.Snapshot with { CaseId = "case-1@2", Version = 2 } });

        var row = $"tenant = '{caseKey.Tenant}'";
        Assert.InRange(Convert.ToInt32(await store.ScalarAsync($"SELECT octet_length(payload) FROM case_snapshots WHERE {row}")), 4000, 8000);
        Assert.IsType<DBNull>(await store.ScalarAsync($"SELECT pg_column_compression(payload) FROM case_snapshots WHERE {row}"));
        var toast = (string)(await store.ScalarAsync("SELECT reltoastrelid::regclass::text FROM pg_class WHERE relname = 'case_snapshots'"))!;
        Assert.Equal(0L, await store.ScalarAsync($"SELECT count(*) FROM {toast}"));
        Assert.Equal(2, (await store.Cases.LoadAsync(caseKey))!.Version);
    }
}
