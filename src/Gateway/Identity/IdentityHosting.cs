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
        services.TryAddSingleton(sp => new TokenLifetime(sp.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(sp.GetRequiredService<IConfiguration>().GetValue(TokenSettings.ClockSkewKey, 5))));
        services.TryAddSingleton(sp => new ValidatedTokens(sp.GetRequiredService<TokenLifetime>()));
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<TenantGrains>();
        services.AddSingleton<CaseAccess>();
        return builder;
    }

    private sealed class ConfigureJwtBearer(IConfiguration configuration, IServiceProvider services, TimeProvider time,
        TokenLifetime lifetime, ValidatedTokens validated) : IConfigureNamedOptions<JwtBearerOptions>
    {
        public void Configure(string? name, JwtBearerOptions options)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme) return;
            options.MapInboundClaims = false;
            options.TimeProvider = time;
            var parameters = options.TokenValidationParameters;
            parameters.NameClaimType = TokenSettings.SubjectClaim;
            parameters.RoleClaimType = TokenSettings.RoleClaim;
            parameters.ClockSkew = lifetime.Skew;
            parameters.RequireExpirationTime = true;
            // The handler's own lifetime check reads the system clock; this one reads the injected
            // TimeProvider, so expiry is testable with a fake clock and consistent with the issuer.
            parameters.LifetimeValidator = (notBefore, expires, _, _) => lifetime.IsValid(notBefore, expires);
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
                // A token validated before is taken as it was then, once its lifetime is checked again.
                OnMessageReceived = context =>
                {
                    if (BearerToken(context.Request) is { } token && validated.TryGet(token, out var principal))
                    {
                        context.Principal = principal;
                        context.Success();
                    }
                    return Task.CompletedTask;
                },
                OnTokenValidated = context =>
                {
                    if (BearerToken(context.Request) is { } token && context.Principal is { } principal && context.SecurityToken is { } jwt)
                        validated.Add(token, principal, jwt.ValidFrom == DateTime.MinValue ? null : jwt.ValidFrom, jwt.ValidTo);
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await ProblemWriter.WriteAsync(context.HttpContext, GatewayProblems.Unauthenticated());
                },
                OnForbidden = context => ProblemWriter.WriteAsync(context.HttpContext, GatewayProblems.Forbidden()),
            };
        }

        public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

        // Where the JWT handler takes the token from: "Authorization: Bearer <token>".
        private static string? BearerToken(HttpRequest request)
        {
            const string scheme = "Bearer ";
            string? authorization = request.Headers.Authorization;
            return authorization is not null && authorization.Length > scheme.Length && authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
                ? authorization[scheme.Length..].Trim()
                : null;
        }
    }
}
