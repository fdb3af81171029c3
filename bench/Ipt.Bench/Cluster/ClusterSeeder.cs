using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Ipt.Bench.Cluster;

/// <summary>
/// A tenant, a clinic, a therapist and N cases made through the gateway's HTTP API, each case in
/// its initial phase with one agreed goal and one count milestone: what the durable command mix
/// (session logs, PHQ-9s, goal ratings, milestone progress) needs. The milestone is due by a date a
/// year ahead, not by a session: a case in this bench logs more sessions than a course has, and a
/// milestone due at a session number lapsed mid-run, after which the domain rightly refused
/// progress on it (409 milestone.status), so a share of the mix was refusals, not durable writes.
/// </summary>
internal static class ClusterSeeder
{
    public const string Tenant = "bench";

    public static async Task SeedAsync(ClusterProcesses cluster, IReadOnlyList<string> cases, string therapistToken)
    {
        using var root = Client(cluster.Url, await cluster.TokenAsync("root", "platform-admin", null));
        using var admin = Client(cluster.Url, await cluster.TokenAsync("admin", "tenant-admin", Tenant));
        using var therapist = Client(cluster.Url, therapistToken);
        await PostAsync(root, "/api/tenants", new { tenantId = Tenant, name = "Bench network" });
        await PostAsync(admin, "/api/clinics", new { clinicId = "main", name = "Main clinic" });
        await PostAsync(admin, "/api/clinics/main/therapists", new { therapistId = "t-bench", name = "Bench therapist" });

        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(1);
        var done = 0;
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (caseId, _) =>
        {
            var at = $"/api/cases/{caseId}";
            await PostAsync(therapist, "/api/cases",
                new { caseId, clinicId = "main", therapistId = "t-bench", clientAlias = "Client " + caseId, variant = "standard" }, caseId + "-open");
            await PostAsync(therapist, at + "/phase", new { to = "initial" }, caseId + "-initial");
            await PostAsync(therapist, at + "/goals", new { title = "Talk with my partner about the move", context = "romantic" }, caseId + "-goal");
            await PostAsync(therapist, at + "/goals/g1/agreement", new { therapistAgrees = true, clientAgrees = true }, caseId + "-agree");
            await PostAsync(therapist, at + "/goals/g1/milestones",
                new { title = "Evenings out together", target = new { kind = "count", value = 1000, countOf = "evenings" }, dueDate = due },
                caseId + "-milestone");
            if (Interlocked.Increment(ref done) % 250 == 0) Console.Write($"\r  seeded {done}/{cases.Count} cases");
        });
        Console.WriteLine($"\r  seeded {cases.Count} cases through the API");
    }

    public static HttpClient Client(string url, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// A set-up call, retried while the young cluster settles (5xx, timeout) with the same
    /// Idempotency-Key, so a retry of a call that did take effect changes nothing; any other refusal stops the bench.
    /// </summary>
    private static async Task PostAsync(HttpClient http, string path, object body, string? idempotencyKey = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request);
            }
            catch (TaskCanceledException) when (attempt < 20)
            {
                continue;
            }

            using var answered = response;
            if (response.IsSuccessStatusCode) return;
            // Tenant, clinic and therapist have no idempotency key: "already there" after a retry is done.
            if (idempotencyKey is null && attempt > 1 && response.StatusCode == System.Net.HttpStatusCode.Conflict) return;
            if ((int)response.StatusCode < 500 || attempt == 20)
                throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(500);
        }
    }
}
