using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A tenant with one clinic, one therapist and <c>case-0..case-N</c> opened, seen through an external
/// client: what the crash and failover tests write to and read back.
/// </summary>
internal sealed class CaseFixtures(string tenant, string therapist)
{
    public IClientCaseGrain Case(IGrainFactory grains, string caseId) =>
        grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(tenant, caseId).ToString());

    /// <summary>A unique person of the inventory: each write is findable in the history by its alias.</summary>
    public static RecordRelationship Relationship(string person) =>
        new(new Relationship(person, "friend", Closeness.Middle, 3, 1, "", "", true));

    public async Task SeedAsync(IGrainFactory grains, int cases)
    {
        await CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(tenant).CreateAsync($"{tenant} network"));
        CallerContext.Set(tenant, "admin", Roles.TenantAdmin);
        Assert.True((await grains.GetGrain<ITenantGrain>(tenant).AddClinicAsync("main", "Main")).Succeeded);
        Assert.True((await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(tenant, "main").ToString()).AddTherapistAsync(therapist, "Therapist", null)).Succeeded);
        CallerContext.Set(tenant, therapist, Roles.Therapist);
        for (var c = 0; c < cases; c++)
        {
            var opened = await Case(grains, $"case-{c}").ExecuteAsync(new OpenCase("main", therapist, $"client {c}", IptVariant.Standard), null);
            Assert.True(opened.Accepted, opened.Error?.ToString());
        }
        RequestContext.Clear();
    }

    public static async Task<List<RecordedEvent>> ReadHistoryAsync(IClientCaseGrain grain)
    {
        var all = new List<RecordedEvent>();
        long? after = 0;
        while (after is { } from)
        {
            var page = await grain.GetHistoryAsync(from, 500);
            all.AddRange(page.Events);
            after = page.NextAfter;
        }
        return all;
    }
}
