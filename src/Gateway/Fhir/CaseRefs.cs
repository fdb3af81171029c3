using Hl7.Fhir.Model;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>The deterministic id of every resource of a case, and references to them.</summary>
internal sealed class CaseRefs(string tenant, string caseId)
{
    public string Tenant { get; } = tenant;

    public string TenantOrganization => FhirIds.For(Tenant, "organization");

    public string Clinic(string clinicId) => FhirIds.For(Tenant, "clinic", clinicId);

    public string Practitioner(string userId) => FhirIds.For(Tenant, "practitioner", userId);

    public string Patient => Of("patient");

    public string CareTeam => Of("care-team");

    public string Episode => Of("episode");

    public string CarePlan => Of("care-plan");

    public string Condition(string problemArea) => Of("condition", problemArea);

    public string Goal(string goalId) => Of("goal", goalId);

    public string Milestone(string milestoneId) => Of("milestone", milestoneId);

    public string Session(int number) => Of("session", Text(number));

    public string Technique(int session, string technique) => Of("session", Text(session), "technique", technique);

    public string Response(long sequence) => Of("questionnaire-response", Text(sequence));

    public string Score(long sequence) => Of("score", Text(sequence));

    public string Flag(string code) => Of("flag", code);

    public static ResourceReference To(string id, string? display = null) => new(FhirIds.Urn(id), display);

    private string Of(params string[] parts) => FhirIds.For([Tenant, "case", caseId, .. parts]);

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
