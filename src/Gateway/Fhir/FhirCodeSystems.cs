using Hl7.Fhir.Model;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>One concept of a local code system: its code and what a reader sees.</summary>
public sealed record LocalConcept(string Code, string Display);

/// <summary>
/// The local code systems of the export, for what neither LOINC nor HL7 codes: IPT problem areas,
/// variants, phases, techniques, dispute stages, case flags, severity bands and Goal Attainment
/// Scaling. Each is published as a <see cref="CodeSystem"/> in every export, so a receiver can read
/// the codes without asking us; a test checks that every code the mapper emits is in its system.
/// </summary>
public static class FhirCodeSystems
{
    public const string Base = "https://ipt-cluster.dev/fhir/CodeSystem/";
    public const string ProblemArea = Base + "ipt-problem-area";
    public const string Variant = Base + "ipt-variant";
    public const string Phase = Base + "ipt-phase";
    public const string GasLevel = Base + "gas-level";
    public const string Technique = Base + "ipt-technique";
    public const string Flag = Base + "ipt-flag";
    public const string DisputeStage = Base + "ipt-dispute-stage";
    public const string SeverityBand = Base + "ipt-severity-band";

    /// <summary>The GAS concept naming the measure itself; the levels are its values.</summary>
    public const string GasLevelMeasure = "gas-level";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<LocalConcept>> Concepts =
        new Dictionary<string, IReadOnlyList<LocalConcept>>(StringComparer.Ordinal)
        {
            // Both taxonomies: ISIPT/Weissman's four areas and the IPT Institute's (Stuart) three.
            [ProblemArea] =
            [
                new("grief", "Grief"), new("role-dispute", "Role dispute"), new("role-transition", "Role transition"),
                new("interpersonal-deficits", "Interpersonal deficits"), new("grief-loss", "Grief and loss"),
                new("disputes", "Disputes"), new("transitions", "Transitions"),
            ],
            [Variant] =
            [
                new("standard", "Standard adult IPT"), new("adolescent", "IPT for adolescents (IPT-A)"),
                new("late-life", "Late-life IPT"), new("brief", "Brief IPT"), new("group", "Group IPT"),
            ],
            [Phase] =
            [
                new("intake", "Intake"), new("initial", "Initial phase"), new("middle", "Middle phase"),
                new("termination", "Termination phase"), new("maintenance", "Maintenance (IPT-M)"), new("closed", "Closed"),
            ],
            [GasLevel] =
            [
                new(GasLevelMeasure, "Goal Attainment Scaling level (-2 to +2, 0 = expected outcome)"),
                new("-2", "Much less than expected"), new("-1", "Less than expected"), new("0", "Expected outcome"),
                new("+1", "More than expected"), new("+2", "Much more than expected"),
            ],
            [Technique] =
            [
                new("communication-analysis", "Communication analysis"), new("role-play", "Role-play"),
                new("interpersonal-inventory", "Interpersonal inventory"), new("formulation", "Interpersonal formulation"),
                new("encouragement-of-affect", "Encouragement of affect"), new("decision-analysis", "Decision analysis"),
                new("clarification", "Clarification"),
            ],
            [Flag] =
            [
                new("suicide-risk", "Suicide risk: PHQ-9 item 9 answered above zero"),
                new("reliable-deterioration", "Reliable deterioration from baseline"),
                new("not-on-track", "Not on track at mid-treatment"), new("missed-sessions", "Missed sessions"),
                new("past-contract-without-extension", "Sessions past the contract without an approved extension"),
                new("no-contact", "No contact"), new("assessment-overdue", "Assessment overdue"),
                new("termination-not-started", "Termination phase not started"), new("response", "Response"),
                new("remission", "Remission"), new("milestone-achieved", "Milestone achieved"), new("goal-achieved", "Goal achieved"),
            ],
            [DisputeStage] =
            [
                new("renegotiation", "Renegotiation"), new("impasse", "Impasse"), new("dissolution", "Dissolution"),
            ],
            [SeverityBand] =
            [
                new("minimal", "Minimal"), new("mild", "Mild"), new("moderate", "Moderate"),
                new("moderately-severe", "Moderately severe"), new("severe", "Severe"),
            ],
        };

    private static readonly IReadOnlyDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ProblemArea] = "IPT problem areas",
        [Variant] = "IPT variants",
        [Phase] = "IPT case phases",
        [GasLevel] = "Goal Attainment Scaling levels",
        [Technique] = "IPT techniques",
        [Flag] = "IPT case flags",
        [DisputeStage] = "Role dispute stages",
        [SeverityBand] = "Questionnaire severity bands",
    };

    /// <summary>The display of a code, or null when the system does not hold it.</summary>
    public static string? Display(string system, string code) =>
        Concepts.TryGetValue(system, out var concepts) ? concepts.FirstOrDefault(c => c.Code == code)?.Display : null;

    /// <summary>A coding of a local system; throws for a code the system does not publish, so none slips out unpublished.</summary>
    public static Coding Coding(string system, string code) =>
        new(system, code, Display(system, code) ?? throw new ArgumentException($"'{code}' is not a code of {system}.", nameof(code)));

    public static CodeableConcept Concept(string system, string code) => new() { Coding = [Coding(system, code)] };

    /// <summary>The published code systems, as CodeSystem resources; the id is the same in every tenant's export.</summary>
    public static IEnumerable<CodeSystem> Resources() => Concepts.Select(pair => new CodeSystem
    {
        Id = FhirIds.For("code-system", pair.Key),
        Url = pair.Key,
        Version = "1",
        Name = ComputerName(pair.Key[Base.Length..]),
        Title = Titles[pair.Key],
        Status = PublicationStatus.Active,
        Experimental = false,
        Publisher = "IPT Cluster",
        Description = new Markdown(Titles[pair.Key] + ", as the IPT Cluster export codes them."),
        CaseSensitive = true,
        Content = CodeSystemContentMode.Complete,
        Count = pair.Value.Count,
        Concept = [.. pair.Value.Select(c => new CodeSystem.ConceptDefinitionComponent { Code = c.Code, Display = c.Display })],
    });

    private static string ComputerName(string id) =>
        string.Concat(id.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
