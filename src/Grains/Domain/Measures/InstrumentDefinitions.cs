using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>Rules for the instruments a tenant defines (licensed questionnaires the product must not ship).</summary>
public static class InstrumentDefinitions
{
    public const int MaxItems = 100;
    public const int MinAnswer = 0;
    public const int MaxAnswer = 100;

    public static bool IsBuiltIn(string code) => code is Instruments.Phq9 or Instruments.Gad7;

    /// <summary>Why <paramref name="definition"/> cannot be used, or null when it is sound.</summary>
    public static DomainError? Validate(InstrumentDefinition definition)
    {
        if (!IdRules.IsValid(definition.Code))
            return Refuse("code", $"The code must be 1-{IdRules.MaxLength} characters of a-z, 0-9 and '-', not starting with '-'.");
        if (IsBuiltIn(definition.Code))
            return Refuse("code", $"'{definition.Code}' is a built-in instrument and cannot be redefined.");
        if (string.IsNullOrWhiteSpace(definition.Name))
            return Refuse("name", "The instrument needs a name.");
        if (definition.ItemCount is < 1 or > MaxItems)
            return Refuse("itemCount", $"An instrument has 1 to {MaxItems} items, not {definition.ItemCount}.");
        if (definition.ItemMin is < MinAnswer or > MaxAnswer)
            return Refuse("itemMin", $"The lowest answer must lie within {MinAnswer}..{MaxAnswer}, not {definition.ItemMin}.");
        if (definition.ItemMax is < MinAnswer or > MaxAnswer)
            return Refuse("itemMax", $"The highest answer must lie within {MinAnswer}..{MaxAnswer}, not {definition.ItemMax}.");
        if (definition.ItemMin >= definition.ItemMax)
            return Refuse("itemMax", "The highest answer must be above the lowest.");
        return ValidateBands(definition);
    }

    private static DomainError? ValidateBands(InstrumentDefinition definition)
    {
        var lowest = definition.ItemCount * definition.ItemMin;
        var highest = definition.ItemCount * definition.ItemMax;
        if (definition.Bands is not { Count: > 0 } bands)
            return Refuse("bands", $"Bands must cover the totals {lowest}..{highest}.");
        for (var i = 0; i < bands.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(bands[i].Label))
                return Refuse($"bands[{i}].label", "Every band needs a label.");
            if (bands[i].Min > bands[i].Max)
                return Refuse($"bands[{i}]", $"A band's minimum ({bands[i].Min}) must not exceed its maximum ({bands[i].Max}).");
        }
        var expected = lowest;
        foreach (var band in bands.OrderBy(b => b.Min))
        {
            if (band.Min != expected)
            {
                var problem = band.Min < expected ? "overlaps the band before it" : $"leaves a gap from {expected}";
                return Refuse("bands", $"The band '{band.Label}' starting at {band.Min} {problem}.");
            }
            expected = band.Max + 1;
        }
        return expected - 1 == highest
            ? null
            : Refuse("bands", $"Bands must cover the totals {lowest}..{highest} exactly; they end at {expected - 1}.");
    }

    private static DomainError Refuse(string field, string message) =>
        DomainError.Invalid(ErrorCodes.InstrumentDefinition, field, message);
}
