using Ipt.Cluster.Audit;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset Start = PgStores.Start;

    [SkippableFact]
    public async Task An_appended_record_reads_back_as_written_to_the_microsecond()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        var record = new AuditRecord(
            new DateTimeOffset(2026, 11, 28, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4560),
            "dr-lee", "clinic-net", "therapist", "case.read", "/api/cases/case-7", "case-7", AuditOutcome.Success, "corr-1");

        await store.Audit.AppendAsync(record);

        var page = await store.Audit.QueryAsync(new AuditQuery("clinic-net"));
        var read = Assert.Single(page.Records);
        Assert.Equal(record, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Null(page.NextCursor);
    }

    [SkippableFact]
    public async Task Many_concurrent_appends_are_all_present_exactly_once_and_share_commits()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        const int Appenders = 64, AppendsEach = 20;

        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsEach; i++) await store.Audit.AppendAsync(PgStores.Record("t-load", correlation: $"{a}-{i}"));
        })));

        var seen = await ReadAllAsync(store.Audit, new AuditQuery("t-load", Limit: 200));
        Assert.Equal(Appenders * AppendsEach, seen.Count);
        Assert.Equal(seen.Count, seen.Select(r => r.CorrelationId).Distinct().Count());
        var (batches, records) = store.Audit.Committed;
        Assert.Equal(Appenders * AppendsEach, records);
        Assert.True(batches < records / 2, $"appends should share group commits: {records} records in {batches} commits");
    }

    [SkippableFact]
    public async Task Pages_run_newest_first_and_the_cursor_walks_them_without_duplicates_or_gaps()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        for (var i = 0; i < 23; i++) await store.Audit.AppendAsync(PgStores.Record("t-page", correlation: $"c{i}", at: Start.AddMinutes(i)));

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

    [SkippableFact]
    public async Task Filters_by_user_case_action_outcome_and_a_half_open_time_range_combine()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(PgStores.Record("t-f", "c0", user: "ann", caseId: "case-1", action: "case.read", at: Start));
        await store.Audit.AppendAsync(PgStores.Record("t-f", "c1", user: "ann", caseId: "case-2", action: "case.read", at: Start.AddHours(1)));
        await store.Audit.AppendAsync(PgStores.Record("t-f", "c2", user: "bob", caseId: "case-1", action: "case.write", at: Start.AddHours(2)));
        await store.Audit.AppendAsync(PgStores.Record("t-f", "c3", user: "bob", caseId: "case-1", action: "case.read", outcome: AuditOutcome.Denied, at: Start.AddHours(3)));

        async Task<string[]> Ids(AuditQuery query) => [.. (await store.Audit.QueryAsync(query)).Records.Select(r => r.CorrelationId)];

        Assert.Equal(["c1", "c0"], await Ids(new AuditQuery("t-f", UserId: "ann")));
        Assert.Equal(["c3", "c2", "c0"], await Ids(new AuditQuery("t-f", CaseId: "case-1")));
        Assert.Equal(["c3", "c1", "c0"], await Ids(new AuditQuery("t-f", Action: "case.read")));
        Assert.Equal(["c3"], await Ids(new AuditQuery("t-f", Outcome: AuditOutcome.Denied)));
        Assert.Equal(["c2", "c1"], await Ids(new AuditQuery("t-f", From: Start.AddHours(1), To: Start.AddHours(3))));
        Assert.Equal(["c2"], await Ids(new AuditQuery("t-f", UserId: "bob", CaseId: "case-1", Outcome: AuditOutcome.Success)));
        Assert.Equal(["c3"], await Ids(new AuditQuery("t-f", From: Start.AddHours(3).ToOffset(TimeSpan.FromHours(-5)))));
    }

    [SkippableFact]
    public async Task A_tenants_query_never_returns_another_tenants_or_tenantless_records()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(PgStores.Record("tenant-a", "a1", caseId: "case-1"));
        await store.Audit.AppendAsync(PgStores.Record("tenant-b", "b1", caseId: "case-1"));
        await store.Audit.AppendAsync(PgStores.Record(null, "anonymous", outcome: AuditOutcome.AuthenticationFailed) with { UserId = null, Role = null });

        var a = await store.Audit.QueryAsync(new AuditQuery("tenant-a", CaseId: "case-1"));
        var b = await store.Audit.QueryAsync(new AuditQuery("tenant-b"));
        var platform = await store.Audit.QueryAsync(new AuditQuery(""));

        Assert.Equal(["a1"], a.Records.Select(r => r.CorrelationId));
        Assert.Equal(["b1"], b.Records.Select(r => r.CorrelationId));
        var tenantless = Assert.Single(platform.Records);
        Assert.Null(tenantless.TenantId);
        Assert.Null(tenantless.UserId);
    }

    [SkippableTheory]
    [InlineData(0, 1)]
    [InlineData(500, PostgresAuditStore.MaxPageSize)]
    public async Task The_page_size_is_clamped_between_one_and_the_maximum(int asked, int expected)
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await Task.WhenAll(Enumerable.Range(0, 250).Select(i => store.Audit.AppendAsync(PgStores.Record("t-limit", $"c{i}"))));

        var page = await store.Audit.QueryAsync(new AuditQuery("t-limit", Limit: asked));

        Assert.Equal(expected, page.Records.Count);
        Assert.NotNull(page.NextCursor);
    }

    [SkippableFact]
    public async Task A_cursor_the_store_did_not_issue_is_refused()
    {
        await using var store = await PgStores.CreateAsync(postgres);

        await Assert.ThrowsAsync<FormatException>(() => store.Audit.QueryAsync(new AuditQuery("t", Cursor: "not base64!")));
    }

    [SkippableFact]
    public async Task The_database_itself_refuses_to_update_delete_or_truncate_audit_rows()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(PgStores.Record("t-ro", "c0"));

        foreach (var sql in new[] { "UPDATE audit_log SET outcome = 'Success'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => store.ExecuteAsync(sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Single((await store.Audit.QueryAsync(new AuditQuery("t-ro"))).Records);
    }

    [SkippableFact]
    public async Task Offboarding_erases_exactly_one_tenants_rows_and_only_when_asked_for_by_name()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(PgStores.Record("t-leaving", "l1"));
        await store.Audit.AppendAsync(PgStores.Record("t-staying", "s1"));

        var erased = await store.ExecuteAsync("BEGIN; SET LOCAL ipt.erase_tenant = 't-leaving'; DELETE FROM audit_log WHERE tenant = 't-leaving'; COMMIT;");
        await Assert.ThrowsAsync<PostgresException>(() =>
            store.ExecuteAsync("BEGIN; SET LOCAL ipt.erase_tenant = 't-leaving'; DELETE FROM audit_log; COMMIT;"));

        Assert.Equal(1, erased);
        Assert.Empty((await store.Audit.QueryAsync(new AuditQuery("t-leaving"))).Records);
        Assert.Single((await store.Audit.QueryAsync(new AuditQuery("t-staying"))).Records);
    }

    private static async Task<List<AuditRecord>> ReadAllAsync(IAuditStore store, AuditQuery query)
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
