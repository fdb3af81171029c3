using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>The tenant settings a case is judged by, with the product's defaults filled in.</summary>
public sealed record CasePolicy(TenantSettings Settings)
{
    public static readonly CasePolicy Default = new(new TenantSettings());

    public IReadOnlyList<string> ProblemAreas => ProblemAreaTaxonomies.Codes(Settings.Taxonomy);

    public SessionBounds BoundsFor(IptVariant variant) =>
        Settings.ContractBounds.FirstOrDefault(b => b.Variant == variant) ?? ContractDefaults.For(variant);

    public ScoringSettings Scoring => new(ReliableChange(), Settings.CustomInstruments);

    /// <summary>True when a lower total is the better outcome for this instrument.</summary>
    public bool LowerIsBetter(string instrument) =>
        Settings.CustomInstruments.FirstOrDefault(i => i.Code == instrument) is not { } custom || custom.HigherIsWorse;

    /// <summary>The highest total an instrument can have, or null for an unknown instrument.</summary>
    public int? MaxTotal(string instrument) => instrument switch
    {
        Instruments.Phq9 => 27,
        Instruments.Gad7 => 21,
        _ => Settings.CustomInstruments.FirstOrDefault(i => i.Code == instrument) is { } c ? c.ItemCount * c.ItemMax : null,
    };

    private Dictionary<string, ReliableChangeSettings> ReliableChange()
    {
        var merged = new Dictionary<string, ReliableChangeSettings>
        {
            [Instruments.Phq9] = ReliableChangeDefaults.Phq9,
            [Instruments.Gad7] = ReliableChangeDefaults.Gad7,
        };
        foreach (var (code, settings) in Settings.ReliableChange) merged[code] = settings;
        return merged;
    }
}
