using System.Collections.Concurrent;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Cluster.Tests;

/// <summary>
/// Local mode's promise, tested with a real process and a real SIGKILL: a command the silo
/// acknowledged is on disk, exactly once, whatever happens to the process after.
/// </summary>
public sealed class EmbeddedStoreCrashTests
{
    private const string Tenant = "crash";
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
                await SeedAsync(client.Grains);
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
                            var result = await Case(client.Grains, caseId).ExecuteAsync(Relationship(person), person);
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
                var history = await ReadHistoryAsync(Case(reader.Grains, caseId));
                Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Sequence));
                var people = history.Select(e => e.Event).OfType<RelationshipRecorded>().Select(e => e.Relationship.PersonAlias).ToList();
                Assert.Equal(people.Count, people.Distinct().Count());
                Assert.All(people, p => Assert.Contains(p, sentSet));
                Assert.All(acknowledged.Where(a => a.Case == caseId), a => Assert.Contains(a.Person, people));
                var state = await Case(reader.Grains, caseId).GetAsync();
                Assert.Equal(history.Count, state!.Version);
                Assert.Equal(people.Order(), state.Inventory.Select(r => r.PersonAlias).Order());
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static IClientCaseGrain Case(IGrainFactory grains, string caseId) =>
        grains.GetGrain<IClientCaseGrain>(GrainKey.Scoped(Tenant, caseId).ToString());

    private static RecordRelationship Relationship(string person) =>
        new(new Relationship(person, "friend", Closeness.Middle, 3, 1, "", "", true));

    private static async Task SeedAsync(IGrainFactory grains)
    {
        await CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(Tenant).CreateAsync("Crash network"));
        CallerContext.Set(Tenant, "admin", Roles.TenantAdmin);
        Assert.True((await grains.GetGrain<ITenantGrain>(Tenant).AddClinicAsync("main", "Main")).Succeeded);
        Assert.True((await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(Tenant, "main").ToString()).AddTherapistAsync("t-crash", "Therapist", null)).Succeeded);
        CallerContext.Set(Tenant, "t-crash", Roles.Therapist);
        for (var c = 0; c < Cases; c++)
        {
            var opened = await Case(grains, $"case-{c}").ExecuteAsync(new OpenCase("main", "t-crash", $"client {c}", IptVariant.Standard), null);
            Assert.True(opened.Accepted, opened.Error?.ToString());
        }
        RequestContext.Clear();
    }

    private static async Task<List<RecordedEvent>> ReadHistoryAsync(IClientCaseGrain grain)
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
