using Ipt.Cluster.Audit;
using Ipt.Cluster.Silo.Storage;
using static Ipt.Cluster.StoreContracts.StoreSamples;

namespace Ipt.Cluster.StoreContracts;

/// <summary>
/// What every <see cref="IAuditStore"/> must do, whichever database holds the trail: records read
/// back as written, all of them, in pages, filtered, never across tenants. Each store's test class
/// inherits these and adds what only its database can show (that it refuses to change a row).
/// </summary>
public abstract class AuditStoreContract
{
    /// <summary>Stores on a fresh database.</summary>
    protected abstract Task<IStoresUnderTest> OpenAsync();

    /// <summary>The most records one page may hold.</summary>
    protected abstract int MaxPageSize { get; }

    [SkippableFact]
    public async Task An_appended_record_survives_a_restart_as_written_to_the_microsecond()
    {
        await using var store = await OpenAsync();
        var record = new AuditRecord(
            new DateTimeOffset(2026, 11, 28, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4560),
            "dr-lee", "clinic-net", "therapist", "case.read", "/api/cases/case-7", "case-7", AuditOutcome.Success, "corr-1");

        await store.Audit.AppendAsync(record);
        await store.ReopenAsync();

        var page = await store.Audit.QueryAsync(new AuditQuery("clinic-net"));
        var read = Assert.Single(page.Records);
        Assert.Equal(record, read);
        Assert.Equal(TimeSpan.Zero, read.At.Offset);
        Assert.Null(page.NextCursor);
    }

    [SkippableFact]
    public async Task Many_concurrent_appends_are_all_present_exactly_once_and_share_commits()
    {
        await using var store = await OpenAsync();
        const int Appenders = 64, AppendsEach = 20;
        var commitsBefore = store.AuditCommits;

        await Task.WhenAll(Enumerable.Range(0, Appenders).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsEach; i++) await store.Audit.AppendAsync(Record("t-load", correlation: $"{a}-{i}"));
        })));

        var seen = await ReadAllAsync(store.Audit, new AuditQuery("t-load", Limit: 200));
        Assert.Equal(Appenders * AppendsEach, seen.Count);
        Assert.Equal(seen.Count, seen.Select(r => r.CorrelationId).Distinct().Count());
        var commits = store.AuditCommits - commitsBefore;
        Assert.True(commits < Appenders * AppendsEach / 2, $"appends should share group commits: {seen.Count} records in {commits} commits");
    }

    [SkippableFact]
    public async Task Pages_run_newest_first_and_the_cursor_walks_them_without_duplicates_or_gaps()
    {
        await using var store = await OpenAsync();
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

    [SkippableFact]
    public async Task Filters_by_user_case_action_outcome_and_a_half_open_time_range_combine()
    {
        await using var store = await OpenAsync();
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

    [SkippableFact]
    public async Task A_tenants_query_never_returns_another_tenants_or_tenantless_records()
    {
        await using var store = await OpenAsync();
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
        Assert.Null(tenantless.UserId);
        Assert.Equal(AuditOutcome.AuthenticationFailed, tenantless.Outcome);
    }

    [SkippableFact]
    public async Task The_page_size_is_clamped_between_one_and_the_maximum()
    {
        await using var store = await OpenAsync();
        await Task.WhenAll(Enumerable.Range(0, MaxPageSize + 50).Select(i => store.Audit.AppendAsync(Record("t-limit", $"c{i}"))));

        foreach (var (asked, expected) in new[] { (0, 1), (-5, 1), (MaxPageSize + 1, MaxPageSize), (int.MaxValue, MaxPageSize) })
        {
            var page = await store.Audit.QueryAsync(new AuditQuery("t-limit", Limit: asked));

            Assert.True(expected == page.Records.Count, $"a limit of {asked} gave {page.Records.Count} records, not {expected}");
            Assert.NotNull(page.NextCursor);
        }
    }

    [SkippableTheory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAA")]
    public async Task A_cursor_the_store_did_not_issue_is_refused(string cursor)
    {
        await using var store = await OpenAsync();

        await Assert.ThrowsAsync<FormatException>(() => store.Audit.QueryAsync(new AuditQuery("t", Cursor: cursor)));
    }
}
