using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Ipt.Bench.Run.Seeding;
using Ipt.Cluster.Security;

namespace Ipt.Bench.Run.Load;

/// <summary>
/// Builds the next request of the mix against the seeded network: a random case, sent by its own
/// therapist (caseload reads by the clinic's supervisor), with the body the gateway's API takes.
/// <paramref name="pool"/> holds the indices of the cases it picks from.
/// </summary>
internal sealed class ClinicMix(SeededNetwork network, Tokens tokens, IReadOnlyList<(string Kind, int Weight)> mix, int[] progressSent, int[] pool)
    : IRequestMix
{
    public ClinicMix(SeededNetwork network, Tokens tokens)
        : this(network, tokens, RequestKind.Mix, new int[network.Cases.Count], [.. Enumerable.Range(0, network.Cases.Count)])
    {
    }

    private readonly int _total = mix.Sum(m => m.Weight);
    private static readonly string Today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The same network and milestone bookkeeping, another mix (for example commands only).</summary>
    public ClinicMix With(IReadOnlyList<(string Kind, int Weight)> other) => new(network, tokens, other, progressSent, pool);

    /// <summary>The same mix on the cases of these clinics only.</summary>
    public ClinicMix On(IReadOnlySet<(string Tenant, string ClinicId)> clinics) =>
        new(network, tokens, mix, progressSent, [.. pool.Where(n => clinics.Contains((network.Cases[n].Tenant, network.Cases[n].ClinicId)))]);

    public IEnumerable<string> Kinds => mix.Select(m => m.Kind);

    public bool IsCommand(string kind) => RequestKind.IsCommand(kind);

    public string NextKind(Random random)
    {
        var pick = random.Next(_total);
        foreach (var (kind, weight) in mix)
        {
            if (pick < weight) return kind;
            pick -= weight;
        }
        return mix[^1].Kind;
    }

    public HttpRequestMessage Build(string kind, Random random)
    {
        var n = pool[random.Next(pool.Length)];
        var c = network.Cases[n];
        var path = $"/api/cases/{c.CaseId}";
        var request = kind switch
        {
            RequestKind.CaseRead => new HttpRequestMessage(HttpMethod.Get, path),
            RequestKind.GoalsRead => new HttpRequestMessage(HttpMethod.Get, path + "/goals"),
            RequestKind.CaseloadRead => new HttpRequestMessage(HttpMethod.Get, $"/api/clinics/{c.ClinicId}/caseload"),
            RequestKind.SessionLog => Post(path + "/sessions",
                $$"""{"date":"{{Today}}","attendance":"attended","techniques":["communicationAnalysis","rolePlay"],"note":"worked on the dispute"}"""),
            RequestKind.Phq9 => Post(path + "/questionnaires",
                $$"""{"instrument":"phq-9","answers":[{{string.Join(',', Enumerable.Range(0, 8).Select(_ => random.Next(3)))}},0]}"""),
            RequestKind.GoalRating => Post($"{path}/goals/{c.GoalId}/rating", $$"""{"level":{{random.Next(-1, 2)}},"note":"reviewed in session"}"""),
            // The seeded count milestone has room for one more step; after that the update adds a new milestone.
            RequestKind.MilestoneUpdate => Interlocked.Increment(ref progressSent[n]) <= 1
                ? Post($"{path}/milestones/{c.CountMilestoneId}/progress", """{"increment":1}""")
                : Post($"{path}/goals/{c.GoalId}/milestones",
                    """{"title":"Another honest conversation","target":{"kind":"count","value":3,"countOf":"conversations"},"dueSession":12}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var token = kind == RequestKind.CaseloadRead
            ? tokens.For(c.Tenant, c.SupervisorId, Roles.Supervisor)
            : tokens.For(c.Tenant, c.TherapistId, Roles.Therapist);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
