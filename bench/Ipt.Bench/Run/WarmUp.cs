using System.Diagnostics;
using System.Net.Http.Headers;
using Ipt.Bench.Run.Load;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Security;

namespace Ipt.Bench.Run;

/// <summary>How long the gateway took to bring every clinic (and so every case) into memory after its start.</summary>
internal sealed record WarmUpResult(int Clinics, int Cases, double Seconds, int Failed);

/// <summary>
/// Reads every clinic's caseload once, by its supervisor, before the measured phases. A clinic's
/// activation reads (and so activates) all its cases, so a freshly started system spends its first
/// minutes loading; the phases measure the system in its working state, and this is its start-up cost.
/// </summary>
internal static class WarmUp
{
    public static async Task<WarmUpResult> RunAsync(Uri gateway, SeededNetwork network, Tokens tokens)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        var clock = Stopwatch.StartNew();
        var progress = new ProgressBar("warm-up", network.Clinics.Count);
        var failed = 0;
        await Parallel.ForEachAsync(network.Clinics, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (clinic, cancel) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/clinics/{clinic.ClinicId}/caseload");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(clinic.Tenant, clinic.SupervisorId, Roles.Supervisor));
            using var response = await http.SendAsync(request, cancel);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failed);
            progress.Advance();
        });
        progress.Finish();
        return new WarmUpResult(network.Clinics.Count, network.Cases.Count, clock.Elapsed.TotalSeconds, failed);
    }
}
