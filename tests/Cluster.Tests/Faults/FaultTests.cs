using System.Diagnostics;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>
/// The product's promise under faults, end to end with real processes: PostgreSQL, three silos and
/// a gateway. Writers send relationships and PHQ-9s to many cases through the HTTP API while silos
/// are SIGKILLed and replaced, PostgreSQL restarts once, and finally every silo is restarted
/// gracefully, one at a time. Then every case is read back through the API.
/// Long version: <c>IPT_FAULT_LONG=1 dotnet test tests/Cluster.Tests -c Release --filter FaultTests</c>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FaultTests(ITestOutputHelper output)
{
    private const string Tenant = "fault";

    [SkippableFact]
    public async Task No_acknowledged_write_is_lost_or_doubled_through_silo_kills_a_PostgreSQL_restart_and_a_rolling_restart()
    {
        var bin = RequirePostgresBinaries();
        var plan = FaultPlan.Current;
        var total = Stopwatch.StartNew();
        await using var cluster = await FaultCluster.StartAsync(bin, silos: 3);
        output.WriteLine($"cluster up in {total.Elapsed.TotalSeconds:F1} s: 3 silos, gateway {cluster.Gateway.Address}");
        var cases = Enumerable.Range(0, plan.Cases).Select(c => $"case-{c}").Append(FaultPlan.RaceCase).ToList();
        using var therapist = await SeedAsync(cluster.Gateway, cases);

        var ledger = new Ledger();
        var writer = new ApiWriter(therapist, ledger);
        var rolling = false;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, plan.Writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                await writer.WriteAsync(ledger.Next(cases[random.Next(plan.Cases)]), mustSucceed: Volatile.Read(ref rolling));
            }
        }))
        // Two writers race on one case for the whole run: neither may lose an update to the other.
        .Concat(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await writer.WriteAsync(ledger.Next(FaultPlan.RaceCase), mustSucceed: Volatile.Read(ref rolling));
                // Paced, so a retry comes well within the case's idempotency window (its last 64 commands).
                await Task.Delay(250);
            }
        }))).ToList();

        var random = new Random(42);
        var recoveries = new List<TimeSpan>();
        for (var kill = 1; kill <= plan.Kills; kill++)
        {
            var gap = plan.MinGap + (plan.MaxGap - plan.MinGap) * random.NextDouble();
            await Task.Delay(gap);
            await cluster.KillOneAndReplaceAsync(random);
            var recovery = await TimeUntilAllAnswerAsync(therapist, cases);
            recoveries.Add(recovery);
            output.WriteLine($"kill {kill} at {total.Elapsed.TotalSeconds:F0} s: every case answered again {recovery.TotalSeconds:F1} s after SIGKILL ({ledger.Count} writes so far)");
            if (kill == plan.PostgresRestartAfterKill)
            {
                var down = await cluster.RestartPostgresAsync();
                var back = await TimeUntilAllAnswerAsync(therapist, cases);
                output.WriteLine($"PostgreSQL restarted (pg_ctl restart -m fast, {down.TotalSeconds:F1} s): every case answered {back.TotalSeconds:F1} s after it was up");
            }
        }

        while (ledger.Count < plan.MinOperations) await Task.Delay(500);
        await cluster.WaitAllActiveAsync(TimeSpan.FromSeconds(90));
        var beforeRolling = ledger.Count;
        Volatile.Write(ref rolling, true);
        var rollingClock = Stopwatch.StartNew();
        var graceful = await cluster.RollingRestartAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"rolling restart of 3 silos (SIGTERM, replacement active before the next) took {rollingClock.Elapsed.TotalSeconds:F1} s; {graceful} of 3 exited gracefully");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        output.WriteLine($"writes: {ledger.Count} sent ({ledger.Count - beforeRolling} during the rolling restart): {ledger.CountOf(Outcome.Ok)} ok, " +
            $"{ledger.CountOf(Outcome.Failed)} refused, {ledger.CountOf(Outcome.Unknown)} unknown; {ledger.RetriedToOk} acknowledged on a retry with the same Idempotency-Key");
        output.WriteLine($"recovery after SIGKILL: median {Median(recoveries).TotalSeconds:F1} s, max {recoveries.Max().TotalSeconds:F1} s");

        var problems = new List<string>();
        var present = 0;
        foreach (var caseId in cases)
        {
            var history = await CaseHistory.ReadAsync(therapist, caseId);
            present += history.Numbers.Count;
            Check(problems, caseId, history, ledger);
        }

        output.WriteLine($"read back: {present} writes present in {cases.Count} case histories; whole test {total.Elapsed.TotalSeconds:F0} s");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(50)));
        Assert.Equal(0, ledger.RollingFailures);
        Assert.True(ledger.CountOf(Outcome.Ok) >= plan.MinOperations / 2, $"Only {ledger.CountOf(Outcome.Ok)} writes were acknowledged.");
    }

    /// <summary>The promise, per case: gap-free history; every acknowledged write once; nothing refused or never sent; nothing twice.</summary>
    private static void Check(List<string> problems, string caseId, CaseHistory history, Ledger ledger)
    {
        if (!history.Sequences.SequenceEqual(Enumerable.Range(1, history.Sequences.Count).Select(s => (long)s)))
            problems.Add($"{caseId}: the history's sequence numbers have gaps or repeats");
        if (history.Version != history.Sequences.Count)
            problems.Add($"{caseId}: version {history.Version}, but {history.Sequences.Count} events in the history");
        var counts = history.Numbers.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (number, count) in counts)
        {
            if (count > 1) problems.Add($"{caseId}: write {number} took effect {count} times");
            switch (ledger.OutcomeOf(caseId, number))
            {
                case null: problems.Add($"{caseId}: write {number} is present but was never sent"); break;
                case Outcome.Failed: problems.Add($"{caseId}: write {number} was refused but is present"); break;
            }
        }

        foreach (var number in ledger.Numbers(caseId, Outcome.Ok).Where(n => !counts.ContainsKey(n)))
            problems.Add($"{caseId}: acknowledged write {number} is missing");
    }

    /// <summary>
    /// How long the cases may take to answer again after a kill before the test gives up. Recovery
    /// is usually under 10 s; a CI run once saw a case still silent at 90 s, so the bound leaves
    /// room while still failing a cluster that never recovers.
    /// </summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(150);

    /// <summary>From now until every case answers a read through the gateway; the times are what the test reports.</summary>
    private static async Task<TimeSpan> TimeUntilAllAnswerAsync(HttpClient http, IReadOnlyList<string> cases)
    {
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (caseId, cancellationToken) =>
        {
            while (true)
            {
                Assert.True(clock.Elapsed < RecoveryBound, $"{caseId} did not answer within {RecoveryBound.TotalSeconds:F0} s.");
                using var timeout = new CancellationTokenSource(ApiWriter.AttemptTimeout);
                try
                {
                    using var response = await http.GetAsync($"/api/cases/{caseId}", timeout.Token);
                    if (response.IsSuccessStatusCode) return;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    // not yet
                }

                await Task.Delay(100, cancellationToken);
            }
        });
        return clock.Elapsed;
    }

    /// <summary>The tenant, clinic and therapist, and the cases, made through the API; a client for the therapist.</summary>
    private static async Task<HttpClient> SeedAsync(GatewayProcess gateway, IReadOnlyList<string> cases)
    {
        using var root = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("root", "platform-admin", null));
        using var admin = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("admin", "tenant-admin", Tenant));
        var therapist = ApiWriter.Client(gateway.Address, await gateway.MintTokenAsync("t-1", "therapist", Tenant));
        await Seeding.PostAsync(root, "/api/tenants", new { tenantId = Tenant, name = "Fault network" });
        await Seeding.PostAsync(admin, "/api/clinics", new { clinicId = "main", name = "Main clinic" });
        await Seeding.PostAsync(admin, "/api/clinics/main/therapists", new { therapistId = "t-1", name = "Therapist" });
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (caseId, _) =>
            await Seeding.PostAsync(therapist, "/api/cases",
                new { caseId, clinicId = "main", therapistId = "t-1", clientAlias = "Client " + caseId, variant = "standard" }, "open-" + caseId));
        return therapist;
    }

    private static string RequirePostgresBinaries()
    {
        if (PostgresServer.FindBinaries() is { } bin) return bin;
        const string reason = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the fault test restarts its own server";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail("CI must run the fault test: " + reason);
        Skip.If(true, reason);
        return "";
    }

    private static TimeSpan Median(List<TimeSpan> values) => values.Order().ElementAt(values.Count / 2);
}
