using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>Who a local token is for: the token command and the tests mint tokens with this.</summary>
public sealed record TokenRequest(string User, string Role, string? Tenant, string? CaseId = null, TimeSpan? Lifetime = null);

/// <summary>Mints local-mode access tokens signed with the local key.</summary>
public sealed class TokenIssuer(SecurityKey key, TimeProvider time)
{
    public string Issue(TokenRequest request)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(TokenSettings.SubjectClaim, request.User),
            new(TokenSettings.RoleClaim, request.Role),
        };
        if (request.Tenant is { Length: > 0 } tenant) claims.Add(new(TokenSettings.TenantClaim, tenant));
        if (request.CaseId is { Length: > 0 } caseId) claims.Add(new(TokenSettings.CaseClaim, caseId));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.LocalIssuer,
            Audience = TokenSettings.LocalAudience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (request.Lifetime ?? TokenSettings.DefaultLifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
