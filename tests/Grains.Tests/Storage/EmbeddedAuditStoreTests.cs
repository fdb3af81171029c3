using System.Diagnostics;
using System.Reflection;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Embedded;
using Ipt.Cluster.StoreContracts;
using Microsoft.Data.Sqlite;
using static Ipt.Cluster.StoreContracts.StoreSamples;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>
/// The embedded audit store keeps every audit store's contract; here, what only its SQLite files
/// show: the rows refuse change, earlier layouts move forward, and the by-case index in its own file.
/// </summary>
public sealed class EmbeddedAuditStoreTests : AuditStoreContract
{
    protected override int MaxPageSize => EmbeddedAuditStore.MaxPageSize;

    protected override Task<IStoresUnderTest> OpenAsync() => Task.FromResult<IStoresUnderTest>(new TempStore());

    [Fact]
    public void The_audit_store_offers_no_way_to_change_or_remove_a_record()
    {
        var members = typeof(IAuditStore).GetMethods().Concat(typeof(EmbeddedAuditStore).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.Name).Distinct().Order();

        Assert.Equal(["AppendAsync", "QueryAsync"], members);
    }

    [Fact]
    public async Task The_database_itself_refuses_to_update_or_delete_audit_rows()
    {
        await using var store = new TempStore();
        await store.Audit.AppendAsync(Record("t-ro", "c0"));

        using var connection = new SqliteConnection($"Data Source={store.AuditLog.Database.FilePath}");
        connection.Open();
        foreach (var sql in new[] { "UPDATE audit_log SET outcome = 'Success'", "DELETE FROM audit_log" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            var refused = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
            Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        }

        Assert.Single((await store.Audit.QueryAsync(new AuditQuery("t-ro"))).Records);
    }

    [Fact]
    public Task Records_written_before_the_audit_log_had_its_own_file_are_moved_into_it_with_their_ids_and_appends_follow_them() =>
        InDataFolderAsync(async folder =>
        {
            // A data folder of the previous layout: the audit log inside the main file.
            WriteAuditFile(Path.Combine(folder, EmbeddedDatabase.FileName), EmbeddedSchema.Main.Apply, """
                ('t-old', '2026-03-02T09:00:00.0000000Z', 'ann', 'therapist', 'case.read', '/api/cases/c1', 'c1', 'Success', 'before-1'),
                ('t-old', '2026-03-02T09:01:00.0000000Z', 'ann', 'therapist', 'case.read', '/api/cases/c1', 'c1', 'Success', 'before-2')
                """);

            for (var open = 0; open < 2; open++)
            {
                // Opened twice: the move happens once, never twice.
                await using var log = new EmbeddedAuditLog(new EmbeddedStoreOptions { DataDirectory = folder });
                var audit = new EmbeddedAuditStore(log);
                if (open == 0) await audit.AppendAsync(Record("t-old", "after-1"));

                var read = await ReadAllAsync(audit, new AuditQuery("t-old"));
                Assert.Equal(["after-1", "before-2", "before-1"], read.Select(r => r.CorrelationId));
            }
        });

    [Fact]
    public async Task A_cases_records_are_read_whole_and_newest_first_across_the_edge_of_the_by_case_index()
    {
        // Every fifth append queues a batch of the index: once the one after the 20th has run, 3
        // more records stay after the mark, and the case's pages must join both parts seamlessly.
        await using var store = new TempStore(caseIndexBatch: 5);
        Task Append(int i) => store.Audit.AppendAsync(Record("t-edge", $"c{i}", caseId: i % 2 == 0 ? "case-1" : "case-2"));
        for (var i = 0; i < 20; i++) await Append(i);
        for (var waited = Stopwatch.StartNew(); IndexedThrough(store.AuditLog) < 20; await Task.Delay(20))
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the index batch after the 20th record did not run");
        for (var i = 20; i < 23; i++) await Append(i);
        Assert.Equal(20, IndexedThrough(store.AuditLog));

        var pages = new List<AuditPage>();
        for (string? cursor = null; pages.Count == 0 || cursor is not null; cursor = pages[^1].NextCursor)
            pages.Add(await store.Audit.QueryAsync(new AuditQuery("t-edge", CaseId: "case-1", Cursor: cursor, Limit: 3)));

        Assert.Equal([3, 3, 3, 3], pages.Select(p => p.Records.Count));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"c{22 - 2 * i}"), pages.SelectMany(p => p.Records).Select(r => r.CorrelationId));
        Assert.Equal(["c21", "c19"], (await store.Audit.QueryAsync(new AuditQuery("t-edge", CaseId: "case-2", Limit: 2))).Records.Select(r => r.CorrelationId));
        // Filters apply to both parts alike.
        var mine = await store.Audit.QueryAsync(new AuditQuery("t-edge", CaseId: "case-1", Action: "case.write"));
        Assert.Empty(mine.Records);
    }

    [Fact]
    public async Task Records_appended_after_the_last_index_batch_are_indexed_when_the_log_opens_again()
    {
        await using var store = new TempStore(caseIndexBatch: 1000);
        for (var i = 0; i < 7; i++) await store.Audit.AppendAsync(Record("t-open", $"c{i}", caseId: "case-1"));
        Assert.Equal(0, IndexedThrough(store.AuditLog));

        await store.ReopenAsync();

        Assert.Equal(7, IndexedThrough(store.AuditLog));
        var read = await ReadAllAsync(store.Audit, new AuditQuery("t-open", CaseId: "case-1", Limit: 2));
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"c{i}"), read.Select(r => r.CorrelationId));
    }

    [Fact]
    public Task A_lost_by_case_index_is_rebuilt_from_the_log_when_it_opens() =>
        InDataFolderAsync(async folder =>
        {
            var options = new EmbeddedStoreOptions { DataDirectory = folder };
            await using (var log = new EmbeddedAuditLog(options, caseIndexBatch: 2))
            {
                for (var i = 0; i < 5; i++) await new EmbeddedAuditStore(log).AppendAsync(Record("t-lost", $"c{i}", caseId: "case-1"));
            }

            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(folder, EmbeddedSchema.AuditCases.FileName + "*")) File.Delete(file);

            await using var reopened = new EmbeddedAuditLog(options);
            Assert.Equal(5, IndexedThrough(reopened));
            var read = await ReadAllAsync(new EmbeddedAuditStore(reopened), new AuditQuery("t-lost", CaseId: "case-1"));
            Assert.Equal(Enumerable.Range(0, 5).Reverse().Select(i => $"c{i}"), read.Select(r => r.CorrelationId));
        });

    [Fact]
    public Task A_log_written_with_its_by_case_index_kept_row_by_row_is_indexed_in_full_when_opened() =>
        InDataFolderAsync(async folder =>
        {
            // The audit file at schema version 1: the index on audit_log itself, no batches.
            WriteAuditFile(Path.Combine(folder, EmbeddedSchema.Audit.FileName), old => EmbeddedSchema.Audit.Apply(old, 1), """
                ('t-v1', '2026-03-02T09:00:00.0000000Z', 'ann', 'therapist', 'case.read', '/api/cases/c1', 'c1', 'Success', 'v1-1'),
                ('t-v1', '2026-03-02T09:01:00.0000000Z', 'ann', 'therapist', 'case.read', '/api/cases/c2', 'c2', 'Success', 'v1-2'),
                ('t-v1', '2026-03-02T09:02:00.0000000Z', 'ann', 'therapist', 'case.read', '/api/cases/c1', 'c1', 'Success', 'v1-3')
                """);

            await using var log = new EmbeddedAuditLog(new EmbeddedStoreOptions { DataDirectory = folder });
            var audit = new EmbeddedAuditStore(log);
            await audit.AppendAsync(Record("t-v1", "v2-1", caseId: "c1"));

            Assert.Equal(3, IndexedThrough(log));
            Assert.Equal(["v2-1", "v1-3", "v1-1"], (await ReadAllAsync(audit, new AuditQuery("t-v1", CaseId: "c1"))).Select(r => r.CorrelationId));
            using var reader = log.Database.OpenReader();
            Assert.Equal(0L, Scalar(reader, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'audit_log_by_tenant_case'"));
        });

    // A fresh data folder for the test, deleted after it (the pooled SQLite handles released first).
    private static async Task InDataFolderAsync(Func<string, Task> test)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-store-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await test(folder);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // A file of an earlier layout or schema (made by `schema`) holding these audit_log rows.
    private static void WriteAuditFile(string path, Action<SqliteConnection> schema, string rows)
    {
        using var old = new SqliteConnection($"Data Source={path};Pooling=False");
        old.Open();
        schema(old);
        using var insert = old.CreateCommand();
        insert.CommandText = "INSERT INTO audit_log (tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id) VALUES " + rows;
        insert.ExecuteNonQuery();
    }

    // The id of the newest record the by-case index holds.
    private static long IndexedThrough(EmbeddedAuditLog log)
    {
        using var reader = log.CaseIndex.OpenReader();
        return Scalar(reader, "SELECT id FROM audit_log_cases_through");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
