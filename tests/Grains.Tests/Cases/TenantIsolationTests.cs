using Ipt.Cluster.Grains.Tests.Infrastructure;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_call_with_a_forged_tenant_is_denied_by_the_silo()
    {
        var victim = await TestTenant.CreateAsync(fixture.Grains);
        var attacker = await TestTenant.CreateAsync(fixture.Grains);
        await victim.Do("case-secret", Open());

        await Assert.ThrowsAsync<TenantIsolationException>(() =>
            CallerContext.RunAs(attacker.Id, "mallory", Roles.Therapist, () => victim.Case("case-secret").GetAsync()));
        await Assert.ThrowsAsync<TenantIsolationException>(() =>
            CallerContext.RunAs(attacker.Id, "mallory", Roles.TenantAdmin, () => fixture.Grains.GetGrain<ITenantGrain>(victim.Id).GetAsync()));
    }

    [Fact]
    public async Task A_call_without_a_caller_is_denied()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await Assert.ThrowsAsync<TenantIsolationException>(() => tenant.Case("case-any").GetAsync());
    }

    [Fact]
    public async Task A_platform_admin_reaches_tenant_grains_but_not_their_cases()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        var view = await CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => fixture.Grains.GetGrain<ITenantGrain>(tenant.Id).GetAsync());
        Assert.Equal("Test network", view!.Name);
        await Assert.ThrowsAsync<TenantIsolationException>(() =>
            CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => tenant.Case("case-any").GetAsync()));
    }
}
