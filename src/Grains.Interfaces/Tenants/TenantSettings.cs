using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Tenants;

/// <summary>The problem-area taxonomy a tenant teaches: ISIPT/Weissman's four areas or the IPT Institute's three.</summary>
[GenerateSerializer, Alias("ipt.ProblemAreaTaxonomy")]
public enum ProblemAreaTaxonomy { FourAreas = 0, ThreeAreas = 1 }

/// <summary>What happens to a session logged past the contract without an approved extension.</summary>
[GenerateSerializer, Alias("ipt.PastContractPolicy")]
public enum PastContractPolicy
{
    /// <summary>Refuse it until a supervisor approves an extension.</summary>
    Refuse = 0,
    /// <summary>Record it (the session happened) and flag the case for the supervisor.</summary>
    RecordAndFlag = 1,
}

/// <summary>Allowed contract lengths for one IPT variant, inclusive.</summary>
[GenerateSerializer, Immutable, Alias("ipt.SessionBounds")]
public sealed record SessionBounds([property: Id(0)] IptVariant Variant, [property: Id(1)] int Min, [property: Id(2)] int Max);

/// <summary>A tenant's clinical settings. Where sources disagree, the product makes it a setting, not a guess.</summary>
[GenerateSerializer, Immutable, Alias("ipt.TenantSettings")]
public sealed record TenantSettings
{
    [Id(0)] public ProblemAreaTaxonomy Taxonomy { get; init; }
    [Id(1)] public IReadOnlyList<SessionBounds> ContractBounds { get; init; } = [];
    [Id(2)] public IReadOnlyDictionary<string, ReliableChangeSettings> ReliableChange { get; init; } =
        new Dictionary<string, ReliableChangeSettings>();
    [Id(3)] public int NoContactDays { get; init; } = 21;
    [Id(4)] public PastContractPolicy PastContract { get; init; }
    [Id(5)] public IReadOnlyList<InstrumentDefinition> CustomInstruments { get; init; } = [];
    /// <summary>The most cases the tenant may hold (a quota of the hosting health system).</summary>
    [Id(6)] public int MaxCases { get; init; } = 1_000_000;
    /// <summary>Sessions between routine PHQ-9/GAD-7 assessments (IPT supervision practice: every 4).</summary>
    [Id(7)] public int AssessmentEverySessions { get; init; } = 4;
}
