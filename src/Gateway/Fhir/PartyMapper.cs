using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Who takes part: the clinic network and the clinic (partOf), therapist and supervisors, the
/// client and the care team. The client is known to us only by the clinic's pseudonymous alias,
/// so the Patient carries it as a tenant-scoped identifier and has no name: a name would look like
/// a real one to a receiver, and we hold none.
/// </summary>
internal sealed class PartyMapper(FhirContext context, CaseRefs refs)
{
    public IEnumerable<Resource> Shared()
    {
        yield return new Organization
        {
            Id = refs.TenantOrganization,
            Identifier = [new Identifier(CaseBundleMapper.IdentifierBase + "tenant", context.TenantId)],
            Active = true,
            Name = context.TenantName,
        };
        yield return new Organization
        {
            Id = refs.Clinic(context.Clinic.ClinicId),
            Identifier = [new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/clinic", context.Clinic.ClinicId)],
            Active = true,
            Name = context.Clinic.Name,
            PartOf = CaseRefs.To(refs.TenantOrganization, context.TenantName),
        };
        yield return Practitioner(context.Therapist.TherapistId, context.Therapist.Name);
        foreach (var supervisor in context.Supervisors) yield return Practitioner(supervisor.UserId, supervisor.Name);
    }

    public Patient Patient(CaseState caseState) => new()
    {
        Id = refs.Patient,
        Identifier =
        [
            new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/client-alias", caseState.ClientAlias)
            {
                Use = Identifier.IdentifierUse.Secondary,
                Type = new CodeableConcept { Text = "Pseudonymous client alias, scoped to the case" },
                Assigner = CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name),
            },
        ],
        Active = caseState.Phase != CasePhase.Closed,
        ManagingOrganization = CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name),
    };

    public CareTeam CareTeam(CaseState caseState)
    {
        var team = new CareTeam
        {
            Id = refs.CareTeam,
            Status = caseState.Phase == CasePhase.Closed ? Hl7.Fhir.Model.CareTeam.CareTeamStatus.Inactive : Hl7.Fhir.Model.CareTeam.CareTeamStatus.Active,
            Name = "IPT care team",
            Subject = CaseRefs.To(refs.Patient),
            ManagingOrganization = [CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name)],
        };
        team.Participant.Add(Member(context.Therapist.TherapistId, context.Therapist.Name, Roles.Therapist));
        foreach (var supervisor in context.Supervisors) team.Participant.Add(Member(supervisor.UserId, supervisor.Name, Roles.Supervisor));
        return team;
    }

    /// <summary>A reference to a user of the case's tenant: a Practitioner in the bundle, the patient, or an identifier only.</summary>
    public static ResourceReference? Person(Actor? actor, FhirContext context, CaseRefs refs)
    {
        if (actor is null) return null;
        if (actor.Role == Roles.Client) return CaseRefs.To(refs.Patient);
        if (actor.UserId == context.Therapist.TherapistId) return CaseRefs.To(refs.Practitioner(actor.UserId), context.Therapist.Name);
        return context.Supervisors.FirstOrDefault(s => s.UserId == actor.UserId) is { } supervisor
            ? CaseRefs.To(refs.Practitioner(supervisor.UserId), supervisor.Name)
            : null;
    }

    private Practitioner Practitioner(string userId, string name) => new()
    {
        Id = refs.Practitioner(userId),
        Identifier = [new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/user", userId)],
        Active = true,
        Name = [new HumanName { Text = name }],
    };

    private CareTeam.ParticipantComponent Member(string userId, string name, string role) => new()
    {
        Role = [new CodeableConcept { Text = role }],
        Member = CaseRefs.To(refs.Practitioner(userId), name),
    };
}
