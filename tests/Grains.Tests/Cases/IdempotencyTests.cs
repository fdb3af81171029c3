using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Cases;

[Collection(ClusterCollection.Name)]
public sealed class IdempotencyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_retried_command_with_the_same_key_returns_the_first_answer_and_changes_nothing()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await OpenThroughInitialPhase(tenant, "case-retry");
        var versionBefore = (await tenant.Read("case-retry"))!.Version;

        var first = await tenant.Do("case-retry", Session(2), idempotencyKey: "session-2");
        var again = await tenant.Do("case-retry", Session(2), idempotencyKey: "session-2");

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Events.Select(e => e.Sequence), again.Events.Select(e => e.Sequence));
        Assert.IsType<SessionLogged>(again.Events[0].Event);
        var state = await tenant.Read("case-retry");
        Assert.Equal(2, state!.Sessions.Count);
        Assert.Equal(versionBefore + first.Events.Count, state.Version);
    }

    [Fact]
    public async Task The_same_key_with_a_different_command_is_refused()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await OpenThroughInitialPhase(tenant, "case-reuse");
        await tenant.Do("case-reuse", Session(2), idempotencyKey: "k-1");

        var reused = await tenant.AsTherapist(() => tenant.Case("case-reuse").ExecuteAsync(Phq9Total(9), "k-1"));

        Assert.Equal(ErrorCodes.IdempotencyReuse, reused.Error!.Code);
        Assert.Single((await tenant.Read("case-reuse"))!.Measures);
    }

    [Fact]
    public async Task Concurrent_commands_to_one_case_get_consecutive_sequence_numbers()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        await tenant.Do("case-burst", Open());
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            tenant.AsTherapist(() => tenant.Case("case-burst").ExecuteAsync(
                new RecordRelationship(Partner().Relationship with { PersonAlias = $"person-{i}" }), $"rel-{i}"))));

        Assert.All(results, r => Assert.True(r.Accepted));
        var sequences = results.SelectMany(r => r.Events).Select(e => e.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(2, sequences.Count).Select(v => (long)v), sequences);
        Assert.Equal(40, (await tenant.Read("case-burst"))!.Inventory.Count);
    }
}
