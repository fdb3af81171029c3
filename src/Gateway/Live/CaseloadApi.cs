using System.Globalization;
using System.Text.Json;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>A clinic side by side with the others in a network roll-up.</summary>
public sealed record ClinicCaseload(string ClinicId, string Name, long Version, CaseloadCounts Counts);

/// <summary>
/// The live caseloads: a clinic's snapshot and its Server-Sent Events stream (snapshot, then
/// deltas; id = version; <c>Last-Event-ID</c> resumes), and the roll-up of every clinic in the
/// caller's scope. Supervisors see the clinics they supervise, tenant admins all of theirs.
/// </summary>
public static class CaseloadApi
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static IEndpointRouteBuilder MapCaseloadApi(this IEndpointRouteBuilder app)
    {
        var clinic = app.MapGroup("/api/clinics/{clinicId}/caseload").WithTags("Live caseload").RequireAuthorization(Policies.ClinicReader);
        clinic.MapGet("/", GetCaseload).WithName("GetCaseload").WithSummary("A clinic's live caseload, with its version");
        clinic.MapGet("/stream", StreamCaseload).WithName("StreamCaseload")
            .WithSummary("Server-Sent Events: the snapshot, then versioned deltas; Last-Event-ID resumes");

        var network = app.MapGroup("/api/caseload").WithTags("Live caseload").RequireAuthorization(Policies.ClinicReader);
        network.MapGet("/", GetRollUp).WithName("GetCaseloadRollUp").WithSummary("Every clinic in the caller's scope side by side");
        network.MapGet("/stream", StreamRollUp).WithName("StreamCaseloadRollUp")
            .WithSummary("Server-Sent Events: each clinic's counts as they change");
        return app;
    }

    public static async Task<Results<Ok<CaseloadSnapshot>, ProblemHttpResult>> GetCaseload(string clinicId, HttpContext http, ClinicScope scope, TenantGrains grains)
    {
        var caller = http.User.Caller();
        if (!await scope.MayWatchAsync(caller, clinicId, http.RequestAborted)) return GatewayProblems.ResourceNotFound().ToResult();
        var snapshot = await grains.Clinic(caller.RequireTenant(), clinicId)!.GetCaseloadAsync(http.RequestAborted);
        return snapshot is null ? GatewayProblems.ResourceNotFound().ToResult() : TypedResults.Ok(snapshot);
    }

    public static async Task<IResult> StreamCaseload(string clinicId, HttpContext http, ClinicScope scope, CaseloadHub hub)
    {
        var caller = http.User.Caller();
        if (!await scope.MayWatchAsync(caller, clinicId, http.RequestAborted)) return GatewayProblems.ResourceNotFound().ToResult();
        var key = GrainKey.Scoped(caller.RequireTenant(), clinicId);
        var connection = await hub.ConnectAsync(key, LastEventId(http));
        return new EventStreamResult(connection,
            f => (f.Kind, f.Version.ToString(CultureInfo.InvariantCulture), f.Json),
            () => hub.DisconnectAsync(key, connection));
    }

    public static async Task<Ok<IReadOnlyList<ClinicCaseload>>> GetRollUp(HttpContext http, ClinicScope scope, TenantGrains grains)
    {
        var caller = http.User.Caller();
        var clinics = await scope.ClinicsAsync(caller, http.RequestAborted);
        var rows = await Task.WhenAll(clinics.Select(async c =>
            await grains.Clinic(caller.RequireTenant(), c.ClinicId)!.GetCaseloadAsync(http.RequestAborted) is { } s ? new ClinicCaseload(c.ClinicId, c.Name, s.Version, s.Counts) : null));
        return TypedResults.Ok<IReadOnlyList<ClinicCaseload>>([.. rows.OfType<ClinicCaseload>()]);
    }

    /// <summary>One subscription per clinic is shared here too; an empty scope answers 404 rather than an empty stream that never ends.</summary>
    public static async Task<IResult> StreamRollUp(HttpContext http, ClinicScope scope, CaseloadHub hub, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var caller = http.User.Caller();
        var clinics = await scope.ClinicsAsync(caller, http.RequestAborted);
        if (clinics.Count == 0) return GatewayProblems.ResourceNotFound().ToResult();
        var names = clinics.ToDictionary(c => c.ClinicId, c => c.Name, StringComparer.Ordinal);
        var keys = clinics.Select(c => GrainKey.Scoped(caller.RequireTenant(), c.ClinicId)).ToList();
        var connection = new CaseloadConnection();
        foreach (var key in keys) await hub.ConnectAsync(key, null, connection);
        var options = json.Value.SerializerOptions;
        return new EventStreamResult(connection,
            f => ("clinic", f.ClinicId + ":" + f.Version.ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new ClinicCaseload(f.ClinicId, names.GetValueOrDefault(f.ClinicId, f.ClinicId), f.Version, f.Counts), options)),
            async () =>
            {
                foreach (var key in keys) await hub.DisconnectAsync(key, connection);
            });
    }

    private static long? LastEventId(HttpContext http) =>
        long.TryParse(http.Request.Headers[LastEventIdHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
