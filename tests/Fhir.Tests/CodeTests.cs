using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Fhir.Tests.Infrastructure;
using Ipt.Cluster.Gateway.Fhir;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Fhir.Tests;

public sealed class CodeTests
{
    private static readonly HashSet<string?> LoincTable = TableCodes();

    public static TheoryData<string> Cases() => ["sixteen-sessions", "early"];

    private static Exported Export(string name) => new(name == "early" ? TreatedCases.Early() : TreatedCases.SixteenSessions());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_loinc_code_in_the_bundle_comes_from_the_tested_table_and_has_a_valid_check_digit(string name)
    {
        var exported = Export(name);
        var codes = Exported.Codings(exported.Json).Where(c => c.System == Loinc.System).Select(c => c.Code)
            .Concat(exported.All<QuestionnaireResponse>().SelectMany(r => r.Item).Select(i => i.LinkId)).ToList();

        Assert.NotEmpty(codes);
        Assert.All(codes, code =>
        {
            Assert.Contains(code, LoincTable);
            Assert.True(LoincCheckDigit.IsValid(code!), $"{code} has a wrong check digit");
        });
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_local_code_in_the_bundle_is_in_the_code_system_the_bundle_publishes(string name)
    {
        var exported = Export(name);
        var published = exported.All<CodeSystem>().ToDictionary(c => c.Url!, c => c.Concept.Select(d => d.Code).ToHashSet());
        var local = Exported.Codings(exported.Json).Where(c => c.System.StartsWith(FhirCodeSystems.Base, StringComparison.Ordinal)).ToList();

        Assert.Contains(local, c => c.System == FhirCodeSystems.ProblemArea);
        Assert.All(local, c => Assert.True(published.TryGetValue(c.System, out var codes) && codes.Contains(c.Code),
            $"{c.System}|{c.Code} is not published"));
    }

    [Fact]
    public void The_closed_and_the_early_case_together_use_every_published_code_system()
    {
        // A closed case has no flags left; the early one carries the suicide-risk flag.
        var used = Exported.Codings(Export("sixteen-sessions").Json).Concat(Exported.Codings(Export("early").Json)).Select(c => c.System)
            .Where(s => s.StartsWith(FhirCodeSystems.Base, StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(FhirCodeSystems.Concepts.Keys.Order(), used.Order());
    }

    [Fact]
    public void Both_problem_area_taxonomies_are_published() =>
        Assert.All(ProblemAreaTaxonomies.Codes(ProblemAreaTaxonomy.FourAreas).Concat(ProblemAreaTaxonomies.Codes(ProblemAreaTaxonomy.ThreeAreas)),
            code => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.ProblemArea, code)));

    [Fact]
    public void Every_value_of_the_contract_enums_has_a_published_code()
    {
        Assert.All(Enum.GetValues<IptVariant>(), v => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.Variant, LocalCodes.Of(v))));
        Assert.All(Enum.GetValues<CasePhase>(), v => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.Phase, LocalCodes.Of(v))));
        Assert.All(Enum.GetValues<Technique>(), v => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.Technique, LocalCodes.Of(v))));
        Assert.All(Enum.GetValues<CaseFlag>(), v => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.Flag, LocalCodes.Of(v))));
        Assert.All(Enum.GetValues<DisputeStage>(), v => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.DisputeStage, LocalCodes.Of(v))));
        Assert.All(Enumerable.Range(-2, 5), level => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.GasLevel, LocalCodes.GasLevel(level))));
    }

    [Fact]
    public void The_built_in_severity_bands_are_published() =>
        Assert.All(new[] { BandLabels.Minimal, BandLabels.Mild, BandLabels.Moderate, BandLabels.ModeratelySevere, BandLabels.Severe },
            band => Assert.NotNull(FhirCodeSystems.Display(FhirCodeSystems.SeverityBand, band)));

    [Fact]
    public void A_code_outside_its_system_is_refused_rather_than_exported() =>
        Assert.Throws<ArgumentException>(() => FhirCodeSystems.Coding(FhirCodeSystems.ProblemArea, "sensitivity"));

    private static HashSet<string?> TableCodes()
    {
        var codes = new HashSet<string?>(StringComparer.Ordinal) { Loinc.Difficulty };
        foreach (var (instrument, items) in new[] { (Instruments.Phq9, 9), (Instruments.Gad7, 7) })
        {
            codes.Add(Loinc.Panel(instrument)!);
            codes.Add(Loinc.Total(instrument)!);
            for (var i = 0; i < items; i++) codes.Add(Loinc.Item(instrument, i)!);
        }
        for (var value = 0; value <= 3; value++) codes.Add(Loinc.Answer(value));
        return codes;
    }
}
