using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// Brings the audit log's by-case index (its own file) up to the log's newest record: the records
/// after the index's mark, read from the log through a reader of its own, get their entries, and
/// the mark moves to the newest one read, in one transaction of the index's file. Queued by
/// <see cref="EmbeddedAuditLog"/> once a batch of records has been appended, and run at open.
/// </summary>
internal sealed class AuditCaseIndexRequest(EmbeddedDatabase log) : WriteRequest<long>(CancellationToken.None)
{
    private const string Mark = "SELECT id FROM audit_log_cases_through";

    private const string NewRecords = "SELECT id, tenant, case_id FROM audit_log WHERE id > $mark ORDER BY id";

    private const string AddEntry = "INSERT INTO audit_log_cases (tenant, case_id, id) VALUES ($tenant, $case, $id)";

    private const string MoveMark = "UPDATE audit_log_cases_through SET id = $id";

    private static readonly string[] EntryColumns = ["$tenant", "$case", "$id"];

    private static readonly string[] MarkColumns = ["$id"];

    /// <summary>Returns the new mark: the id of the newest record indexed.</summary>
    protected override long Apply(WriteSession session)
    {
        var mark = (long)session.Statement(Mark).ExecuteScalar()!;
        using var reader = log.OpenReader();
        using var read = reader.CreateCommand();
        read.CommandText = NewRecords;
        read.Parameters.AddWithValue("$mark", mark);
        var add = session.Statement(AddEntry, EntryColumns);
        using (var records = read.ExecuteReader())
        {
            while (records.Read())
            {
                mark = records.GetInt64(0);
                if (records.IsDBNull(2)) continue;
                add.Parameters[0].Value = records.GetString(1);
                add.Parameters[1].Value = records.GetString(2);
                add.Parameters[2].Value = mark;
                add.ExecuteNonQuery();
            }
        }

        var move = session.Statement(MoveMark, MarkColumns);
        move.Parameters[0].Value = mark;
        move.ExecuteNonQuery();
        return mark;
    }

    /// <summary>The same at open, on the index file's connection before its writer starts.</summary>
    public static void RunAtOpen(SqliteConnection index, EmbeddedDatabase log)
    {
        using var session = new WriteSession(index);
        var request = new AuditCaseIndexRequest(log);
        session.Begin();
        request.Execute(session);
        session.Commit();
    }
}
