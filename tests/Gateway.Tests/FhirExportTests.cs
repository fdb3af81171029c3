using System.Net;
using System.Text.Json;
using Ipt.Cluster.Gateway.Tests.Infrastructure;

namespace Ipt.Cluster.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class FhirExportTests(GatewayFactory factory)
{
    [Fact]
    public async Task A_format_the_export_is_not_served_in_is_refused_naming_the_parameter()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-fhir-format");

        await tenant.Ana().GetAsync($"/api/cases/{caseId}/fhir?_format=xml").Problem(HttpStatusCode.NotAcceptable, "request.not-acceptable", "_format");
        await tenant.Admin().GetAsync($"/api/clinics/{ApiTenant.Clinic}/fhir-export?_format=application/fhir%2Bxml")
            .Problem(HttpStatusCode.NotAcceptable, "request.not-acceptable", "_format");
        var json = await tenant.Ana().GetAsync($"/api/cases/{caseId}/fhir?_format=application/fhir%2Bjson");
        Assert.Equal("application/fhir+json", json.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_therapist_exports_their_case_as_a_fhir_bundle()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-fhir");
        await CourseScript.ThroughInitialPhase(tenant.Ana(), caseId);

        var response = await tenant.Ana().GetAsync($"/api/cases/{caseId}/fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var bundle = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        var types = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource").GetProperty("resourceType").GetString()).ToList();
        Assert.Contains("EpisodeOfCare", types);
        Assert.Contains("QuestionnaireResponse", types);
        Assert.Contains("AuditEvent", types);
    }

    [Fact]
    public async Task Another_tenants_case_or_clinic_exports_as_not_found()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var intruder = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-fhir-private");

        await (await intruder.Ana().GetAsync($"/api/cases/{caseId}/fhir")).Problem(HttpStatusCode.NotFound, "resource.not-found");
        await (await intruder.Admin().GetAsync("/api/clinics/elsewhere/fhir-export")).Problem(HttpStatusCode.NotFound, "resource.not-found");
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.ClientOf(caseId).GetAsync($"/api/cases/{caseId}/fhir")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_admin_streams_a_clinics_cases_as_ndjson()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        await tenant.OpenCaseAsync("case-nd-1");
        await tenant.OpenCaseAsync("case-nd-2", ApiTenant.OtherTherapist);

        var response = await tenant.Admin().GetAsync($"/api/clinics/{ApiTenant.Clinic}/fhir-export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var resources = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, resources.Count(r => r.GetProperty("resourceType").GetString() == "EpisodeOfCare"));
    }
}
