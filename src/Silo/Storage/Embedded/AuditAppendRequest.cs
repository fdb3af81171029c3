using Ipt.Cluster.Audit;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>Appends one audit record as one row; yields the row id. Never updates a row.</summary>
internal sealed class AuditAppendRequest(AuditRecord record) : WriteRequest<long>(CancellationToken.None)
{
    private const string Insert = """
        INSERT INTO audit_log (tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id)
        VALUES ($tenant, $at, $user, $role, $action, $resource, $case, $outcome, $correlation)
        RETURNING id
        """;

    public override bool IsSingleStatement => true;

    protected override long Apply(WriteSession session)
    {
        var insert = session.Statement(Insert);
        var parameters = insert.Parameters;
        parameters.AddWithValue("$tenant", AuditColumns.Tenant(record.TenantId));
        parameters.AddWithValue("$at", AuditColumns.Time(record.At));
        parameters.AddWithValue("$user", (object?)record.UserId ?? DBNull.Value);
        parameters.AddWithValue("$role", (object?)record.Role ?? DBNull.Value);
        parameters.AddWithValue("$action", record.Action);
        parameters.AddWithValue("$resource", record.Resource);
        parameters.AddWithValue("$case", (object?)record.CaseId ?? DBNull.Value);
        parameters.AddWithValue("$outcome", AuditColumns.Outcome(record.Outcome));
        parameters.AddWithValue("$correlation", record.CorrelationId);
        return (long)insert.ExecuteScalar()!;
    }
}
