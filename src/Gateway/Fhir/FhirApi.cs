using System.Security.Claims;
using System.Text;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// The FHIR R4 export: one case as a Bundle, or every case of a clinic as streamed NDJSON. The
/// tenant is always the caller's ("tenant" claim), never from the URL. Both calls are audited.
/// </summary>
public static class FhirApi
{
    public const string CaseStaffPolicy = Policies.CaseStaff;
    public const string TenantAdminPolicy = Policies.TenantAdmin;
    public const string CaseExportAction = "case.fhir-export";
    public const string ClinicExportAction = "clinic.fhir-export";
    private const int HistoryPageSize = 500;

    public static RouteGroupBuilder MapFhirApi(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var api = routes.MapGroup("/api").WithTags("FHIR");
        api.MapGet("/cases/{caseId}/fhir", GetCaseBundleAsync)
            .WithName("GetCaseFhirBundle")
            .WithSummary("The case as a FHIR R4 collection Bundle (application/fhir+json).")
            .RequireAuthorization(CaseStaffPolicy)
            .Audited(CaseExportAction);
        api.MapGet("/clinics/{clinicId}/fhir-export", ExportClinic)
            .WithName("ExportClinicFhir")
            .WithSummary("Every case of the clinic as FHIR R4 NDJSON, one resource per line, streamed (application/fhir+ndjson).")
            .RequireAuthorization(TenantAdminPolicy)
            .Audited(ClinicExportAction);
        return api;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult, ForbidHttpResult>> GetCaseBundleAsync(
        string caseId, HttpContext http, [FromServices] IGrainFactory grains, [FromServices] CaseAccess access)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (UnservedFormat(http.Request, FhirJson.ContentType, "json", "application/json") is { } unserved) return unserved.ToResult();
        if (Caller(http.User) is not { } caller) return TypedResults.Forbid();
        // The gateway's own scope rules: a case out of reach answers exactly like a missing one.
        if (!IdRules.IsValid(caseId) || await access.FindScopeAsync(http.User.Caller(), caseId, http.RequestAborted) is null) return NotFound();
        CallerContext.Set(caller.Tenant, caller.ExportedBy.UserId, caller.ExportedBy.Role);
        var exported = await ReadCaseAsync(grains, caller, caseId, Now(http), http.RequestAborted);
        if (exported is null) return NotFound();
        var bundle = CaseBundleMapper.ToBundle(exported.Case, exported.History, exported.Context);
        return TypedResults.Text(FhirJson.Serialize(bundle), FhirJson.ContentType, Encoding.UTF8);
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult, ForbidHttpResult>> ExportClinic(
        string clinicId, HttpContext http, [FromServices] IGrainFactory grains)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (UnservedFormat(http.Request, FhirJson.NdjsonContentType, "ndjson", "application/ndjson") is { } unserved) return unserved.ToResult();
        if (Caller(http.User) is not { } caller) return TypedResults.Forbid();
        if (!IdRules.IsValid(clinicId)) return NotFound();
        // Checked before the stream starts, so a missing clinic is a 404, not an empty 200.
        var clinic = await Grain<IClinicGrain>(grains, caller, clinicId).GetAsync(http.RequestAborted);
        if (clinic is null) return NotFound();
        var exportedAt = Now(http);
        return TypedResults.Stream(async body =>
        {
            CallerContext.Set(caller.Tenant, caller.ExportedBy.UserId, caller.ExportedBy.Role);
            var export = new NdjsonExport();
            await WriteAsync(body, export.Header(), http.RequestAborted);
            foreach (var therapist in clinic.Therapists)
            {
                var view = await Grain<ITherapistGrain>(grains, caller, therapist.UserId).GetAsync(http.RequestAborted);
                foreach (var caseId in view?.CaseIds ?? [])
                {
                    // A case that moved to another clinic is that clinic's to export.
                    if (await ReadCaseAsync(grains, caller, caseId, exportedAt, http.RequestAborted) is { } exported && exported.Case.ClinicId == clinicId)
                        await WriteAsync(body, export.Case(exported), http.RequestAborted);
                }
            }
        }, FhirJson.NdjsonContentType);
    }

    private static async Task<CaseExport?> ReadCaseAsync(IGrainFactory grains, ExportCaller caller, string caseId, DateTimeOffset exportedAt,
        CancellationToken cancellationToken)
    {
        var grain = Grain<IClientCaseGrain>(grains, caller, caseId);
        if (await grain.GetAsync(cancellationToken) is not { } state) return null;
        var history = new List<RecordedEvent>();
        long? after = 0;
        while (after is { } from)
        {
            var page = await grain.GetHistoryAsync(from, HistoryPageSize, cancellationToken);
            history.AddRange(page.Events);
            after = page.NextAfter;
        }
        var tenant = await grains.GetGrain<ITenantGrain>(caller.Tenant).GetAsync(cancellationToken);
        var clinic = await Grain<IClinicGrain>(grains, caller, state.ClinicId).GetAsync(cancellationToken)
            ?? new ClinicView(state.ClinicId, state.ClinicId, [], [], 0);
        var therapist = await Grain<ITherapistGrain>(grains, caller, state.TherapistId).GetAsync(cancellationToken)
            ?? new TherapistView(state.TherapistId, state.ClinicId, state.TherapistId, null, []);
        var context = new FhirContext(caller.Tenant, tenant?.Name ?? caller.Tenant, clinic, therapist,
            FhirContext.SupervisorsOf(clinic, therapist), exportedAt, caller.ExportedBy);
        return new CaseExport(state, history, context);
    }

    private static async Task WriteAsync(Stream body, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
        }
        // One case at a time reaches the client: a large clinic never sits in memory whole.
        await body.FlushAsync(cancellationToken);
    }

    private static T Grain<T>(IGrainFactory grains, ExportCaller caller, string id) where T : IGrainWithStringKey =>
        grains.GetGrain<T>(GrainKey.Scoped(caller.Tenant, id).ToString());

    private static ExportCaller? Caller(ClaimsPrincipal user) =>
        user.FindFirst("tenant")?.Value is { Length: > 0 } tenant && IdRules.IsValid(tenant)
        && user.FindFirst("sub")?.Value is { Length: > 0 } sub && user.FindFirst("role")?.Value is { Length: > 0 } role
            ? new ExportCaller(tenant, new ExportingUser(sub, role))
            : null;

    private static DateTimeOffset Now(HttpContext http) =>
        (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();

    /// <summary>
    /// FHIR's <c>_format</c>, or else the <c>Accept</c> header, asks for a representation. These exports
    /// come in one (the media type first in <paramref name="served"/>, then the other names a client
    /// may use for it), so a client asking only for another (XML, say) is told so, rather than handed
    /// JSON it did not ask for. <c>_format</c> wins over <c>Accept</c>, as FHIR says, since browsers
    /// and some tools cannot set the header.
    /// </summary>
    private static Problem? UnservedFormat(HttpRequest request, params string[] served)
    {
        if (request.Query["_format"] is { Count: > 0 } asked)
        {
            var format = asked.ToString();
            return served.Contains(format.Trim(), StringComparer.OrdinalIgnoreCase)
                ? null
                : GatewayProblems.Unacceptable("_format", $"This export is served as {served[0]} only, not '{format}'.");
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0) return null;
        if (!MediaTypeHeaderValue.TryParseStrictList(request.Headers.Accept, out var ranges))
            return GatewayProblems.Invalid("Accept", $"The Accept header '{accept}' is not a list of media types.");
        // A range matches by type alone (FHIR's fhirVersion parameter does not change the representation); q=0 refuses it.
        var servedTypes = served.Where(name => name.Contains('/', StringComparison.Ordinal)).Select(name => new MediaTypeHeaderValue(name)).ToList();
        return ranges.Any(range => range.Quality is not 0 && servedTypes.Any(type => type.IsSubsetOf(new MediaTypeHeaderValue(range.MediaType))))
            ? null
            : GatewayProblems.Unacceptable("Accept", $"This export is served as {served[0]} only, not '{accept}'.");
    }

    private static ProblemHttpResult NotFound() => GatewayProblems.ResourceNotFound().ToResult();

    private sealed record ExportCaller(string Tenant, ExportingUser ExportedBy);
}
