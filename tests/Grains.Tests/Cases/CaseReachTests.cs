using Ipt.Cluster.Cases;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Cases;

/// <summary>A command sent with the caller's reach runs only on a case within it; otherwise the case does not exist to the caller.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseReachTests(ClusterFixture fixture)
{
    public static TheoryData<string, CaseReach> Within => new()
    {
        { "any case of the tenant", CaseReach.AnyCase },
        { "the case itself", CaseReach.OnlyCase("case-reach") },
        { "its therapist", CaseReach.OfTherapist(TestTenant.Therapist) },
        { "its clinic", CaseReach.InClinic(TestTenant.Clinic) },
    };

    public static TheoryData<string, CaseReach> Outside => new()
    {
        { "another case", CaseReach.OnlyCase("case-other") },
        { "another therapist", CaseReach.OfTherapist("t-other") },
        { "another clinic", CaseReach.InClinic("south") },
        { "its therapist in another clinic", new CaseReach(null, TestTenant.Therapist, "south") },
    };

    [Theory]
    [MemberData(nameof(Within))]
    public async Task A_command_within_the_reach_is_executed(string reachName, CaseReach reach)
    {
        var (tenant, before) = await OpenedCaseAsync();

        var result = await tenant.AsTherapist(() => tenant.Case("case-reach").ExecuteWithinAsync(reach, Phq9Total(12), null));

        Assert.True(result?.Accepted, $"refused within {reachName}: {result?.Error}");
        Assert.Equal(before.Version + result!.Events.Count, (await tenant.Read("case-reach"))!.Version);
    }

    [Theory]
    [MemberData(nameof(Outside))]
    public async Task A_command_outside_the_reach_finds_no_case_and_changes_nothing(string reachName, CaseReach reach)
    {
        var (tenant, before) = await OpenedCaseAsync();

        var result = await tenant.AsTherapist(() => tenant.Case("case-reach").ExecuteWithinAsync(reach, Phq9Total(12), "key-1"));

        Assert.True(result is null, $"executed outside {reachName}");
        var after = await tenant.Read("case-reach");
        Assert.Equal(before.Version, after!.Version);
        Assert.Equal(before.Measures.Count, after.Measures.Count);
    }

    [Fact]
    public async Task A_case_never_opened_finds_nothing_even_for_any_reach()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);

        var result = await tenant.AsAdmin(() => tenant.Case("case-never").ExecuteWithinAsync(CaseReach.AnyCase, Session(1), null));

        Assert.Null(result);
        Assert.Null(await tenant.Read("case-never"));
    }

    private async Task<(TestTenant Tenant, CaseState Before)> OpenedCaseAsync()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await OpenThroughInitialPhase(tenant, "case-reach");
        return (tenant, (await tenant.Read("case-reach"))!);
    }
}
