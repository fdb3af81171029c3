using System.Security.Claims;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Silo.Storage;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>
/// Writes one audit record for one request: who (from the caller's "sub", "tenant" and "role"
/// claims; null when the request is not authenticated), what, when (UTC, from the injected clock),
/// and the correlation id. <see cref="RecordAsync"/> completes only when the record is durable; if
/// it cannot be written it throws <see cref="AuditWriteException"/> and the request must fail
/// (<see cref="AuditServiceExtensions.AddAuditTrail"/> registers a handler that answers 503).
/// </summary>
public sealed class AuditTrail(IAuditStore store, TimeProvider time)
{
    private static readonly object RecordedKey = new();

    public async Task RecordAsync(HttpContext context, string action, string resource, string? caseId, AuditOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Marked before the append: one request leaves one record, and a failed append is not
        // retried by the failure response that follows it.
        context.Items[RecordedKey] = true;

        var caller = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var record = new AuditRecord(
            time.GetUtcNow(), UserOf(caller), caller?.FindFirst("tenant")?.Value, RolesOf(caller),
            action, resource, caseId, outcome, CorrelationMiddleware.Of(context));
        try
        {
            // Not the request's abort token: work already done for a caller who hung up is still audited.
            await store.AppendAsync(record, CancellationToken.None);
        }
        catch (Exception error)
        {
            throw new AuditWriteException($"The audit record of '{action}' on '{resource}' could not be written.", error);
        }
    }

    /// <summary>Whether this request's audit record has already been written (or attempted).</summary>
    public static bool IsRecorded(HttpContext context) => context.Items.ContainsKey(RecordedKey);

    // JwtBearer maps "sub" and "role" to the long ClaimTypes names unless MapInboundClaims is off: accept both.
    private static string? UserOf(ClaimsPrincipal? caller) =>
        caller?.FindFirst("sub")?.Value ?? caller?.FindFirst(ClaimTypes.NameIdentifier)?.Value;

    private static string? RolesOf(ClaimsPrincipal? caller)
    {
        if (caller is null) return null;
        var roles = caller.Claims.Where(static c => c.Type is "role" or ClaimTypes.Role).Select(static c => c.Value).Distinct().ToArray();
        return roles.Length == 0 ? null : string.Join(',', roles);
    }
}

/// <summary>The audit record could not be written, so the request it audits must fail.</summary>
public sealed class AuditWriteException(string message, Exception inner) : Exception(message, inner);
