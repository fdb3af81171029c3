using Hl7.Fhir.Model;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>The HL7 and DICOM codes the export uses, from the FHIR R4 core value sets.</summary>
internal static class FhirTerminology
{
    public const string ConditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    public const string ConditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    public const string ConditionCategory = "http://terminology.hl7.org/CodeSystem/condition-category";
    public const string GoalAchievement = "http://terminology.hl7.org/CodeSystem/goal-achievement";
    public const string GoalRelationshipType = "http://terminology.hl7.org/CodeSystem/goal-relationship-type";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    public const string AuditEntityType = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    public const string ObjectRole = "http://terminology.hl7.org/CodeSystem/object-role";
    public const string Ucum = "http://unitsofmeasure.org";

    public const string GoalRelationshipExtension = "http://hl7.org/fhir/StructureDefinition/goal-relationship";
    public const string EncounterReasonCancelledExtension = "http://hl7.org/fhir/StructureDefinition/encounter-reasonCancelled";

    public static CodeableConcept Concept(string system, string code, string display) => new(system, code, display);
}
