using Ipt.Cluster.Audit;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>Appends one audit record as one row. Never updates a row.</summary>
internal sealed class AuditAppendRequest(AuditRecord record) : WriteRequest<bool>(CancellationToken.None)
{
    private const string Insert = """
        INSERT INTO audit_log (tenant, at, user_id, role, action, resource, case_id, outcome, correlation_id)
        VALUES ($tenant, $at, $user, $role, $action, $resource, $case, $outcome, $correlation)
        """;

    private static readonly string[] Columns = ["$tenant", "$at", "$user", "$role", "$action", "$resource", "$case", "$outcome", "$correlation"];

    public override bool IsSingleStatement => true;

    protected override bool Apply(WriteSession session)
    {
        var insert = session.Statement(Insert, Columns);
        var values = insert.Parameters;
        values[0].Value = AuditColumns.Tenant(record.TenantId);
        values[1].Value = AuditColumns.Time(record.At);
        values[2].Value = (object?)record.UserId ?? DBNull.Value;
        values[3].Value = (object?)record.Role ?? DBNull.Value;
        values[4].Value = record.Action;
        values[5].Value = record.Resource;
        values[6].Value = (object?)record.CaseId ?? DBNull.Value;
        values[7].Value = AuditColumns.Outcome(record.Outcome);
        values[8].Value = record.CorrelationId;
        return insert.ExecuteNonQuery() == 1;
    }
}
