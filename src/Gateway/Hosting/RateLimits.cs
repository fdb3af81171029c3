using System.Globalization;
using System.Threading.RateLimiting;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>One token bucket: a steady rate and a burst. Bound from <c>RateLimits:PerUser</c> and <c>RateLimits:PerTenant</c>.</summary>
public sealed class BucketSettings
{
    public int PerSecond { get; set; }
    public int Burst { get; set; }
}

/// <summary>
/// Per-user and per-tenant token buckets, chained: a request needs a token from both. Anonymous
/// requests share buckets per remote address. A rejection is a 429 problem with Retry-After.
/// </summary>
public static class RateLimits
{
    public static WebApplicationBuilder AddIptRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        // Bound when the options are built, so a host's own settings (tests shrink the limits) apply.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var section = configuration.GetSection("RateLimits");
            var perUser = section.GetSection("PerUser").Get<BucketSettings>() ?? new BucketSettings { PerSecond = 100, Burst = 200 };
            var perTenant = section.GetSection("PerTenant").Get<BucketSettings>() ?? new BucketSettings { PerSecond = 1000, Burst = 2000 };
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(c => Bucket("user:" + UserPartition(c), perUser)),
                PartitionedRateLimiter.Create<HttpContext, string>(c => Bucket("tenant:" + TenantPartition(c), perTenant)));
            options.OnRejected = async (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ProblemWriter.WriteAsync(context.HttpContext, GatewayProblems.Limited());
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> Bucket(string key, BucketSettings settings) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, settings.Burst),
            TokensPerPeriod = Math.Max(1, settings.PerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static string UserPartition(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? $"{context.User.Caller().Tenant}/{context.User.Caller().UserId}"
        : "anonymous:" + context.Connection.RemoteIpAddress;

    private static string TenantPartition(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? context.User.Caller().Tenant ?? "platform"
        : "anonymous:" + context.Connection.RemoteIpAddress;
}
