using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// Orleans' reminder table on the embedded database's <c>reminders</c> table, so that local mode's
/// reminders outlive a restart as cluster mode's do in PostgreSQL: a case's daily flag review keeps
/// its schedule and fires for a case nobody has touched since the restart. Writes go through the
/// group-commit writer and are on disk before they are acknowledged. ETags are the row's version.
/// </summary>
public sealed class EmbeddedReminderTable(EmbeddedDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain", p => p.AddWithValue("$grain", grainId.ToString()));

    /// <summary>The rows whose grain hash is in (begin, end], or outside (end, begin] when the range wraps.</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        ReadAsync(
            begin < end
                ? $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end"
                : $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end",
            p =>
            {
                p.AddWithValue("$begin", (long)begin);
                p.AddWithValue("$end", (long)end);
            });

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_id = $grain AND reminder_name = $name", p =>
        {
            p.AddWithValue("$grain", grainId.ToString());
            p.AddWithValue("$name", reminderName);
        });
        return rows.Reminders.FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = await database.WriteAsync(new UpsertReminderRequest(entry), CancellationToken.None);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? database.WriteAsync(new RemoveReminderRequest(grainId.ToString(), reminderName, version), CancellationToken.None)
            : Task.FromResult(false);

    public Task TestOnlyClearTable() => database.WriteAsync(new ClearRemindersRequest(), CancellationToken.None);

    private async Task<ReminderTableData> ReadAsync(string sql, Action<SqliteParameterCollection> bind)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command.Parameters);
        var entries = new List<ReminderEntry>();
        using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }

        return new ReminderTableData(entries);
    }

    /// <summary>Inserts or replaces a reminder whatever its etag (Orleans' contract for upserts); yields the new etag.</summary>
    private sealed class UpsertReminderRequest(ReminderEntry entry) : WriteRequest<long>(CancellationToken.None)
    {
        private const string Upsert = """
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES ($grain, $name, $hash, $start, $period, 1)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET
                start_at = excluded.start_at, period = excluded.period, etag = reminders.etag + 1
            RETURNING etag
            """;

        public override bool IsSingleStatement => true;

        protected override long Apply(WriteSession session)
        {
            var upsert = session.Statement(Upsert);
            upsert.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            upsert.Parameters.AddWithValue("$name", entry.ReminderName);
            upsert.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            upsert.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
            upsert.Parameters.AddWithValue("$period", entry.Period.Ticks);
            return (long)upsert.ExecuteScalar()!;
        }
    }

    /// <summary>Deletes a reminder only if nobody rewrote it since <c>version</c> was read; true when it did.</summary>
    private sealed class RemoveReminderRequest(string grainId, string reminderName, long version) : WriteRequest<bool>(CancellationToken.None)
    {
        private const string Delete = "DELETE FROM reminders WHERE grain_id = $grain AND reminder_name = $name AND etag = $etag";

        public override bool IsSingleStatement => true;

        protected override bool Apply(WriteSession session)
        {
            var delete = session.Statement(Delete);
            delete.Parameters.AddWithValue("$grain", grainId);
            delete.Parameters.AddWithValue("$name", reminderName);
            delete.Parameters.AddWithValue("$etag", version);
            return delete.ExecuteNonQuery() > 0;
        }
    }

    /// <summary>Deletes every reminder; yields how many there were.</summary>
    private sealed class ClearRemindersRequest() : WriteRequest<int>(CancellationToken.None)
    {
        public override bool IsSingleStatement => true;

        protected override int Apply(WriteSession session) => session.Statement("DELETE FROM reminders").ExecuteNonQuery();
    }
}
