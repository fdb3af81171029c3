using Hl7.Fhir.Model;
using Ipt.Cluster.Fhir.Tests.Infrastructure;
using Ipt.Cluster.Gateway.Fhir;

namespace Ipt.Cluster.Fhir.Tests;

[Collection(ValidatorCollection.Name)]
public sealed class NdjsonExportTests(OfflineValidator validator)
{
    private static List<string> ClinicExport()
    {
        var cases = new[] { TreatedCases.SixteenSessions(), TreatedCases.Early() }
            .Select(s => new CaseExport(s.Case, s.History, TreatedCases.Context()));
        return [.. NdjsonExport.Lines(cases)];
    }

    [Fact]
    public void Every_line_is_one_resource_that_parses_and_validates()
    {
        var lines = ClinicExport();

        Assert.All(lines, line =>
        {
            Assert.DoesNotContain('\n', line);
            var resource = Exported.Parse<Resource>(line);
            var errors = validator.Validate(resource).Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal);
            Assert.Empty(errors);
        });
    }

    [Fact]
    public void Code_systems_come_first_and_shared_resources_appear_once()
    {
        var resources = ClinicExport().Select(Exported.Parse<Resource>).ToList();

        Assert.All(resources.Take(FhirCodeSystems.Concepts.Count), r => Assert.IsType<CodeSystem>(r));
        Assert.Equal(resources.Count, resources.Select(r => r.Id).Distinct().Count());
        Assert.Equal(2, resources.OfType<Organization>().Count());
        Assert.Equal(2, resources.OfType<Patient>().Count());
        Assert.Equal(2, resources.OfType<AuditEvent>().Count());
    }
}
