using System.Globalization;
using System.Security.Claims;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Gateway.Apis;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Silo.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Ipt.Cluster.Gateway.Audit;

/// <summary>The auditor's read of the audit log: always of the caller's own tenant.</summary>
public static class AuditApi
{
    /// <summary>The authorization policy the gateway defines for the auditor role.</summary>
    public const string AuditorPolicy = "auditor";

    public const int DefaultPageSize = 50;

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var api = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(AuditorPolicy);
        api.MapGet("", GetAuditLogAsync)
            .WithName("GetAuditLog")
            .WithSummary("The audit log of the caller's tenant, newest first, filtered and paged by an opaque cursor.")
            .Audited(AuditActions.ReadAuditLog);
        return api;
    }

    public static async Task<Results<Ok<AuditLogPage>, ProblemHttpResult, ForbidHttpResult>> GetAuditLogAsync(
        ClaimsPrincipal caller,
        IAuditStore store,
        string? user = null,
        [FromQuery(Name = "case")] string? caseId = null,
        string? action = null,
        string? outcome = null,
        string? from = null,
        string? to = null,
        string? cursor = null,
        string? limit = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(store);
        // Never from the query: an auditor reads their own tenant's log and no other.
        if (caller.FindFirst("tenant")?.Value is not { Length: > 0 } tenant) return TypedResults.Forbid();

        // The first filter that does not parse is named, as every other endpoint names its field.
        var problems = new List<Problem>();
        var query = new AuditQuery(
            tenant,
            UserId: Blank(user),
            CaseId: Blank(caseId),
            Action: Blank(action),
            Outcome: ParseOutcome(outcome, problems),
            From: ParseTime(from, nameof(from), problems),
            To: ParseTime(to, nameof(to), problems),
            Cursor: Blank(cursor),
            Limit: ParseLimit(limit, problems));
        if (query is { From: { } start, To: { } end } && start >= end) problems.Add(GatewayProblems.Invalid("from", "'from' must be before 'to'."));
        if (problems.Count > 0) return problems[0].ToResult();

        AuditPage page;
        try
        {
            page = await store.QueryAsync(query, cancellationToken);
        }
        catch (FormatException)
        {
            return Cursor.CursorProblem().ToResult();
        }

        return TypedResults.Ok(new AuditLogPage([.. page.Records.Select(AuditLogEntry.From)], page.NextCursor));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static AuditOutcome? ParseOutcome(string? value, List<Problem> problems)
    {
        if (Blank(value) is null) return null;
        // By name only: Enum.TryParse would also take "7" or "2,3".
        var name = Enum.GetNames<AuditOutcome>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (name is not null) return Enum.Parse<AuditOutcome>(name);
        problems.Add(GatewayProblems.Invalid("outcome", $"One of {string.Join(", ", Enum.GetNames<AuditOutcome>())}."));
        return null;
    }

    private static DateTimeOffset? ParseTime(string? value, string field, List<Problem> problems)
    {
        if (Blank(value) is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        problems.Add(GatewayProblems.Invalid(field, "An ISO 8601 date and time; without an offset it is taken as UTC."));
        return null;
    }

    private static int ParseLimit(string? value, List<Problem> problems)
    {
        if (Blank(value) is null) return DefaultPageSize;
        // Above the largest page the store gives its largest; below one is no page at all.
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1) return limit;
        problems.Add(GatewayProblems.Invalid("limit", "A whole number; pages hold 1 to 200 records."));
        return DefaultPageSize;
    }
}

/// <summary>One page of the audit log; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next (older) page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditLogEntry> Records, string? NextCursor);

/// <summary>An audit record as the API shows it, the outcome by name.</summary>
public sealed record AuditLogEntry(
    DateTimeOffset At, string? User, string? Tenant, string? Role, string Action, string Resource, string? CaseId, string Outcome, string CorrelationId)
{
    public static AuditLogEntry From(AuditRecord record) => new(
        record.At, record.UserId, record.TenantId, record.Role, record.Action, record.Resource, record.CaseId, record.Outcome.ToString(), record.CorrelationId);
}
