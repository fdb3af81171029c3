using Ipt.Cluster.Gateway.Live;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>A gateway holds one subscription per clinic while anyone watches it, and lets it go after the grace period.</summary>
[Collection(ObservedGatewayCollection.Name)]
public sealed class LiveSubscriptionTests(ObservedGatewayFactory factory)
{
    private const string Stream = $"/api/clinics/{ApiTenant.Clinic}/caseload/stream";

    [Fact]
    public async Task The_clinics_subscription_is_released_after_the_grace_period_once_the_last_browser_leaves_and_not_before()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var hub = factory.Services.GetRequiredService<CaseloadHub>();
        var clinic = GrainKey.Scoped(tenant.Id, ApiTenant.Clinic);
        var first = await SseStream.OpenAsync(tenant.Ben(), Stream);
        await using var second = await SseStream.OpenAsync(tenant.Admin(), Stream);
        Assert.Equal("snapshot", (await first.NextAsync()).Event);
        Assert.Equal("snapshot", (await second.NextAsync()).Event);
        Assert.True(hub.IsSubscribed(clinic));

        await first.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // five grace periods, with one browser still watching

        Assert.True(hub.IsSubscribed(clinic), "released while a browser still watched");
        await second.DisposeAsync();
        var until = DateTime.UtcNow.AddSeconds(5);
        while (hub.IsSubscribed(clinic) && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.False(hub.IsSubscribed(clinic), "still subscribed 5 s after the last browser left (grace period 0.3 s)");
    }
}
