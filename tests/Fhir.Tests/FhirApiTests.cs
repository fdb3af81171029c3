using Ipt.Cluster.Gateway.Audit;
using Ipt.Cluster.Gateway.Fhir;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ipt.Cluster.Fhir.Tests;

public sealed class FhirApiTests
{
    [Theory]
    [InlineData("api/cases/{caseId}/fhir", FhirApi.CaseStaffPolicy, FhirApi.CaseExportAction)]
    [InlineData("api/clinics/{clinicId}/fhir-export", FhirApi.TenantAdminPolicy, FhirApi.ClinicExportAction)]
    public async Task Each_export_endpoint_requires_its_policy_and_is_audited(string route, string policy, string action)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.MapFhirApi();

        var endpoint = ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText?.TrimStart('/') == route);

        Assert.Equal(policy, Assert.Single(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()).Policy);
        Assert.Equal(action, endpoint.Metadata.GetMetadata<AuditActionMetadata>()?.Action);
    }
}
