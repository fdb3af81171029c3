using System.Collections.Concurrent;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Ipt.Bench.Run.Load;

/// <summary>
/// Real JWTs, minted with the gateway's own issuer and the signing key the gateway reads (the one in
/// its data folder, or <c>Identity:LocalSigningKeyPath</c>): what the gateway's token command does,
/// without starting a process per user.
/// </summary>
internal sealed class Tokens(SecurityKey key)
{
    private readonly TokenIssuer _issuer = new(key, TimeProvider.System);
    private readonly ConcurrentDictionary<(string Tenant, string User, string Role), string> _minted = new();

    public static Tokens FromKeyFile(string path) => new(LocalSigningKey.LoadOrCreateFile(path));

    public string For(string tenant, string user, string role) =>
        _minted.GetOrAdd((tenant, user, role), k => _issuer.Issue(new TokenRequest(k.User, k.Role, k.Tenant, null, TimeSpan.FromHours(2))));
}
