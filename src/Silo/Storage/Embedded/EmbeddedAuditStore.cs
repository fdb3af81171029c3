using System.Text;
using Ipt.Cluster.Audit;
using Microsoft.Data.Sqlite;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// The audit log in the <c>audit_log</c> table of its own embedded file (<see cref="EmbeddedAuditLog"/>).
/// Appends go through that file's group-commit writer, so concurrent appends share one fsync'd
/// transaction; an append completes only after that commit. There is no update or delete.
/// Records without a tenant (an authentication failure with no valid token) are stored under the
/// tenant value <c>""</c>: no tenant's auditor sees them, since queries always name one tenant and
/// the auditor API takes it from the caller's token; they are the platform operator's to read.
/// </summary>
public sealed class EmbeddedAuditStore(EmbeddedAuditLog log) : IAuditStore
{
    /// <summary>The largest page a query returns; larger limits are clamped to it.</summary>
    public const int MaxPageSize = 200;

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Action);
        ArgumentException.ThrowIfNullOrEmpty(record.Resource);
        ArgumentException.ThrowIfNullOrEmpty(record.CorrelationId);
        _ = AuditColumns.Outcome(record.Outcome);
        return log.Database.WriteAsync(new AuditAppendRequest(record), cancellationToken);
    }

    /// <summary>
    /// One tenant's records, newest (last appended) first. <see cref="AuditQuery.From"/> is
    /// inclusive and <see cref="AuditQuery.To"/> exclusive; <see cref="AuditQuery.Limit"/> is
    /// clamped to 1..<see cref="MaxPageSize"/>. A cursor this store did not issue throws
    /// <see cref="FormatException"/>.
    /// </summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.TenantId);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);

        using var connection = log.Database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = BuildSelect(query, command.Parameters);
        command.Parameters.AddWithValue("$limit", limit + 1); // one more tells whether a next page exists

        var records = new List<AuditRecord>(limit);
        long lastId = 0;
        var more = false;
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (records.Count == limit)
            {
                more = true;
                break;
            }

            lastId = reader.GetInt64(0);
            records.Add(Read(reader));
        }

        return new AuditPage(records, more ? AuditColumns.Cursor(lastId) : null);
    }

    // Only the filters given become conditions, so SQLite can pick the (tenant, case_id, id) index
    // for a case filter and walk (tenant, id) backwards otherwise.
    private static string BuildSelect(AuditQuery query, SqliteParameterCollection parameters)
    {
        var sql = new StringBuilder(
            "SELECT id, tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id FROM audit_log WHERE tenant = $tenant");
        parameters.AddWithValue("$tenant", query.TenantId);
        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.AddWithValue(name, value);
        }

        if (query.Cursor is { } cursor) Where("id < $before", "$before", AuditColumns.CursorOf(cursor));
        if (query.UserId is { } user) Where("user_id = $user", "$user", user);
        if (query.CaseId is { } caseId) Where("case_id = $case", "$case", caseId);
        if (query.Action is { } action) Where("action = $action", "$action", action);
        if (query.Outcome is { } outcome) Where("outcome = $outcome", "$outcome", AuditColumns.Outcome(outcome));
        if (query.From is { } from) Where("at >= $from", "$from", AuditColumns.Time(from));
        if (query.To is { } to) Where("at < $to", "$to", AuditColumns.Time(to));
        return sql.Append(" ORDER BY id DESC LIMIT $limit").ToString();
    }

    private static AuditRecord Read(SqliteDataReader row) => new(
        At: AuditColumns.TimeOf(row.GetString(2)),
        UserId: row.IsDBNull(3) ? null : row.GetString(3),
        TenantId: AuditColumns.TenantOf(row.GetString(1)),
        Role: row.IsDBNull(4) ? null : row.GetString(4),
        Action: row.GetString(5),
        Resource: row.GetString(6),
        CaseId: row.IsDBNull(7) ? null : row.GetString(7),
        Outcome: AuditColumns.OutcomeOf(row.GetString(8)),
        CorrelationId: row.GetString(9));
}
