using Ipt.Cluster.Gateway.Errors;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// JWT bearer authentication: the local signing key and issuer in local mode, any OpenID Connect
/// issuer (<c>Identity:Authority</c>, <c>Identity:Audience</c>) in cluster mode, unless
/// <c>Identity:LocalSigningKeyPath</c> names a local key (a cluster on one machine, the fault test);
/// then the policies.
/// </summary>
public static class IdentityHosting
{
    public static WebApplicationBuilder AddIptIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SecurityKey>(sp => LocalSigningKey.LoadOrCreateFile(TokenSettings.SigningKeyPath(sp.GetRequiredService<IConfiguration>())));
        services.TryAddSingleton(sp => new TokenIssuer(sp.GetRequiredService<SecurityKey>(), sp.GetRequiredService<TimeProvider>()));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<TenantGrains>();
        services.AddSingleton<CaseAccess>();
        return builder;
    }

    private sealed class ConfigureJwtBearer(IConfiguration configuration, IServiceProvider services, TimeProvider time)
        : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme) return;
            options.MapInboundClaims = false;
            options.TimeProvider = time;
            var skew = TimeSpan.FromSeconds(configuration.GetValue(TokenSettings.ClockSkewKey, 5));
            var parameters = options.TokenValidationParameters;
            parameters.NameClaimType = TokenSettings.SubjectClaim;
            parameters.RoleClaimType = TokenSettings.RoleClaim;
            parameters.ClockSkew = skew;
            parameters.RequireExpirationTime = true;
            // The handler's own lifetime check reads the system clock; this one reads the injected
            // TimeProvider, so expiry is testable with a fake clock and consistent with the issuer.
            parameters.LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && now <= exp.ToUniversalTime() + skew
                    && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - skew);
            };
            if (TokenSettings.UsesLocalKey(configuration))
            {
                parameters.ValidIssuer = TokenSettings.LocalIssuer;
                parameters.ValidAudience = TokenSettings.LocalAudience;
                parameters.IssuerSigningKey = services.GetRequiredService<SecurityKey>();
                parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            else
            {
                options.Authority = configuration[TokenSettings.AuthorityKey];
                options.Audience = configuration[TokenSettings.AudienceKey];
            }
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ProblemWriter.WriteAsync(context.HttpContext, GatewayProblems.Unauthenticated());
                },
                OnForbidden = context => ProblemWriter.WriteAsync(context.HttpContext, GatewayProblems.Forbidden()),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
    }
}
