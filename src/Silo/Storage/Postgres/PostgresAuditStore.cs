using System.Text;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Silo.Storage.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// The audit log in PostgreSQL's <c>audit_log</c>, with the embedded store's query semantics: one
/// tenant per query, optional filters, newest (last appended) first, an opaque cursor, From
/// inclusive and To exclusive, the limit clamped to 1..<see cref="MaxPageSize"/>. Appends are
/// group-committed (<see cref="PostgresAuditWriter"/>) and complete after COMMIT. The database
/// refuses UPDATE and DELETE. Times keep microseconds (PostgreSQL's precision).
/// </summary>
public sealed class PostgresAuditStore : IAuditStore, IAsyncDisposable
{
    /// <summary>The largest page a query returns; larger limits are clamped to it.</summary>
    public const int MaxPageSize = EmbeddedAuditStore.MaxPageSize;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresAuditWriter _writer;

    public PostgresAuditStore(PostgresDatabase database, ILogger<PostgresAuditStore>? logger = null, IptMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _dataSource = database.DataSource;
        _writer = new PostgresAuditWriter(_dataSource, database.Options.AuditBatchSize, (ILogger?)logger ?? NullLogger.Instance, metrics);
    }

    /// <summary>Committed batches and records since start (for measurement).</summary>
    public (long Batches, long Records) Committed => _writer.Committed;

    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        AuditColumns.ThrowIfIncomplete(record);
        return _writer.AppendAsync(record, cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.TenantId);
        var limit = Math.Clamp(query.Limit, 1, MaxPageSize);

        await using var command = _dataSource.CreateCommand();
        command.CommandText = BuildSelect(query, command.Parameters);
        command.Parameters.AddWithValue("limit", limit + 1); // one more tells whether a next page exists

        var records = new List<AuditRecord>(limit);
        long lastId = 0;
        var more = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
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

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    // Only the filters given become conditions, so the planner walks (tenant, id) or
    // (tenant, case_id, id) backwards.
    private static string BuildSelect(AuditQuery query, NpgsqlParameterCollection parameters)
    {
        var sql = new StringBuilder(
            "SELECT id, tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id FROM audit_log WHERE tenant = @tenant");
        parameters.AddWithValue("tenant", query.TenantId);
        void Where(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.AddWithValue(name, value);
        }

        if (query.Cursor is { } cursor) Where("id < @before", "before", AuditColumns.CursorOf(cursor));
        if (query.UserId is { } user) Where("user_id = @user", "user", user);
        if (query.CaseId is { } caseId) Where("case_id = @case", "case", caseId);
        if (query.Action is { } action) Where("action = @action", "action", action);
        if (query.Outcome is { } outcome) Where("outcome = @outcome", "outcome", AuditColumns.Outcome(outcome));
        if (query.From is { } from) Where("at >= @from", "from", from.UtcDateTime);
        if (query.To is { } to) Where("at < @to", "to", to.UtcDateTime);
        return sql.Append(" ORDER BY id DESC LIMIT @limit").ToString();
    }

    private static AuditRecord Read(NpgsqlDataReader row) => new(
        At: new DateTimeOffset(row.GetFieldValue<DateTime>(2), TimeSpan.Zero),
        UserId: row.IsDBNull(3) ? null : row.GetString(3),
        TenantId: AuditColumns.TenantOf(row.GetString(1)),
        Role: row.IsDBNull(4) ? null : row.GetString(4),
        Action: row.GetString(5),
        Resource: row.GetString(6),
        CaseId: row.IsDBNull(7) ? null : row.GetString(7),
        Outcome: AuditColumns.OutcomeOf(row.GetString(8)),
        CorrelationId: row.GetString(9));
}
