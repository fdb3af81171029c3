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
        foreach (var b in s.ContractBounds ?? [])
        {
            var bad = Checks.Defined(b.Variant, "contractBounds.variant") ?? Checks.Range(b.Min, 1, 60, "contractBounds.min")
                ?? Checks.Range(b.Max, b.Min, 60, "contractBounds.max");
            if (bad is not null) return bad;
        }
        foreach (var (code, rc) in s.ReliableChange ?? new Dictionary<string, Ipt.Cluster.Measures.ReliableChangeSettings>())
        {
            if (ReliableChangeRule.Validate(rc, $"reliableChange.{code}") is { } bad) return bad;
        }
        foreach (var instrument in s.CustomInstruments ?? [])
        {
            if (InstrumentDefinitions.Validate(instrument) is { } bad) return bad;
        }
        return null;
    }
}
