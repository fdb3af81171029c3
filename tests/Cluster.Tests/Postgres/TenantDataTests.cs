using System.Text.Json;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>
/// Offboarding in cluster mode: a tenant's rows, written by real silos, exported and then erased as
/// a whole, with another tenant of the same database untouched and its cases still answering.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantDataTests(PostgresFixture postgres)
{
    private static readonly CaseFixtures Leaving = new("leaving", "t-1");
    private static readonly CaseFixtures Staying = new("staying", "t-1");

    [SkippableFact]
    public async Task A_tenant_is_exported_then_erased_whole_while_another_tenant_keeps_every_row()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        var data = new TenantData(source);
        await using (var silos = new ClusterSilos(connectionString))
        {
            var (silo, _) = silos.Start();
            await using (var client = await ClusterClient.ConnectToClusterAsync(silos.ClientSettings, TimeSpan.FromSeconds(60)))
            {
                await Leaving.SeedAsync(client.Grains, 3);
                await Staying.SeedAsync(client.Grains, 2);
            }
            await Assert.ThrowsAsync<InvalidOperationException>(() => data.EraseAsync("leaving"));
            // Stopped as an operator stops it (SIGTERM): it leaves the membership as dead.
            Assert.True(await silo.TerminateAsync(TimeSpan.FromSeconds(60)), "the silo did not stop within 60 s");
        }
        foreach (var tenant in new[] { "leaving", "staying" })
        {
            await using var audit = source.CreateCommand(
                "INSERT INTO audit_log (tenant, at, action, resource, outcome, correlation_id) VALUES (@t, now(), 'case.read', 'cases/case-0', 'Success', 'c-1')");
            audit.Parameters.AddWithValue("t", tenant);
            await audit.ExecuteNonQueryAsync();
        }

        var folder = Directory.CreateTempSubdirectory("ipt-tenant-export-").FullName;
        try
        {
            var exported = (await data.ExportAsync("leaving", folder)).ToDictionary(c => c.Table, c => c.Rows);
            Assert.True(exported["case_events"] >= 3, "every opened case has its events in the export");
            Assert.True(exported["orleans_storage"] >= 3, "the tenant's, clinic's and therapist's grain state are in the export");
            Assert.Equal(1, exported["audit_log"]);
            Assert.All(Lines(folder, "case_events"), row => Assert.Equal("leaving", row.GetProperty("tenant").GetString()));
            Assert.All(Lines(folder, "orleans_storage"), row => Assert.Matches("^leaving(/|$)", row.GetProperty("grain_key").GetString()));

            var erased = (await data.EraseAsync("leaving")).ToDictionary(c => c.Table, c => c.Rows);
            Assert.Equal(exported, erased);
            Assert.All(await data.ExportAsync("leaving", folder), c => Assert.Equal(0, c.Rows));
            var kept = (await data.ExportAsync("staying", folder)).ToDictionary(c => c.Table, c => c.Rows);
            Assert.True(kept["case_events"] >= 2 && kept["orleans_storage"] >= 3 && kept["audit_log"] == 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using (var silos = new ClusterSilos(connectionString))
        {
            silos.Start();
            await using var client = await ClusterClient.ConnectToClusterAsync(silos.ClientSettings, TimeSpan.FromSeconds(60));
            CallerContext.Set("staying", "t-1", Roles.Therapist);
            Assert.NotNull(await Staying.Case(client.Grains, "case-1").GetAsync());
            CallerContext.Set("leaving", "t-1", Roles.Therapist);
            Assert.Null(await Leaving.Case(client.Grains, "case-1").GetAsync());
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task The_commands_refuse_a_bad_call_before_they_touch_the_database()
    {
        // Nothing listens on port 1: a command that tried to connect would throw instead of answering 2.
        const string nowhere = "--Storage:Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=none";
        Assert.Equal(2, await TenantCommand.RunAsync(TenantCommand.Erase, ["--tenant=leaving", "--confirm=staying", nowhere]));
        Assert.Equal(2, await TenantCommand.RunAsync(TenantCommand.Erase, ["--tenant=leaving", nowhere]));
        Assert.Equal(2, await TenantCommand.RunAsync(TenantCommand.Erase, ["--tenant=Not a tenant!", "--confirm=Not a tenant!", nowhere]));
        Assert.Equal(2, await TenantCommand.RunAsync(TenantCommand.Export, ["--tenant=leaving", nowhere]));
    }

    private static List<JsonElement> Lines(string folder, string table) =>
        [.. File.ReadLines(Path.Combine(folder, table + ".ndjson")).Select(line => JsonDocument.Parse(line).RootElement)];
}
