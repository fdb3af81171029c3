using System.Collections.Concurrent;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Cluster.Tests;

/// <summary>
/// Local mode's promise, tested with a real process and a real SIGKILL: a command the silo
/// acknowledged is on disk, exactly once, whatever happens to the process after.
/// </summary>
public sealed class EmbeddedStoreCrashTests
{
    private const string Tenant = "crash";
    private static readonly CaseFixtures Fixtures = new(Tenant, "t-crash");
    private const int Cases = 8;
    private const int Writers = 16;

    [Fact]
    public async Task Every_acknowledged_command_survives_a_silo_killed_mid_write()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-crash-" + Guid.NewGuid().ToString("N"));
        var gatewayPort = FreePort.Next();
        string[] settings = [$"--Storage:Embedded:DataDirectory={folder}", $"--Orleans:SiloPort={FreePort.Next()}", $"--Orleans:GatewayPort={gatewayPort}"];
        var acknowledged = new ConcurrentBag<(string Case, string Person)>();
        var sent = new ConcurrentBag<string>();
        try
        {
            await using (var silo = SiloProcess.Start(settings))
            await using (var client = await ClusterClient.ConnectAsync(gatewayPort, TimeSpan.FromSeconds(60)))
            {
                await Fixtures.SeedAsync(client.Grains, Cases);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
                {
                    CallerContext.Set(Tenant, "t-crash", Roles.Therapist);
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var caseId = $"case-{(w + i) % Cases}";
                        var person = $"p-{w}-{i}";
                        sent.Add(person);
                        try
                        {
                            var result = await Fixtures.Case(client.Grains, caseId).ExecuteAsync(CaseFixtures.Relationship(person), person);
                            Assert.True(result.Accepted, result.Error?.ToString());
                            acknowledged.Add((caseId, person));
                        }
                        catch (Exception) when (stop.IsCancellationRequested)
                        {
                            return; // in flight at the crash: its outcome is unknown, and may go either way
                        }
                    }
                })).ToArray();

                await Task.Delay(TimeSpan.FromSeconds(3));
                await stop.CancelAsync();
                await silo.KillAsync();
                await Task.WhenAll(writers);
            }

            Assert.True(acknowledged.Count > 100, $"Only {acknowledged.Count} commands were acknowledged before the crash.");
            await using var restarted = SiloProcess.Start(settings);
            await using var reader = await ClusterClient.ConnectAsync(gatewayPort, TimeSpan.FromSeconds(60));
            CallerContext.Set(Tenant, "t-crash", Roles.Therapist);
            var sentSet = sent.ToHashSet();
            for (var c = 0; c < Cases; c++)
            {
                var caseId = $"case-{c}";
                var history = await CaseFixtures.ReadHistoryAsync(Fixtures.Case(reader.Grains, caseId));
                Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Sequence));
                var people = history.Select(e => e.Event).OfType<RelationshipRecorded>().Select(e => e.Relationship.PersonAlias).ToList();
                Assert.Equal(people.Count, people.Distinct().Count());
                Assert.All(people, p => Assert.Contains(p, sentSet));
                Assert.All(acknowledged.Where(a => a.Case == caseId), a => Assert.Contains(a.Person, people));
                var state = await Fixtures.Case(reader.Grains, caseId).GetAsync();
                Assert.Equal(history.Count, state!.Version);
                Assert.Equal(people.Order(), state.Inventory.Select(r => r.PersonAlias).Order());
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
