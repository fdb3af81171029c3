using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>Opening, reading and listing cases, and a case's history.</summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").WithTags("Cases");

        api.MapPost("/", OpenCase).WithName("OpenCase").WithSummary("Open a case (intake)").RequireAuthorization(Policies.CaseWriter);
        api.MapGet("/", ListCases).WithName("ListCases").WithSummary("Cases the caller may see, paged").RequireAuthorization(Policies.CaseReader);
        api.MapGet("/{caseId}", GetCase).WithName("GetCase").WithSummary("Read a case").RequireAuthorization(Policies.CaseStaff);
        api.MapGet("/{caseId}/history", GetHistory).WithName("GetCaseHistory").WithSummary("A case's committed events, paged").RequireAuthorization(Policies.CaseStaff);
        return app;
    }

    public static async Task<Results<Created<CommandResponse>, ProblemHttpResult>> OpenCase(
        OpenCaseRequest request, HttpContext http, TenantGrains grains, CaseAccess access)
    {
        var caller = http.User.Caller();
        if ((IdRules.Check(request.CaseId, "caseId") ?? IdRules.Check(request.ClinicId, "clinicId") ?? IdRules.Check(request.TherapistId, "therapistId")) is { } invalid)
            return invalid.ToResult();
        http.Items[AuditEndpointFilter.CaseItem] = request.CaseId;
        if (!await access.MayOpenAsync(caller, request.ClinicId, request.TherapistId)) return GatewayProblems.ResourceNotFound().ToResult();
        var grain = grains.Case(caller.RequireTenant(), request.CaseId)!;
        var result = await grain.ExecuteAsync(new Cases.OpenCase(request.ClinicId, request.TherapistId, request.ClientAlias, request.Variant),
            CaseCommandRunner.IdempotencyKey(http));
        if (result.Error is { } error) return error.ToResult();
        if (result.Replayed) http.Response.Headers[CaseCommandRunner.ReplayedHeader] = "true";
        return TypedResults.Created($"/api/cases/{request.CaseId}", CommandResponse.From(request.CaseId, result));
    }

    /// <summary>
    /// The case as committed: its scope and version from its grain first (access is decided on them),
    /// then its JSON as rendered for that version, or the whole case from the grain when this version
    /// was not rendered yet.
    /// </summary>
    public static async Task<Results<CaseJsonResult, ProblemHttpResult>> GetCase(string caseId, HttpContext http, CaseAccess access, CaseReadCache cache)
    {
        var caller = http.User.Caller();
        if (await access.FindScopeAsync(caller, caseId, http.RequestAborted) is not { } found) return GatewayProblems.ResourceNotFound().ToResult();
        var tenant = caller.RequireTenant();
        var rendered = cache.Find(tenant, caseId, found.Scope.Version)
            ?? (await found.Grain.GetAsync(http.RequestAborted) is { } state ? cache.Render(tenant, state) : null);
        return rendered is null
            ? GatewayProblems.ResourceNotFound().ToResult()
            : new CaseJsonResult(rendered, CaseJsonResult.Matches(http.Request, rendered.Version));
    }

    public static async Task<Results<Ok<Page<EventView>>, ProblemHttpResult>> GetHistory(
        string caseId, string? cursor, int? limit, HttpContext http, CaseAccess access)
    {
        if (!Cursor.TryDecode(cursor, out long after)) return Cursor.CursorProblem().ToResult();
        if (!Cursor.TryLimit(limit, out var size)) return Cursor.LimitProblem().ToResult();
        if (await access.FindScopeAsync(http.User.Caller(), caseId, http.RequestAborted) is not { } found) return GatewayProblems.ResourceNotFound().ToResult();
        var page = await found.Grain.GetHistoryAsync(after, size, http.RequestAborted);
        var next = page.NextAfter is { } n ? Cursor.Encode(n) : null;
        return TypedResults.Ok(new Page<EventView>([.. page.Events.Select(EventView.From)], next));
    }

    public static async Task<Results<Ok<Page<CaseSummary>>, ProblemHttpResult>> ListCases(
        string? cursor, int? limit, HttpContext http, Caseload caseload)
    {
        if (!Cursor.TryDecode(cursor, out string after)) return Cursor.CursorProblem().ToResult();
        if (!Cursor.TryLimit(limit, out var size)) return Cursor.LimitProblem().ToResult();
        var caller = http.User.Caller();
        var ids = (await caseload.CaseIdsAsync(caller, http.RequestAborted)).Where(id => string.CompareOrdinal(id, after) > 0).Order(StringComparer.Ordinal).ToList();
        var summaries = await caseload.SummariesAsync(caller, ids.Take(size), http.RequestAborted);
        var next = ids.Count > size ? Cursor.Encode(ids[size - 1]) : null;
        return TypedResults.Ok(new Page<CaseSummary>(summaries, next));
    }
}
