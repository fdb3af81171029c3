using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tenants;

/// <summary>What a tenant, a clinic or a person may be called, and which settings make sense.</summary>
public static class TenantRules
{
    public static DomainError? CheckName(string? name) => Checks.Text(name, "name", Checks.ShortText);

    public static DomainError? CheckSettings(TenantSettings? s)
    {
        if (s is null) return DomainError.Invalid(ErrorCodes.Required, "settings", "'settings' is required.");
        var error = Checks.First(
            Checks.Defined(s.Taxonomy, "taxonomy"),
            Checks.Defined(s.PastContract, "pastContract"),
            Checks.Range(s.NoContactDays, 1, 365, "noContactDays"),
            Checks.Range(s.MaxCases, 1, 10_000_000, "maxCases"),
            Checks.Range(s.AssessmentEverySessions, 1, 16, "assessmentEverySessions"));
        if (error is not null) return error;
        // Fields are named as the request's body has them (contractBounds[1].max), and a variant or an
        // instrument defined twice is refused: the first would otherwise win silently.
        var bounds = s.ContractBounds ?? [];
        for (var i = 0; i < bounds.Count; i++)
        {
            var b = bounds[i];
            var at = $"contractBounds[{i}]";
            var bad = Checks.Defined(b.Variant, at + ".variant") ?? Checks.Range(b.Min, 1, 60, at + ".min")
                ?? Checks.Range(b.Max, b.Min, 60, at + ".max")
                ?? Twice(bounds, i, x => x.Variant, at + ".variant");
            if (bad is not null) return bad;
        }
        foreach (var (code, rc) in s.ReliableChange ?? new Dictionary<string, Ipt.Cluster.Measures.ReliableChangeSettings>())
        {
            if (ReliableChangeRule.Validate(rc, $"reliableChange.{code}") is { } bad) return bad;
        }
        var instruments = s.CustomInstruments ?? [];
        for (var i = 0; i < instruments.Count; i++)
        {
            var at = $"customInstruments[{i}]";
            if (InstrumentDefinitions.Validate(instruments[i]) is { } bad) return bad with { Field = $"{at}.{bad.Field}" };
            if (Twice(instruments, i, x => x.Code, at + ".code") is { } twice) return twice;
        }
        return null;
    }

    private static DomainError? Twice<T, TKey>(IReadOnlyList<T> items, int index, Func<T, TKey> key, string field)
    {
        for (var earlier = 0; earlier < index; earlier++)
        {
            if (EqualityComparer<TKey>.Default.Equals(key(items[earlier]), key(items[index])))
                return DomainError.Invalid(ErrorCodes.Duplicate, field, $"'{field}' repeats the one at [{earlier}]; each may be defined once.");
        }
        return null;
    }
}
