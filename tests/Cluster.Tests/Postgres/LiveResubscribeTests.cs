using System.Diagnostics;
using System.Text.Json;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Cluster.Tests.Faults;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Xunit.Abstractions;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>
/// A supervisor's live stream through a gateway process survives the SIGKILL of the silo that held
/// the clinic: the gateway's one subscription for the clinic carries on (subscribing again when it
/// must), and the open browser stream goes on, with a fresh snapshot or gap-free deltas, never silently wrong.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LiveResubscribeTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Tenant = "live-restart";

    [SkippableFact]
    public async Task An_open_caseload_stream_goes_on_after_the_silo_holding_the_clinic_is_killed_and_restarted()
    {
        await using var silos = new ClusterSilos(await postgres.CreateMigratedDatabaseAsync());
        var first = silos.Start(ClusterSilos.ProbesOnTime);
        var second = silos.Start(ClusterSilos.ProbesOnTime);
        var keyFolder = Path.Combine(Path.GetTempPath(), "ipt-live-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var gateway = await GatewayProcess.StartAsync(
                [.. silos.ClientSettings.Select(s => $"--{s.Key}={s.Value}"), "--Live:CheckPeriod=00:00:01"],
                Path.Combine(keyFolder, "signing.key"), TimeSpan.FromSeconds(90));
            using var root = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("root", "platform-admin", null));
            using var admin = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("admin", "tenant-admin", Tenant));
            using var therapist = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("t-1", "therapist", Tenant));
            using var supervisor = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("s-1", "supervisor", Tenant));
            await Seeding.PostAsync(root, "/api/tenants", new { tenantId = Tenant, name = "Live network" });
            await Seeding.PostAsync(admin, "/api/clinics", new { clinicId = "main", name = "Main clinic" });
            await Seeding.PostAsync(admin, "/api/clinics/main/supervisors", new { supervisorId = "s-1", name = "Supervisor" });
            await Seeding.PostAsync(admin, "/api/clinics/main/therapists", new { therapistId = "t-1", name = "Therapist", supervisorId = "s-1" });
            await Seeding.PostAsync(therapist, "/api/cases",
                new { caseId = "case-1", clinicId = "main", therapistId = "t-1", clientAlias = "Client one", variant = "standard" }, "open-case-1");

            using var response = await supervisor.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/clinics/main/caseload/stream"),
                HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
            var snapshot = await NextEventAsync(events, TimeSpan.FromSeconds(30))
                ?? throw new TimeoutException("No snapshot within 30 s of opening the stream.");
            Assert.Equal("snapshot", snapshot.Event);

            // Kill the silo that holds the clinic (its projection and stream rendezvous die with it), and start a new one.
            await using (var client = await ClusterClient.ConnectToClusterAsync(silos.ClientSettings, TimeSpan.FromSeconds(30)))
            {
                var clinic = client.Grains.GetGrain<IClinicGrain>(GrainKey.Scoped(Tenant, "main").ToString());
                var host = await client.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(clinic);
                var victim = host?.Endpoint.Port == second.SiloPort ? second.Silo : first.Silo;
                await victim.KillAsync();
            }
            var killed = Stopwatch.StartNew();
            silos.Start(ClusterSilos.ProbesOnTime);
            await Seeding.PostAsync(therapist, "/api/cases/case-1/questionnaires", new { instrument = "phq-9", answers = new[] { 3, 3, 3, 3, 3, 2, 0, 0, 2 } },
                "phq-after-kill");
            output.WriteLine($"the PHQ-9 was acknowledged {killed.Elapsed.TotalSeconds:F1} s after the kill");

            var last = snapshot;
            while (true)
            {
                var next = await NextEventAsync(events, TimeSpan.FromSeconds(90) - killed.Elapsed)
                    ?? throw new TimeoutException($"The stream had not shown the new score 90 s after the kill; its last event was {last.Event} {last.Id}.");
                if (next.Event == "delta")
                    Assert.True(next.Id == last.Id + 1, $"delta {next.Id} after {last.Id} without a snapshot between: a gap on screen");
                last = next;
                if (ShowsScore(next, 19)) break;
            }
            output.WriteLine($"the stream showed the new score {killed.Elapsed.TotalSeconds:F1} s after the kill, by a {last.Event}");
        }
        finally
        {
            if (Directory.Exists(keyFolder)) Directory.Delete(keyFolder, recursive: true);
        }
    }

    private sealed record Sse(string Event, long Id, JsonElement Data);

    private static bool ShowsScore(Sse e, int score)
    {
        var rows = e.Event == "snapshot" ? e.Data.GetProperty("rows") : e.Data.GetProperty("changed");
        return rows.EnumerateArray().Any(r => r.GetProperty("caseId").GetString() == "case-1"
            && r.GetProperty("latestPhq9") is { ValueKind: JsonValueKind.Number } phq && phq.GetInt32() == score);
    }

    /// <summary>The next Server-Sent Event (heartbeats skipped), as a browser reads it; null when none came in time.</summary>
    private static async Task<Sse?> NextEventAsync(StreamReader reader, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within > TimeSpan.Zero ? within : TimeSpan.FromMilliseconds(1));
        string? name = null, data = null;
        long id = 0;
        while (true)
        {
            string? line;
            try
            {
                line = await reader.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return null;
            }
            if (line is null) throw new EndOfStreamException("The gateway closed the stream.");
            if (line.Length == 0)
            {
                if (data is not null) return new Sse(name ?? "message", id, JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var value = line[(colon + 1)..].TrimStart(' ');
            switch (line[..colon])
            {
                case "event": name = value; break;
                case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "data": data = value; break;
            }
        }
    }
}
