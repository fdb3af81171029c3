using System.Collections.Concurrent;
using System.Diagnostics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Security;
using Xunit.Abstractions;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>
/// Cluster mode with real processes: two silos on PostgreSQL clustering and storage, an external
/// client as a gateway is. A silo killed with SIGKILL loses nothing acknowledged; its cases answer
/// again on the survivor; its membership row is marked dead and later cleaned away.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Tenant = "failover";
    private static readonly CaseFixtures Fixtures = new(Tenant, "t-1");
    private const int Cases = 12;
    private const int Writers = 16;

    [SkippableFact]
    public async Task A_silo_killed_mid_write_loses_no_acknowledged_command_and_its_cases_answer_on_the_other_silo()
    {
        await using var silos = new ClusterSilos(await postgres.CreateMigratedDatabaseAsync());
        var first = silos.Start(ClusterSilos.ProbesOnTime);
        var second = silos.Start(ClusterSilos.ProbesOnTime);
        await using var client = await ClusterClient.ConnectToClusterAsync(silos.ClientSettings, TimeSpan.FromSeconds(60));
        await Fixtures.SeedAsync(client.Grains, Cases);

        var acknowledged = new ConcurrentBag<(string Case, string Person)>();
        var sent = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            CallerContext.Set(Tenant, "t-1", Roles.Therapist);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var caseId = $"case-{(w + i) % Cases}";
                var person = $"p-{w}-{i}";
                sent.Add(person);
                try
                {
                    var result = await Fixtures.Case(client.Grains, caseId).ExecuteAsync(CaseFixtures.Relationship(person), person);
                    if (result.Accepted) acknowledged.Add((caseId, person));
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return; // in flight at the crash: unknown, may go either way
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(3));
        // Kill the silo that holds the most cases, so the test proves re-activation elsewhere.
        var management = client.Grains.GetGrain<IManagementGrain>(0);
        var hosts = await Task.WhenAll(Enumerable.Range(0, Cases).Select(c => management.GetActivationAddress(Fixtures.Case(client.Grains, $"case-{c}")).AsTask()));
        var onFirst = hosts.Count(h => h?.Endpoint.Port == first.SiloPort);
        var onSecond = hosts.Count(h => h?.Endpoint.Port == second.SiloPort);
        var victim = onFirst >= onSecond ? first.Silo : second.Silo;
        output.WriteLine($"cases per silo before the kill: {onFirst} and {onSecond}; killing the one with {Math.Max(onFirst, onSecond)}");
        Assert.True(Math.Max(onFirst, onSecond) > 0, "no case was activated on either silo");
        await stop.CancelAsync();
        await victim.KillAsync();
        var killedAt = Stopwatch.StartNew();
        await Task.WhenAll(writers);
        Assert.True(acknowledged.Count > 100, $"Only {acknowledged.Count} commands were acknowledged before the crash.");

        // Every case answers again, from the survivor (re-activated from PostgreSQL where it lived on the victim).
        CallerContext.Set(Tenant, "t-1", Roles.Therapist);
        var pending = Enumerable.Range(0, Cases).Select(c => $"case-{c}").ToHashSet();
        while (pending.Count > 0)
        {
            Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(90), $"Cases {string.Join(", ", pending)} did not answer within 90 s of the kill.");
            foreach (var caseId in pending.ToArray())
            {
                try
                {
                    await Fixtures.Case(client.Grains, caseId).GetAsync();
                    pending.Remove(caseId);
                }
                catch (Exception) when (killedAt.Elapsed < TimeSpan.FromSeconds(90))
                {
                    await Task.Delay(200);
                }
            }
        }

        output.WriteLine($"all {Cases} cases answered again {killedAt.Elapsed.TotalSeconds:F1} s after SIGKILL; {acknowledged.Count} commands acknowledged before it");

        var sentSet = sent.ToHashSet();
        for (var c = 0; c < Cases; c++)
        {
            var caseId = $"case-{c}";
            var history = await CaseFixtures.ReadHistoryAsync(Fixtures.Case(client.Grains, caseId));
            Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Sequence));
            var people = history.Select(e => e.Event).OfType<RelationshipRecorded>().Select(e => e.Relationship.PersonAlias).ToList();
            Assert.Equal(people.Count, people.Distinct().Count());
            Assert.All(people, p => Assert.Contains(p, sentSet));
            Assert.All(acknowledged.Where(a => a.Case == caseId), a => Assert.Contains(a.Person, people));
            var state = await Fixtures.Case(client.Grains, caseId).GetAsync();
            Assert.Equal(history.Count, state!.Version);
        }
    }

    [SkippableFact]
    public async Task A_killed_silos_membership_row_is_marked_dead_and_then_cleaned_away()
    {
        await using var silos = new ClusterSilos(await postgres.CreateMigratedDatabaseAsync());
        // The survivor alone must declare the victim dead, on time: this test is about the row's fate.
        string[] cleanup = ["--Orleans:Membership:DefunctSiloCleanupPeriod=00:00:02", "--Orleans:Membership:DefunctSiloExpiration=00:00:20",
            "--Orleans:Membership:DefunctSiloMinimumRetention=00:00:20", .. ClusterSilos.ProbesOnTime];
        var (victim, victimPort) = silos.Start(cleanup);
        var (_, survivorPort) = silos.Start(cleanup);
        await using (await ClusterClient.ConnectToClusterAsync(silos.ClientSettings, TimeSpan.FromSeconds(60)))
        {
            await WaitUntilAsync(async () => await silos.StatusAsync(victimPort) == 3 && await silos.StatusAsync(survivorPort) == 3, "both silos active");
        }

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(async () => await silos.StatusAsync(victimPort) == 6, "the killed silo marked dead");
        var dead = clock.Elapsed;
        await WaitUntilAsync(async () => await silos.StatusAsync(victimPort) is null, "the dead silo's row removed");

        output.WriteLine($"killed silo marked dead after {dead.TotalSeconds:F1} s, its row removed after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(3, await silos.StatusAsync(survivorPort));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            // Usually 20-40 s; once over 90 s in CI with the cores starved (Orleans' watchdog said
            // so), so the bound is the fault test's 150 s: this test is about the row's fate, not speed.
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(150), $"Timed out waiting for {what}.");
            await Task.Delay(250);
        }
    }
}
