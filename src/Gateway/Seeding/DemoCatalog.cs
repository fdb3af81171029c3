using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Seeding;

/// <summary>How far a demo case has come, and how its PHQ-9 goes.</summary>
public enum Course { Improving, SuicideItem, Deteriorating, MissedSessions }

/// <summary>One demo case: its therapist, the phase it reaches, its course and its focus.</summary>
public sealed record DemoCaseSpec(string CaseId, string ClinicId, string TherapistId, string SupervisorId, CasePhase Phase, Course Course,
    string ProblemArea, IptVariant Variant);

/// <summary>The demo tenant: two clinics, a supervisor and two or three therapists each, and 50 cases over all phases.</summary>
public static class DemoCatalog
{
    public const string Tenant = "demo";
    public const string TenantName = "Demo clinic network";
    public const int CaseCount = 50;

    public static readonly (string Id, string Name, (string Id, string Name) Supervisor, (string Id, string Name)[] Therapists)[] Clinics =
    [
        ("harbour", "Harbour clinic", ("s-mara", "Mara Lind"), [("t-ana", "Ana Ruiz"), ("t-ben", "Ben Okafor"), ("t-cleo", "Cleo Park")]),
        ("hillside", "Hillside clinic", ("s-jon", "Jon Weiss"), [("t-dev", "Dev Patel"), ("t-eli", "Eli Novak")]),
    ];

    private static readonly CasePhase[] Phases =
        [CasePhase.Intake, CasePhase.Initial, CasePhase.Middle, CasePhase.Middle, CasePhase.Middle, CasePhase.Termination, CasePhase.Maintenance, CasePhase.Closed];

    private static readonly string[] Areas = ["role-dispute", "role-transition", "grief", "interpersonal-deficits"];

    public static IEnumerable<DemoCaseSpec> Cases()
    {
        var therapists = Clinics.SelectMany(c => c.Therapists.Select(t => (Clinic: c.Id, Supervisor: c.Supervisor.Id, Therapist: t.Id))).ToArray();
        for (var n = 1; n <= CaseCount; n++)
        {
            var (clinic, supervisor, therapist) = therapists[n % therapists.Length];
            var course = (n % 10) switch { 3 => Course.SuicideItem, 6 => Course.Deteriorating, 8 => Course.MissedSessions, _ => Course.Improving };
            // Cases that worry a supervisor are in treatment, where their flags matter.
            var phase = course == Course.Improving ? Phases[n % Phases.Length] : n % 20 < 10 ? CasePhase.Middle : CasePhase.Termination;
            var variant = n % 7 == 0 ? IptVariant.Brief : IptVariant.Standard;
            yield return new DemoCaseSpec($"c-{n:0000}", clinic, therapist, supervisor, phase, course, Areas[n % Areas.Length], variant);
        }
    }

    /// <summary>PHQ-9 totals at intake and then every second session, by course.</summary>
    public static int Phq9At(Course course, int assessment, int seed) => course switch
    {
        Course.Deteriorating => Math.Min(24, 11 + seed % 3 + assessment * 3),
        Course.MissedSessions => Math.Max(8, 17 - assessment),
        _ => Math.Max(2, 16 + seed % 5 - assessment * 2),
    };

    public static readonly Dictionary<string, string[]> GoalTemplates = new()
    {
        ["role-dispute"] = ["dispute-communication", "dispute-negotiate-expectations"],
        ["role-transition"] = ["transition-adjust", "transition-support-network"],
        ["grief"] = ["grief-process-emotions", "grief-rebuild-support"],
        ["interpersonal-deficits"] = ["deficits-expand-network", "deficits-social-skills"],
    };

    public static Relationship[] Inventory(int seed) =>
    [
        new("partner-" + (char)('a' + seed % 26), "partner", Closeness.Inner, 2, 3 + seed % 2, "more help at home", "arguments since the move", false),
        new("sister-" + (char)('a' + (seed + 7) % 26), "sister", Closeness.Middle, 3, 1, "regular calls", "calls less since the new job", true),
    ];
}
