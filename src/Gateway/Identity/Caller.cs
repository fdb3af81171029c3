using System.Runtime.CompilerServices;
using System.Security.Claims;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>The authenticated caller, from the token's claims. The tenant is never taken from a URL or a body.</summary>
public sealed record Caller(string UserId, string Role, string? Tenant, string? CaseId)
{
    public bool Is(string role) => Role == role;
}

public static class CallerClaims
{
    // A request asks for its caller several times (rate limiter, request context, endpoint), and a
    // validated token's principal serves every request of that token (ValidatedTokens): read the
    // claims once per principal. Its claims never change once the JWT handler has built it.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, Caller> Known = [];

    /// <summary>The caller of an authorized request; platform admins act outside any tenant.</summary>
    public static Caller Caller(this ClaimsPrincipal principal) => Known.GetValue(principal, Read);

    private static Caller Read(ClaimsPrincipal principal)
    {
        var role = principal.FindFirstValue(TokenSettings.RoleClaim) ?? "";
        var tenant = role == Roles.PlatformAdmin ? null : principal.FindFirstValue(TokenSettings.TenantClaim);
        return new Caller(principal.FindFirstValue(TokenSettings.SubjectClaim) ?? "", role, tenant,
            principal.FindFirstValue(TokenSettings.CaseClaim));
    }

    /// <summary>The caller's tenant; policies guarantee one for every role but platform-admin.</summary>
    public static string RequireTenant(this Caller caller) =>
        caller.Tenant ?? throw new InvalidOperationException("A tenant role without a tenant passed authorization.");
}
