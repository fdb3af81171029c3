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
    public async Task Without_format_the_accept_header_chooses_and_one_the_export_is_not_served_in_is_refused_naming_it()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-fhir-accept");
        Task<HttpResponseMessage> Get(HttpClient client, string path, string accept)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            return client.SendAsync(request);
        }
        var bundle = $"/api/cases/{caseId}/fhir";
        var export = $"/api/clinics/{ApiTenant.Clinic}/fhir-export";

        await Get(tenant.Ana(), bundle, "application/fhir+xml").Problem(HttpStatusCode.NotAcceptable, "request.not-acceptable", "Accept");
        await Get(tenant.Ana(), bundle, "application/fhir+json;q=0, application/xml").Problem(HttpStatusCode.NotAcceptable, "request.not-acceptable", "Accept");
        await Get(tenant.Admin(), export, "application/fhir+json").Problem(HttpStatusCode.NotAcceptable, "request.not-acceptable", "Accept");
        await Get(tenant.Ana(), bundle, "json please").Problem(HttpStatusCode.BadRequest, "request.invalid-value", "Accept");
        foreach (var accept in new[] { "application/fhir+json; fhirVersion=4.0", "application/fhir+xml;q=0.9, application/json", "*/*", "application/*" })
        {
            var ok = await Get(tenant.Ana(), bundle, accept);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"Accept: {accept} answered {ok.StatusCode}");
            Assert.Equal("application/fhir+json", ok.Content.Headers.ContentType?.MediaType);
        }
        var ndjson = await Get(tenant.Admin(), export, "application/fhir+ndjson");
        Assert.Equal(HttpStatusCode.OK, ndjson.StatusCode);
        Assert.Equal("application/fhir+ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        // _format wins over the header, as FHIR says: a browser cannot set Accept on a link.
        Assert.Equal(HttpStatusCode.OK, (await Get(tenant.Ana(), bundle + "?_format=json", "text/html")).StatusCode);
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
