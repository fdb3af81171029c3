using System.Net.Http.Headers;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>
/// A fresh tenant made through the API as its users would: the platform admin creates it, its
/// admin adds a clinic with a supervisor and two therapists. Every test makes its own.
/// </summary>
public sealed class ApiTenant(GatewayFactory factory, string id)
{
    public const string Clinic = "north";
    public const string Supervisor = "s-ben";
    public const string Therapist = "t-ana";
    public const string OtherTherapist = "t-cy";

    public string Id { get; } = id;

    public static async Task<ApiTenant> CreateAsync(GatewayFactory factory)
    {
        var tenant = new ApiTenant(factory, "t" + Guid.NewGuid().ToString("N")[..12]);
        await PlatformAdmin(factory).Post("/api/tenants", new { tenantId = tenant.Id, name = "Test network" }).Ok();
        var admin = tenant.Admin();
        await admin.Post("/api/clinics", new { clinicId = Clinic, name = "North clinic" }).Ok();
        await admin.Post($"/api/clinics/{Clinic}/supervisors", new { supervisorId = Supervisor, name = "Ben" }).Ok();
        await admin.Post($"/api/clinics/{Clinic}/therapists", new { therapistId = Therapist, name = "Ana", supervisorId = Supervisor }).Ok();
        await admin.Post($"/api/clinics/{Clinic}/therapists", new { therapistId = OtherTherapist, name = "Cy", supervisorId = Supervisor }).Ok();
        return tenant;
    }

    /// <summary>A tenant with nothing in it yet: no clinic, no staff, no case.</summary>
    public static async Task<ApiTenant> CreateEmptyAsync(GatewayFactory factory)
    {
        var tenant = new ApiTenant(factory, "t" + Guid.NewGuid().ToString("N")[..12]);
        await PlatformAdmin(factory).Post("/api/tenants", new { tenantId = tenant.Id, name = "Empty network" }).Ok();
        return tenant;
    }

    public static HttpClient PlatformAdmin(GatewayFactory factory) => Client(factory, new TokenRequest("root", Roles.PlatformAdmin, null));

    public HttpClient As(string role, string user, string? caseId = null) => Client(factory, new TokenRequest(user, role, Id, caseId));

    public HttpClient Admin() => As(Roles.TenantAdmin, "admin");

    public HttpClient Ana() => As(Roles.Therapist, Therapist);

    public HttpClient Cy() => As(Roles.Therapist, OtherTherapist);

    public HttpClient Ben() => As(Roles.Supervisor, Supervisor);

    public HttpClient ClientOf(string caseId) => As(Roles.Client, "client-" + caseId, caseId);

    /// <summary>Opens a case for Ana (or another therapist of the clinic) and returns its id.</summary>
    public async Task<string> OpenCaseAsync(string caseId, string therapist = Therapist)
    {
        await As(Roles.Therapist, therapist).Post("/api/cases",
            new { caseId, clinicId = Clinic, therapistId = therapist, clientAlias = "Client " + caseId, variant = "standard" }).Ok();
        return caseId;
    }

    public static HttpClient Client(GatewayFactory factory, TokenRequest token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Tokens.Issue(token));
        return client;
    }
}
