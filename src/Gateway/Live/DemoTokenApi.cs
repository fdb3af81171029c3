using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Gateway.Seeding;
using Ipt.Cluster.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Live;

public sealed record DemoUser(string UserId, string Name, string Role, string Description);

public sealed record DemoTokenRequest(string UserId);

public sealed record DemoToken(string AccessToken, DemoUser User, DateTimeOffset ExpiresAt);

/// <summary>
/// Local mode only: the dashboard's "demo users" picker gets short-lived tokens for the seeded
/// demo tenant's staff. Mapped only when <c>Mode</c> is Local and <c>Identity:DemoTokens</c> is
/// true (its default there); cluster mode never has it, whatever the setting. Every issue is audited.
/// </summary>
public static class DemoTokenApi
{
    public const string SettingKey = "Identity:DemoTokens";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        .. DemoCatalog.Clinics.Select(c => new DemoUser(c.Supervisor.Id, c.Supervisor.Name, Roles.Supervisor, $"Supervisor, {c.Name}")),
        new DemoUser("demo-admin", "Network admin", Roles.TenantAdmin, "Tenant admin, all clinics"),
    ];

    public static bool Enabled(IConfiguration configuration) =>
        GatewaySettings.Mode(configuration) == GatewayMode.Local && configuration.GetValue(SettingKey, true);

    public static IEndpointRouteBuilder MapDemoTokenApi(this IEndpointRouteBuilder app)
    {
        if (!Enabled(app.ServiceProvider.GetRequiredService<IConfiguration>())) return app;
        var demo = app.MapGroup("/api/demo").WithTags("Demo (local mode)").AllowAnonymous();
        demo.MapGet("/users", () => TypedResults.Ok(Users)).WithName("ListDemoUsers").WithSummary("The demo tenant's staff to sign in as");
        demo.MapPost("/token", IssueToken).WithName("IssueDemoToken").WithSummary("A token for a demo user (local mode only)");
        return app;
    }

    public static Results<Ok<DemoToken>, ProblemHttpResult> IssueToken(DemoTokenRequest request, TokenIssuer issuer, TimeProvider time)
    {
        if (Users.FirstOrDefault(u => u.UserId == request.UserId) is not { } user) return GatewayProblems.ResourceNotFound().ToResult();
        var token = issuer.Issue(new TokenRequest(user.UserId, user.Role, DemoCatalog.Tenant, Lifetime: Lifetime));
        return TypedResults.Ok(new DemoToken(token, user, time.GetUtcNow() + Lifetime));
    }
}
