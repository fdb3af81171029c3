using System.Text;
using System.Text.Json;
using Ipt.Bench.Run.Load;

namespace Ipt.Bench.Run.Peer;

/// <summary>
/// The peer's share of the work, in FHIR: create and read Goal and Observation (a PHQ-9 total, LOINC
/// 44261-6) resources. Reads pick from resources created before the load, so every read finds one.
/// </summary>
internal sealed class FhirMix(IReadOnlyList<string> goalIds, IReadOnlyList<string> observationIds) : IRequestMix
{
    public const string CreateGoal = "create Goal";
    public const string CreateObservation = "create Observation";
    public const string ReadGoal = "read Goal";
    public const string ReadObservation = "read Observation";

    private static readonly string[] All = [CreateObservation, CreateGoal, ReadGoal, ReadObservation];

    public IEnumerable<string> Kinds => All;

    public IReadOnlyList<string> ReadPaths => [.. goalIds.Select(id => "/Goal/" + id), .. observationIds.Select(id => "/Observation/" + id)];

    public bool IsCommand(string kind) => false;

    public string NextKind(Random random) => All[random.Next(All.Length)];

    public HttpRequestMessage Build(string kind, Random random) => kind switch
    {
        CreateGoal => Post("/Goal", GoalJson(random.Next(100_000))),
        CreateObservation => Post("/Observation", ObservationJson(random.Next(100_000), random.Next(28))),
        ReadGoal => new HttpRequestMessage(HttpMethod.Get, "/Goal/" + goalIds[random.Next(goalIds.Count)]),
        ReadObservation => new HttpRequestMessage(HttpMethod.Get, "/Observation/" + observationIds[random.Next(observationIds.Count)]),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Creates <paramref name="count"/> of each resource and keeps their ids.</summary>
    public static async Task<FhirMix> SeedAsync(string url, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        async Task<string> Create(HttpRequestMessage request)
        {
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        }
        var goals = new List<string>();
        var observations = new List<string>();
        for (var i = 0; i < count; i++)
        {
            goals.Add(await Create(Post("/Goal", GoalJson(i))));
            observations.Add(await Create(Post("/Observation", ObservationJson(i, i % 28))));
        }
        return new FhirMix(goals, observations);
    }

    private static string GoalJson(int patient) =>
        $$$"""{"resourceType":"Goal","lifecycleStatus":"active","achievementStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/goal-achievement","code":"in-progress"}]},"description":{"text":"Communicate needs in the dispute without escalation"},"subject":{"reference":"Patient/p{{{patient}}}"}}""";

    private static string ObservationJson(int patient, int total) =>
        $$$"""{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"44261-6","display":"PHQ-9 total score"}]},"subject":{"reference":"Patient/p{{{patient}}}"},"effectiveDateTime":"2026-01-05T10:00:00Z","valueInteger":{{{total}}}}""";

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") };
}
