using Ipt.Cluster.Clinics;
using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>Clinics and their staff, in the caller's tenant.</summary>
public static class ClinicsApi
{
    public static IEndpointRouteBuilder MapClinicsApi(this IEndpointRouteBuilder app)
    {
        var clinics = app.MapGroup("/api/clinics").WithTags("Clinics");
        clinics.MapPost("/", CreateClinic).WithName("CreateClinic").WithSummary("Add a clinic").RequireAuthorization(Policies.TenantAdmin);
        clinics.MapGet("/{clinicId}", GetClinic).WithName("GetClinic").WithSummary("Read a clinic (tenant admin, or its supervisors)")
            .RequireAuthorization(Policies.ClinicReader);
        clinics.MapPost("/{clinicId}/supervisors", AddSupervisor).WithName("AddSupervisor").WithSummary("Add a supervisor to a clinic")
            .RequireAuthorization(Policies.TenantAdmin);
        clinics.MapPost("/{clinicId}/therapists", AddTherapist).WithName("AddTherapist").WithSummary("Add a therapist to a clinic")
            .RequireAuthorization(Policies.TenantAdmin);

        app.MapGroup("/api/therapists").WithTags("Clinics")
            .MapGet("/{therapistId}", GetTherapist).WithName("GetTherapist")
            .WithSummary("Read a therapist and their caseload (tenant admin, their supervisor, or themselves)")
            .RequireAuthorization(Policies.TherapistReader);
        return app;
    }

    public static async Task<Results<Created<ClinicView>, ProblemHttpResult>> CreateClinic(CreateClinicRequest request, HttpContext http, TenantGrains grains)
    {
        var tenant = http.User.Caller().RequireTenant();
        if (IdRules.Check(request.ClinicId, "clinicId") is { } invalid) return invalid.ToResult();
        var outcome = await grains.Tenant(tenant).AddClinicAsync(request.ClinicId, request.Name);
        if (outcome.Error is { } error) return error.ToResult();
        return TypedResults.Created($"/api/clinics/{request.ClinicId}", (await grains.Clinic(tenant, request.ClinicId)!.GetAsync())!);
    }

    public static async Task<Results<Ok<ClinicView>, ProblemHttpResult>> GetClinic(string clinicId, HttpContext http, TenantGrains grains)
    {
        var caller = http.User.Caller();
        var view = grains.Clinic(caller.RequireTenant(), clinicId) is { } clinic ? await clinic.GetAsync(http.RequestAborted) : null;
        var visible = view is not null && (caller.Is(Roles.TenantAdmin) || view.Supervisors.Any(s => s.UserId == caller.UserId));
        return visible ? TypedResults.Ok(view!) : GatewayProblems.ResourceNotFound().ToResult();
    }

    public static Task<Results<Ok<ClinicView>, ProblemHttpResult>> AddSupervisor(
        string clinicId, AddSupervisorRequest request, HttpContext http, TenantGrains grains) =>
        Staff(clinicId, http, grains, c => c.AddSupervisorAsync(request.SupervisorId, request.Name));

    public static Task<Results<Ok<ClinicView>, ProblemHttpResult>> AddTherapist(
        string clinicId, AddTherapistRequest request, HttpContext http, TenantGrains grains) =>
        Staff(clinicId, http, grains, c => c.AddTherapistAsync(request.TherapistId, request.Name, request.SupervisorId));

    public static async Task<Results<Ok<TherapistView>, ProblemHttpResult>> GetTherapist(string therapistId, HttpContext http, TenantGrains grains)
    {
        var caller = http.User.Caller();
        var view = grains.Therapist(caller.RequireTenant(), therapistId) is { } therapist ? await therapist.GetAsync(http.RequestAborted) : null;
        var visible = view is not null && caller.Role switch
        {
            Roles.TenantAdmin => true,
            Roles.Therapist => view.TherapistId == caller.UserId,
            Roles.Supervisor => view.SupervisorId == caller.UserId,
            _ => false,
        };
        return visible ? TypedResults.Ok(view!) : GatewayProblems.ResourceNotFound().ToResult();
    }

    private static async Task<Results<Ok<ClinicView>, ProblemHttpResult>> Staff(
        string clinicId, HttpContext http, TenantGrains grains, Func<IClinicGrain, Task<Outcome>> add)
    {
        if (grains.Clinic(http.User.Caller().RequireTenant(), clinicId) is not { } clinic) return GatewayProblems.ResourceNotFound().ToResult();
        var outcome = await add(clinic);
        if (outcome.Error is { } error) return error.ToResult();
        return TypedResults.Ok((await clinic.GetAsync())!);
    }
}
