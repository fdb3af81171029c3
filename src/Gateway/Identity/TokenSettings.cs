using Ipt.Cluster.Gateway.Hosting;

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

    /// <summary>
    /// The local signing key's file. Local mode: the data folder's key unless this is set. Cluster
    /// mode: when set, the gateway accepts tokens signed with this key (issuer and audience of local
    /// mode) instead of an OpenID Connect issuer: for a cluster on one machine and for the fault
    /// test, never for a deployment that has an identity provider.
    /// </summary>
    public const string LocalSigningKeyPathKey = "Identity:LocalSigningKeyPath";

    /// <summary>Whether the gateway validates with the local key: always in local mode, in cluster mode only when its path is set.</summary>
    public static bool UsesLocalKey(IConfiguration configuration) =>
        GatewaySettings.Mode(configuration) == GatewayMode.Local || !string.IsNullOrWhiteSpace(configuration[LocalSigningKeyPathKey]);

    /// <summary>The local signing key's file: <see cref="LocalSigningKeyPathKey"/>, else the data folder's.</summary>
    public static string SigningKeyPath(IConfiguration configuration) =>
        configuration[LocalSigningKeyPathKey] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(GatewaySettings.DataDirectory(configuration), SigningKeyFile);
}
