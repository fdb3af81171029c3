using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Maps one IPT case, its history and its context to a FHIR R4 collection Bundle. Pure: no I/O,
/// no clock (the export time is in the context), and the same input gives the same Bundle, ids
/// included. Every fullUrl is a <c>urn:uuid:</c> equal to the resource id; references use it.
/// </summary>
public static class CaseBundleMapper
{
    public const string IdentifierBase = "https://ipt-cluster.dev/fhir/sid/";

    public static Bundle ToBundle(CaseState caseState, IReadOnlyList<RecordedEvent> history, FhirContext context)
    {
        ArgumentNullException.ThrowIfNull(caseState);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(context);
        var export = ExportIds.Of(caseState, context);
        var bundle = new Bundle
        {
            Id = export.BundleId,
            Identifier = new Identifier(IdentifierBase + "export", export.BundleId),
            Type = Bundle.BundleType.Collection,
            Timestamp = context.ExportedAt,
        };
        foreach (var resource in FhirCodeSystems.Resources()) Add(bundle, resource);
        foreach (var resource in Resources(caseState, history, context)) Add(bundle, resource);
        Add(bundle, ExportAudit.For(caseState, context, export));
        return bundle;
    }

    /// <summary>
    /// The resources of one case without the code systems and the export's audit event: the
    /// shared ones (organizations, practitioners) first, then the case's own.
    /// </summary>
    public static IEnumerable<Resource> Resources(CaseState caseState, IReadOnlyList<RecordedEvent> history, FhirContext context)
    {
        var refs = new CaseRefs(context.TenantId, caseState.CaseId);
        var parties = new PartyMapper(context, refs);
        foreach (var resource in parties.Shared()) yield return resource;
        yield return parties.Patient(caseState);
        yield return parties.CareTeam(caseState);
        var facts = new CaseFacts(caseState, history);
        foreach (var resource in new TreatmentMapper(caseState, facts, context, refs).Resources()) yield return resource;
        foreach (var resource in new GoalMapper(caseState, facts, context, refs).Resources()) yield return resource;
        foreach (var resource in new SessionMapper(caseState, context, refs).Resources()) yield return resource;
        foreach (var resource in new MeasureMapper(caseState, facts, context, refs).Resources()) yield return resource;
    }

    private static void Add(Bundle bundle, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = FhirIds.Urn(resource.Id ?? throw new InvalidOperationException("A mapped resource has no id.")), Resource = resource });
}

/// <summary>The ids of one export: the Bundle's and its audit event's.</summary>
internal sealed record ExportIds(string BundleId, string AuditEventId)
{
    public static ExportIds Of(CaseState caseState, FhirContext context)
    {
        var at = context.ExportedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new(
            FhirIds.For(context.TenantId, "case", caseState.CaseId, "export", at, context.ExportedBy.UserId),
            FhirIds.For(context.TenantId, "case", caseState.CaseId, "export", at, context.ExportedBy.UserId, "audit"));
    }
}
