using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// The course of treatment: the case as an EpisodeOfCare (type = IPT variant), each problem area
/// as a Condition, the contract and phase as a CarePlan, and the case's current flags as Flags.
/// </summary>
internal sealed class TreatmentMapper(CaseState caseState, CaseFacts facts, FhirContext context, CaseRefs refs)
{
    private ResourceReference Clinic => CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name);

    private ResourceReference Therapist => CaseRefs.To(refs.Practitioner(caseState.TherapistId), context.Therapist.Name);

    public IEnumerable<Resource> Resources()
    {
        yield return Episode();
        foreach (var area in caseState.ProblemAreas) yield return Condition(area);
        yield return CarePlan();
        foreach (var flag in caseState.Flags) yield return Flag(flag);
    }

    private EpisodeOfCare Episode()
    {
        var episode = new EpisodeOfCare
        {
            Id = refs.Episode,
            Identifier = [new Identifier(CaseBundleMapper.IdentifierBase + "tenant/" + context.TenantId + "/case", caseState.CaseId)],
            Status = caseState.Phase switch
            {
                CasePhase.Intake => EpisodeOfCare.EpisodeOfCareStatus.Planned,
                CasePhase.Closed => EpisodeOfCare.EpisodeOfCareStatus.Finished,
                _ => EpisodeOfCare.EpisodeOfCareStatus.Active,
            },
            Type = [FhirCodeSystems.Concept(FhirCodeSystems.Variant, LocalCodes.Of(caseState.Variant))],
            Patient = CaseRefs.To(refs.Patient),
            ManagingOrganization = Clinic,
            Period = FhirDates.Period(caseState.OpenedAt, facts.ClosedAt),
            CareManager = Therapist,
            Team = [CaseRefs.To(refs.CareTeam)],
        };
        var rank = 1;
        foreach (var area in caseState.ProblemAreas)
        {
            episode.Diagnosis.Add(new EpisodeOfCare.DiagnosisComponent { Condition = CaseRefs.To(refs.Condition(area.Code)), Rank = rank++ });
        }
        return episode;
    }

    private Condition Condition(ProblemArea area)
    {
        var condition = new Condition
        {
            Id = refs.Condition(area.Code),
            ClinicalStatus = FhirTerminology.Concept(FhirTerminology.ConditionClinical,
                caseState.Phase == CasePhase.Closed ? "resolved" : "active", caseState.Phase == CasePhase.Closed ? "Resolved" : "Active"),
            VerificationStatus = FhirTerminology.Concept(FhirTerminology.ConditionVerification, "confirmed", "Confirmed"),
            Category = [FhirTerminology.Concept(FhirTerminology.ConditionCategory, "problem-list-item", "Problem List Item")],
            Code = FhirCodeSystems.Concept(FhirCodeSystems.ProblemArea, area.Code),
            Subject = CaseRefs.To(refs.Patient),
            Asserter = Therapist,
        };
        if (area.DisputeStage is { } stage)
        {
            condition.Stage.Add(new Condition.StageComponent { Summary = FhirCodeSystems.Concept(FhirCodeSystems.DisputeStage, LocalCodes.Of(stage)) });
        }
        if (!string.IsNullOrWhiteSpace(area.Note)) condition.Note.Add(new Annotation { Text = new Markdown(area.Note) });
        return condition;
    }

    private CarePlan CarePlan()
    {
        var plan = new CarePlan
        {
            Id = refs.CarePlan,
            Status = caseState.Phase switch
            {
                CasePhase.Intake => RequestStatus.Draft,
                CasePhase.Closed => RequestStatus.Completed,
                _ => RequestStatus.Active,
            },
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Category = [FhirCodeSystems.Concept(FhirCodeSystems.Phase, LocalCodes.Of(caseState.Phase))],
            Title = "IPT treatment contract",
            Description = Describe(caseState.Contract),
            Subject = CaseRefs.To(refs.Patient),
            Period = FhirDates.Period(caseState.OpenedAt, facts.ClosedAt),
            Author = Therapist,
            CareTeam = [CaseRefs.To(refs.CareTeam)],
            Addresses = [.. caseState.ProblemAreas.Select(a => CaseRefs.To(refs.Condition(a.Code)))],
            Goal = [.. caseState.Goals.Select(g => CaseRefs.To(refs.Goal(g.GoalId)))],
        };
        if (caseState.Contract is { } contract)
        {
            plan.Activity.Add(Weekly("Contracted IPT sessions", contract.Sessions, caseState.Sessions.Select(s => refs.Session(s.Number))));
            if (contract.ExtensionSessions > 0) plan.Activity.Add(Weekly("Extension sessions a supervisor approved", contract.ExtensionSessions, []));
            if (contract is { MaintenanceIntervalWeeks: { } weeks, MaintenanceSessions: { } boosters })
                plan.Activity.Add(Sessions("Maintenance (IPT-M) booster sessions", boosters, weeks, []));
        }
        return plan;
    }

    private static string Describe(TreatmentContract? contract) => contract switch
    {
        null => "No contract agreed yet.",
        { ExtensionSessions: > 0 } => $"{contract.Sessions} weekly sessions, extended by {contract.ExtensionSessions}: {contract.TotalSessions} in all.",
        _ => $"{contract.Sessions} weekly sessions.",
    };

    private CarePlan.ActivityComponent Weekly(string description, int count, IEnumerable<string> encounters) =>
        Sessions(description, count, 1, encounters);

    private CarePlan.ActivityComponent Sessions(string description, int count, int everyWeeks, IEnumerable<string> encounters) => new()
    {
        OutcomeReference = [.. encounters.Select(id => CaseRefs.To(id))],
        Detail = new CarePlan.DetailComponent
        {
            Kind = Hl7.Fhir.Model.CarePlan.CarePlanActivityKind.Appointment,
            Code = new CodeableConcept { Text = "IPT session" },
            Status = caseState.Phase == CasePhase.Closed
                ? Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.Completed
                : Hl7.Fhir.Model.CarePlan.CarePlanActivityStatus.InProgress,
            Scheduled = new Timing
            {
                Repeat = new Timing.RepeatComponent { Count = count, Frequency = 1, Period = everyWeeks, PeriodUnit = Timing.UnitsOfTime.Wk },
            },
            Performer = [Therapist],
            Description = description,
        },
    };

    private Flag Flag(CaseFlag flag) => new()
    {
        Id = refs.Flag(LocalCodes.Of(flag)),
        Status = Hl7.Fhir.Model.Flag.FlagStatus.Active,
        Code = FhirCodeSystems.Concept(FhirCodeSystems.Flag, LocalCodes.Of(flag)),
        Subject = CaseRefs.To(refs.Patient),
        Period = facts.FlagRaisedAt(flag) is { } at ? FhirDates.Period(at, null) : null,
        Author = CaseRefs.To(refs.Clinic(caseState.ClinicId), context.Clinic.Name),
    };
}
