using System.Net;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A gateway whose users may make 2 requests at once and 1 a second after.</summary>
public sealed class TinyRateLimitFactory() : GatewayFactory(new()
{
    ["RateLimits:PerUser:PerSecond"] = "1",
    ["RateLimits:PerUser:Burst"] = "2",
}, null);

/// <summary>A gateway (and silo) on a clock the test moves.</summary>
public sealed class FakeClockFactory() : GatewayFactory(new(), new FakeTimeProvider(DateTimeOffset.UtcNow));

public sealed class RateLimitTests(TinyRateLimitFactory factory) : IClassFixture<TinyRateLimitFactory>
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_while_others_go_on()
    {
        var tenant = await ApiTenant.CreateEmptyAsync(factory);
        var admin = tenant.Admin();

        HttpResponseMessage last = new();
        for (var i = 0; i < 5; i++) last = await admin.GetAsync("/api/tenant");

        await last.Problem(HttpStatusCode.TooManyRequests, "rate.limited");
        Assert.True(last.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing");
        await tenant.As("tenant-admin", "another-admin").GetAsync("/api/tenant").Ok();
        (await factory.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();
    }
}

public sealed class TokenExpiryTests(FakeClockFactory factory) : IClassFixture<FakeClockFactory>
{
    [Fact]
    public async Task A_token_past_its_fifteen_minutes_gets_401_problem()
    {
        var tenant = await ApiTenant.CreateEmptyAsync(factory);
        var admin = tenant.Admin();
        await admin.GetAsync("/api/tenant").Ok();

        factory.Clock!.Advance(TimeSpan.FromMinutes(16));

        await (await admin.GetAsync("/api/tenant")).Problem(HttpStatusCode.Unauthorized, "auth.unauthenticated");
        await tenant.Admin().GetAsync("/api/tenant").Ok();
    }
}
