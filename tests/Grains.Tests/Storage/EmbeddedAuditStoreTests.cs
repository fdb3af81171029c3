using System.Diagnostics;
using System.Reflection;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Grains.Tests.Storage;

public sealed class EmbeddedAuditStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_appended_record_survives_a_restart_exactly_as_written()
    {
        await using var store = new TempStore();
        var record = new AuditRecord(
            new DateTimeOffset(2026, 11, 28, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567),
            "dr-lee", "clinic-net", "therapist", "case.read", "/api/cases/case-7", "case-7", AuditOutcome.Success, "corr-1");

        await store.Audit.AppendAsync(record);
        await store.ReopenAsync();

        var page = await store.Audit.QueryAsync(new AuditQuery("clinic-net"));
        var read = Assert.Single(page.Records);
        Assert.Equal(record, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Many_concurrent_appends_are_all_present_exactly_once_and_share_commits()
    {
        await using var store = new TempStore();
        const int Appenders = 64, AppendsEach = 20;
        var batchesBefore = store.AuditLog.CommittedBatches;

        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsEach; i++) await store.Audit.AppendAsync(Record("t-load", correlation: $"{a}-{i}"));
        })));

        var seen = await ReadAllAsync(store.Audit, new AuditQuery("t-load", Limit: 200));
        Assert.Equal(Appenders * AppendsEach, seen.Count);
        Assert.Equal(seen.Count, seen.Select(r => r.CorrelationId).Distinct().Count());
        Assert.True(store.AuditLog.CommittedBatches - batchesBefore < Appenders * AppendsEach, "appends should share group commits");
    }

    [Fact]
    public async Task Pages_run_newest_first_and_the_cursor_walks_them_without_duplicates_or_gaps()
    {
        await using var store = new TempStore();
        for (var i = 0; i < 23; i++) await store.Audit.AppendAsync(Record("t-page", correlation: $"c{i}", at: Start.AddMinutes(i)));

        var pages = new List<AuditPage>();
        string? cursor = null;
        do
        {
            var page = await store.Audit.QueryAsync(new AuditQuery("t-page", Cursor: cursor, Limit: 5));
            pages.Add(page);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal([5, 5, 5, 5, 3], pages.Select(p => p.Records.Count));
        Assert.Equal(Enumerable.Range(0, 23).Reverse().Select(i => $"c{i}"), pages.SelectMany(p => p.Records).Select(r => r.CorrelationId));
    }

    [Fact]
    public async Task Filters_by_user_case_action_outcome_and_a_half_open_time_range_combine()
    {
        await using var store = new TempStore();
        await store.Audit.AppendAsync(Record("t-f", "c0", user: "ann", caseId: "case-1", action: "case.read", at: Start));
        await store.Audit.AppendAsync(Record("t-f", "c1", user: "ann", caseId: "case-2", action: "case.read", at: Start.AddHours(1)));
        await store.Audit.AppendAsync(Record("t-f", "c2", user: "bob", caseId: "case-1", action: "case.write", at: Start.AddHours(2)));
        await store.Audit.AppendAsync(Record("t-f", "c3", user: "bob", caseId: "case-1", action: "case.read", outcome: AuditOutcome.Denied, at: Start.AddHours(3)));

        async Task<string[]> Ids(AuditQuery query) => [.. (await store.Audit.QueryAsync(query)).Records.Select(r => r.CorrelationId)];

        Assert.Equal(["c1", "c0"], await Ids(new AuditQuery("t-f", UserId: "ann")));
        Assert.Equal(["c3", "c2", "c0"], await Ids(new AuditQuery("t-f", CaseId: "case-1")));
        Assert.Equal(["c3", "c1", "c0"], await Ids(new AuditQuery("t-f", Action: "case.read")));
        Assert.Equal(["c3"], await Ids(new AuditQuery("t-f", Outcome: AuditOutcome.Denied)));
        Assert.Equal(["c2", "c1"], await Ids(new AuditQuery("t-f", From: Start.AddHours(1), To: Start.AddHours(3))));
        Assert.Equal(["c2"], await Ids(new AuditQuery("t-f", UserId: "bob", CaseId: "case-1", Outcome: AuditOutcome.Success)));
        // A time given in another offset means the same instant.
        Assert.Equal(["c3"], await Ids(new AuditQuery("t-f", From: Start.AddHours(3).ToOffset(TimeSpan.FromHours(-5)))));
    }

    [Fact]
    public async Task A_tenants_query_never_returns_another_tenants_or_tenantless_records()
    {
        await using var store = new TempStore();
        await store.Audit.AppendAsync(Record("tenant-a", "a1", caseId: "case-1"));
        await store.Audit.AppendAsync(Record("tenant-b", "b1", caseId: "case-1"));
        await store.Audit.AppendAsync(Record(null, "anonymous", outcome: AuditOutcome.AuthenticationFailed) with { UserId = null, Role = null });

        var a = await store.Audit.QueryAsync(new AuditQuery("tenant-a", CaseId: "case-1"));
        var b = await store.Audit.QueryAsync(new AuditQuery("tenant-b"));
        var platform = await store.Audit.QueryAsync(new AuditQuery(""));

        Assert.Equal(["a1"], a.Records.Select(r => r.CorrelationId));
        Assert.Equal(["b1"], b.Records.Select(r => r.CorrelationId));
        var tenantless = Assert.Single(platform.Records);
        Assert.Null(tenantless.TenantId);
        Assert.Equal(AuditOutcome.AuthenticationFailed, tenantless.Outcome);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(500, EmbeddedAuditStore.MaxPageSize)]
    public async Task The_page_size_is_clamped_between_one_and_the_maximum(int asked, int expected)
    {
        await using var store = new TempStore();
        await Task.WhenAll(Enumerable.Range(0, 250).Select(i => store.Audit.AppendAsync(Record("t-limit", $"c{i}"))));

        var page = await store.Audit.QueryAsync(new AuditQuery("t-limit", Limit: asked));

        Assert.Equal(expected, page.Records.Count);
        Assert.NotNull(page.NextCursor);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAA")]
    public async Task A_cursor_the_store_did_not_issue_is_refused(string cursor)
    {
        await using var store = new TempStore();

        await Assert.ThrowsAsync<FormatException>(() => store.Audit.QueryAsync(new AuditQuery("t", Cursor: cursor)));
    }

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

    internal static AuditRecord Record(
        string? tenant, string correlation, string? user = "user-1", string? caseId = null, string action = "case.read",
        AuditOutcome outcome = AuditOutcome.Success, DateTimeOffset? at = null) =>
        new(at ?? Start, user, tenant, "therapist", action, caseId is null ? "/api/things" : $"/api/cases/{caseId}", caseId, outcome, correlation);

    internal static async Task<List<AuditRecord>> ReadAllAsync(IAuditStore store, AuditQuery query)
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
