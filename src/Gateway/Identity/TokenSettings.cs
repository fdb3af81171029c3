namespace Ipt.Cluster.Gateway.Identity;

/// <summary>The claims and names the gateway's tokens use, in local mode and from an OpenID Connect issuer alike.</summary>
public static class TokenSettings
{
    public const string LocalIssuer = "ipt-local";
    public const string LocalAudience = "ipt-api";
    public const string SigningKeyFile = "gateway-signing.key";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(15);

    public const string SubjectClaim = "sub";
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";
    /// <summary>A client's link token is scoped to one case.</summary>
    public const string CaseClaim = "case";

    public const string AuthorityKey = "Identity:Authority";
    public const string AudienceKey = "Identity:Audience";
    public const string ClockSkewKey = "Identity:ClockSkewSeconds";
}
