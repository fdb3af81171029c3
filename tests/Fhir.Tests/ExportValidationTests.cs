using Hl7.Fhir.Model;
using Ipt.Cluster.Fhir.Tests.Infrastructure;
using Ipt.Cluster.Gateway.Fhir;
using Xunit.Abstractions;

namespace Ipt.Cluster.Fhir.Tests;

[Collection(ValidatorCollection.Name)]
public sealed class ExportValidationTests(OfflineValidator validator, ITestOutputHelper output)
{
    public static TheoryData<string> Cases() => ["sixteen-sessions", "early"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_exported_case_bundle_validates_offline_with_zero_errors(string name)
    {
        var script = name == "early" ? TreatedCases.Early() : TreatedCases.SixteenSessions();
        var bundle = CaseBundleMapper.ToBundle(script.Case, script.History, TreatedCases.Context());

        var issues = validator.Validate(bundle);

        foreach (var issue in issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Warning))
            output.WriteLine($"warning: {issue.Details?.Text} at {string.Join(", ", issue.Expression)}");
        var errors = issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Details?.Text} at {string.Join(", ", e.Expression)}")));
        output.WriteLine($"{bundle.Entry.Count} entries, {errors.Count} errors, {issues.Count(i => i.Severity == OperationOutcome.IssueSeverity.Warning)} warnings");
    }

    [Fact]
    public void The_validator_is_live_and_reports_a_broken_resource()
    {
        var broken = new Encounter { Id = "broken" }; // no status, no class: both are required
        Assert.Contains(validator.Validate(broken), i => i.Severity == OperationOutcome.IssueSeverity.Error);
    }
}
