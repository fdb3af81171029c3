using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Each session as an Encounter (finished when attended; cancelled, with the reason, when missed
/// or cancelled), and each technique used in it as a Procedure of that encounter. Session notes
/// stay out: they are the therapist's working notes, not part of the shared record.
/// </summary>
internal sealed class SessionMapper(CaseState caseState, FhirContext context, CaseRefs refs)
{
    private static readonly Coding Ambulatory = new(FhirTerminology.ActCode, "AMB", "ambulatory");

    public IEnumerable<Resource> Resources()
    {
        foreach (var session in caseState.Sessions)
        {
            yield return Encounter(session);
            if (session.Attendance != Attendance.Attended) continue;
            foreach (var technique in session.Techniques.Distinct()) yield return Procedure(session, technique);
        }
    }

    private ResourceReference Therapist => CaseRefs.To(refs.Practitioner(caseState.TherapistId), context.Therapist.Name);

    private Encounter Encounter(SessionLog session)
    {
        var day = FhirDates.Date(session.Date);
        var encounter = new Encounter
        {
            Id = refs.Session(session.Number),
            Identifier = [new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/case/" + caseState.CaseId + "/session",
                session.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            Status = session.Attendance == Attendance.Attended
                ? Hl7.Fhir.Model.Encounter.EncounterStatus.Finished
                : Hl7.Fhir.Model.Encounter.EncounterStatus.Cancelled,
            Class = Ambulatory,
            Type = [new CodeableConcept { Coding = [FhirCodeSystems.Coding(FhirCodeSystems.Phase, LocalCodes.Of(session.Phase))], Text = "IPT session" }],
            Subject = CaseRefs.To(refs.Patient),
            EpisodeOfCare = [CaseRefs.To(refs.Episode)],
            Participant = [new Encounter.ParticipantComponent { Individual = Therapist }],
            Period = new Period { Start = day, End = day },
            ServiceProvider = CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name),
        };
        if (session.Attendance != Attendance.Attended)
        {
            encounter.Extension.Add(new Extension(FhirTerminology.EncounterReasonCancelledExtension, new CodeableConcept
            {
                Text = session.Attendance == Attendance.Missed ? "The client did not attend (no-show)." : "The session was cancelled.",
            }));
        }
        return encounter;
    }

    private Procedure Procedure(SessionLog session, Technique technique) => new()
    {
        Id = refs.Technique(session.Number, LocalCodes.Of(technique)),
        Status = EventStatus.Completed,
        Category = new CodeableConcept { Text = "Psychotherapy technique" },
        Code = FhirCodeSystems.Concept(FhirCodeSystems.Technique, LocalCodes.Of(technique)),
        Subject = CaseRefs.To(refs.Patient),
        Encounter = CaseRefs.To(refs.Session(session.Number)),
        Performed = new FhirDateTime(FhirDates.Date(session.Date)),
        Performer = [new Procedure.PerformerComponent { Actor = Therapist }],
    };
}
