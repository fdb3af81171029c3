using Ipt.Cluster.Silo.Storage.Embedded;

namespace Ipt.Cluster.Grains.Tests.Storage;

/// <summary>The embedded reminder table against Orleans' <see cref="IReminderTable"/> contract, and across a restart.</summary>
public sealed class EmbeddedReminderTableTests
{
    private static readonly DateTime StartAt = new(2026, 12, 4, 9, 30, 15, 123, DateTimeKind.Utc);

    private static ReminderEntry Entry(string caseKey, string name = "review-flags", TimeSpan? period = null) => new()
    {
        GrainId = GrainId.Create("clientcase", caseKey),
        ReminderName = name,
        StartAt = StartAt,
        Period = period ?? TimeSpan.FromDays(1),
    };

    [Fact]
    public async Task An_upserted_reminder_reads_back_exactly_and_each_upsert_gives_a_new_etag()
    {
        await using var store = new TempStore();
        var table = new EmbeddedReminderTable(store.Database);
        var entry = Entry("t1/case-1");

        var first = await table.UpsertRow(entry);
        var second = await table.UpsertRow(Entry("t1/case-1", period: TimeSpan.FromHours(12)));

        Assert.NotEqual(first, second);
        var read = await table.ReadRow(entry.GrainId, entry.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(entry.GrainId, read.GrainId);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromHours(12), read.Period);
        Assert.Equal(second, read.ETag);
        Assert.Single((await table.ReadRows(entry.GrainId)).Reminders);
    }

    [Fact]
    public async Task A_reminder_never_written_reads_as_null()
    {
        await using var store = new TempStore();
        var table = new EmbeddedReminderTable(store.Database);

        Assert.Null(await table.ReadRow(GrainId.Create("clientcase", "t1/none"), "review-flags"));
        Assert.Empty((await table.ReadRows(GrainId.Create("clientcase", "t1/none"))).Reminders);
    }

    [Fact]
    public async Task A_remove_with_a_stale_etag_keeps_the_row_and_one_with_the_current_etag_deletes_it()
    {
        await using var store = new TempStore();
        var table = new EmbeddedReminderTable(store.Database);
        var entry = Entry("t1/case-2");
        var stale = await table.UpsertRow(entry);
        var current = await table.UpsertRow(entry);

        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, stale!));
        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, "not-an-etag"));
        Assert.NotNull(await table.ReadRow(entry.GrainId, entry.ReminderName));

        Assert.True(await table.RemoveRow(entry.GrainId, entry.ReminderName, current!));
        Assert.Null(await table.ReadRow(entry.GrainId, entry.ReminderName));
        Assert.False(await table.RemoveRow(entry.GrainId, entry.ReminderName, current!));
    }

    [Fact]
    public async Task Range_reads_return_exactly_the_rows_whose_grain_hash_is_in_the_range_wrapping_or_not()
    {
        await using var store = new TempStore();
        var table = new EmbeddedReminderTable(store.Database);
        var entries = Enumerable.Range(0, 40).Select(i => Entry($"t1/case-{i}")).ToList();
        foreach (var entry in entries) await table.UpsertRow(entry);
        var hashes = entries.Select(e => e.GrainId.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        await AssertRangeAsync(low, high, h => h > low && h <= high);
        await AssertRangeAsync(high, low, h => h > high || h <= low);
        await AssertRangeAsync(low, low, _ => true);
        await AssertRangeAsync(uint.MinValue, uint.MaxValue, h => h > uint.MinValue);

        async Task AssertRangeAsync(uint begin, uint end, Func<uint, bool> inRange)
        {
            var expected = entries.Where(e => inRange(e.GrainId.GetUniformHashCode())).Select(e => e.GrainId).Order().ToList();
            var read = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId).Order().ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, read);
        }
    }

    [Fact]
    public async Task Reminders_outlive_a_restart_of_the_store()
    {
        await using var store = new TempStore();
        var entry = Entry("t1/case-3");
        var etag = await new EmbeddedReminderTable(store.Database).UpsertRow(entry);

        await store.ReopenAsync();

        var read = await new EmbeddedReminderTable(store.Database).ReadRow(entry.GrainId, entry.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(entry.Period, read.Period);
    }

    [Fact]
    public async Task Clearing_the_table_removes_every_reminder()
    {
        await using var store = new TempStore();
        var table = new EmbeddedReminderTable(store.Database);
        await table.UpsertRow(Entry("t1/case-4"));
        await table.UpsertRow(Entry("t2/case-5"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
    }
}
