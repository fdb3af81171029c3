using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Tenants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>Tenants: created by the platform admin; each tenant admin reads and configures their own.</summary>
public static class TenantsApi
{
    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        var platform = app.MapGroup("/api/tenants").WithTags("Tenants").RequireAuthorization(Policies.PlatformAdmin);
        platform.MapPost("/", CreateTenant).WithName("CreateTenant").WithSummary("Create a tenant (platform admin)");
        platform.MapGet("/{tenantId}", GetTenantById).WithName("GetTenantById").WithSummary("Read a tenant (platform admin)");

        var own = app.MapGroup("/api/tenant").WithTags("Tenants").RequireAuthorization(Policies.TenantAdmin);
        own.MapGet("/", GetOwnTenant).WithName("GetTenant").WithSummary("Read the caller's tenant");
        own.MapPut("/settings", UpdateSettings).WithName("UpdateTenantSettings").WithSummary("Replace the caller's tenant settings");
        return app;
    }

    public static async Task<Results<Created<TenantView>, ProblemHttpResult>> CreateTenant(CreateTenantRequest request, TenantGrains grains)
    {
        if (IdRules.Check(request.TenantId, "tenantId") is { } invalid) return invalid.ToResult();
        var tenant = grains.Tenant(request.TenantId);
        var outcome = await tenant.CreateAsync(request.Name);
        if (outcome.Error is { } error) return error.ToResult();
        return TypedResults.Created($"/api/tenants/{request.TenantId}", (await tenant.GetAsync())!);
    }

    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetTenantById(string tenantId, TenantGrains grains, CancellationToken aborted) =>
        IdRules.IsValid(tenantId) && await grains.Tenant(tenantId).GetAsync(aborted) is { } view
            ? TypedResults.Ok(view)
            : GatewayProblems.ResourceNotFound().ToResult();

    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> GetOwnTenant(HttpContext http, TenantGrains grains) =>
        await grains.Tenant(http.User.Caller().RequireTenant()).GetAsync(http.RequestAborted) is { } view
            ? TypedResults.Ok(view)
            : GatewayProblems.ResourceNotFound().ToResult();

    public static async Task<Results<Ok<TenantView>, ProblemHttpResult>> UpdateSettings(TenantSettings settings, HttpContext http, TenantGrains grains)
    {
        var tenant = grains.Tenant(http.User.Caller().RequireTenant());
        var outcome = await tenant.UpdateSettingsAsync(settings);
        if (outcome.Error is { } error) return error.ToResult();
        return TypedResults.Ok((await tenant.GetAsync())!);
    }
}
