using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// The export's own AuditEvent, in the style of IHE Basic Audit Log Patterns: a DICOM "Export"
/// event, the exporting user as the requesting agent, the gateway of the tenant as the source, and
/// two entities: the patient whose data left and the Bundle that carried it.
/// </summary>
internal static class ExportAudit
{
    public static AuditEvent For(CaseState caseState, FhirContext context, ExportIds export)
    {
        var refs = new CaseRefs(context.TenantId, caseState.CaseId);
        return new AuditEvent
        {
            Id = export.AuditEventId,
            Type = new Coding(FhirTerminology.Dicom, "110106", "Export"),
            Action = AuditEvent.AuditEventAction.R,
            Recorded = context.ExportedAt,
            Outcome = AuditEvent.AuditEventOutcome.N0,
            Agent =
            [
                new AuditEvent.AgentComponent
                {
                    Who = new ResourceReference
                    {
                        Identifier = new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/user", context.ExportedBy.UserId),
                        Display = context.ExportedBy.Role,
                    },
                    Requestor = true,
                },
            ],
            Source = new AuditEvent.SourceComponent
            {
                Site = "ipt-cluster gateway",
                Observer = CaseRefs.To(refs.TenantOrganization, context.TenantName),
            },
            Entity =
            [
                new AuditEvent.EntityComponent
                {
                    What = CaseRefs.To(refs.Patient),
                    Type = new Coding(FhirTerminology.AuditEntityType, "1", "Person"),
                    Role = new Coding(FhirTerminology.ObjectRole, "1", "Patient"),
                },
                new AuditEvent.EntityComponent
                {
                    What = new ResourceReference { Identifier = new Identifier(CaseBundleMapper.IdentifierBase + "export", export.BundleId) },
                    Type = new Coding(FhirTerminology.AuditEntityType, "2", "System Object"),
                    Role = new Coding(FhirTerminology.ObjectRole, "20", "Job"),
                    Description = "FHIR R4 Bundle of the case",
                },
            ],
        };
    }
}
