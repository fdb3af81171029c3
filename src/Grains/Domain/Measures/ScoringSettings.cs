using Ipt.Cluster.Measures;
using BuiltIn = Ipt.Cluster.Measures.Instruments;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>
/// A tenant's measurement settings: reliable-change SD and r per instrument code (no entry, no
/// reliable-change verdict for that instrument) and the instruments the tenant defined itself.
/// </summary>
public sealed record ScoringSettings(
    IReadOnlyDictionary<string, ReliableChangeSettings> ReliableChange,
    IReadOnlyList<InstrumentDefinition> Instruments)
{
    /// <summary>The defaults for PHQ-9 and GAD-7, and no tenant-defined instruments.</summary>
    public static ScoringSettings Default { get; } = new(ReliableChangeDefaults.ByInstrument, []);

    /// <summary>The built-in or tenant-defined instrument with this code, or null.</summary>
    public InstrumentDefinition? Find(string? code) => code switch
    {
        null => null,
        BuiltIn.Phq9 => Phq9.Definition,
        BuiltIn.Gad7 => Gad7.Definition,
        _ => Instruments.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal)),
    };
}
