using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;
using CaseGoal = Ipt.Cluster.Cases.Goal;
using FhirGoal = Hl7.Fhir.Model.Goal;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Goals and milestones as Goals. A goal's target is its expected Goal Attainment Scaling level
/// (0), its current level the outcome code. A milestone is a Goal of its own, with its due date
/// and target (a LOINC total for questionnaire thresholds), linked from its goal by the core
/// goal-relationship extension of type "milestone"; a revised goal links its replacement the same
/// way with type "replacement".
/// </summary>
internal sealed class GoalMapper(CaseState caseState, CaseFacts facts, FhirContext context, CaseRefs refs)
{
    public IEnumerable<Resource> Resources()
    {
        foreach (var goal in caseState.Goals) yield return Goal(goal);
        foreach (var milestone in caseState.Milestones) yield return Milestone(milestone);
    }

    private FhirGoal Goal(CaseGoal goal)
    {
        var resource = new FhirGoal
        {
            Id = refs.Goal(goal.GoalId),
            LifecycleStatus = goal.Status switch
            {
                GoalStatus.Proposed => FhirGoal.GoalLifecycleStatus.Proposed,
                GoalStatus.Agreed => FhirGoal.GoalLifecycleStatus.Accepted,
                GoalStatus.InProgress => FhirGoal.GoalLifecycleStatus.Active,
                GoalStatus.Achieved => FhirGoal.GoalLifecycleStatus.Completed,
                GoalStatus.Revised or GoalStatus.Dropped => FhirGoal.GoalLifecycleStatus.Cancelled,
                _ => throw new ArgumentOutOfRangeException(nameof(goal), goal.Status, "Unknown goal status."),
            },
            AchievementStatus = goal.Status switch
            {
                GoalStatus.InProgress => Achievement("in-progress", "In Progress"),
                GoalStatus.Achieved => Achievement("achieved", "Achieved"),
                GoalStatus.Dropped => Achievement("not-achieved", "Not Achieved"),
                _ => null,
            },
            Description = new CodeableConcept { Text = goal.Title },
            Subject = CaseRefs.To(refs.Patient),
            Start = new Date(FhirDates.DateOf(goal.ProposedAt)),
            ExpressedBy = PartyMapper.Person(facts.GoalProposer(goal.GoalId), context, refs),
            StatusReason = goal.Status is GoalStatus.Revised or GoalStatus.Dropped or GoalStatus.Achieved && !string.IsNullOrWhiteSpace(goal.StatusReason)
                ? goal.StatusReason
                : null,
        };
        if (goal.ProblemArea is { } area && caseState.ProblemAreas.Any(a => a.Code == area))
            resource.Addresses.Add(CaseRefs.To(refs.Condition(area)));
        if (goal.Scale is { } scale)
        {
            resource.Target.Add(new FhirGoal.TargetComponent { Measure = GasMeasure, Detail = new Integer(0) });
            resource.Note.Add(new Annotation { Text = new Markdown(Describe(scale)) });
        }
        if (goal.GasLevel is { } level) resource.OutcomeCode.Add(FhirCodeSystems.Concept(FhirCodeSystems.GasLevel, LocalCodes.GasLevel(level)));
        if (goal.RevisedByGoalId is { } replacement) resource.Extension.Add(Relationship("replacement", "Replacement", refs.Goal(replacement)));
        foreach (var milestone in caseState.Milestones.Where(m => m.GoalId == goal.GoalId))
            resource.Extension.Add(Relationship("milestone", "Milestone", refs.Milestone(milestone.MilestoneId)));
        return resource;
    }

    private FhirGoal Milestone(Milestone milestone)
    {
        var resource = new FhirGoal
        {
            Id = refs.Milestone(milestone.MilestoneId),
            LifecycleStatus = milestone.Status == MilestoneStatus.Achieved
                ? FhirGoal.GoalLifecycleStatus.Completed
                : FhirGoal.GoalLifecycleStatus.Active,
            AchievementStatus = milestone.Status switch
            {
                MilestoneStatus.Achieved => Achievement("achieved", "Achieved"),
                MilestoneStatus.Missed => Achievement("not-achieved", "Not Achieved"),
                _ => Achievement("in-progress", "In Progress"),
            },
            Category = [new CodeableConcept { Text = "IPT milestone" }],
            Description = new CodeableConcept { Text = milestone.Title },
            Subject = CaseRefs.To(refs.Patient),
            Target = [Target(milestone)],
        };
        if (milestone.DueSession is { } session) resource.Note.Add(new Annotation { Text = new Markdown($"Due by session {session}.") });
        if (facts.MilestoneEvidence(milestone.MilestoneId) is { Length: > 0 } evidence)
            resource.Note.Add(new Annotation { Text = new Markdown("Achieved: " + evidence) });
        var goal = caseState.Goals.FirstOrDefault(g => g.GoalId == milestone.GoalId);
        if (goal?.ProblemArea is { } area && caseState.ProblemAreas.Any(a => a.Code == area))
            resource.Addresses.Add(CaseRefs.To(refs.Condition(area)));
        return resource;
    }

    private static FhirGoal.TargetComponent Target(Milestone milestone)
    {
        var target = milestone.Target;
        var component = new FhirGoal.TargetComponent { Due = milestone.DueDate is { } due ? new Date(FhirDates.Date(due)) : null };
        switch (target.Kind)
        {
            case MilestoneTargetKind.InstrumentThreshold when target.Instrument is { } instrument && Loinc.Total(instrument) is { } total:
                // Built-in instruments score higher for worse symptoms: the target is a ceiling.
                component.Measure = new CodeableConcept(Loinc.System, total) { Text = instrument.ToUpperInvariant() + " total score" };
                component.Detail = new Quantity
                {
                    Value = target.Value,
                    Comparator = Quantity.QuantityComparator.LessOrEqual,
                    Unit = "{score}",
                    System = FhirTerminology.Ucum,
                    Code = "{score}",
                };
                break;
            case MilestoneTargetKind.InstrumentThreshold:
                component.Measure = new CodeableConcept { Text = (target.Instrument ?? "questionnaire") + " total score" };
                component.Detail = new Integer(target.Value);
                break;
            case MilestoneTargetKind.GasLevel:
                component.Measure = GasMeasure;
                component.Detail = new Integer(target.Value);
                break;
            default:
                component.Measure = new CodeableConcept { Text = "Count of " + (target.CountOf ?? "occurrences") };
                component.Detail = new Integer(target.Value);
                break;
        }
        return component;
    }

    private static CodeableConcept GasMeasure => FhirCodeSystems.Concept(FhirCodeSystems.GasLevel, FhirCodeSystems.GasLevelMeasure);

    private static CodeableConcept Achievement(string code, string display) =>
        FhirTerminology.Concept(FhirTerminology.GoalAchievement, code, display);

    private static Extension Relationship(string type, string display, string targetId) => new()
    {
        Url = FhirTerminology.GoalRelationshipExtension,
        Extension =
        [
            new Extension("type", FhirTerminology.Concept(FhirTerminology.GoalRelationshipType, type, display)),
            new Extension("target", CaseRefs.To(targetId)),
        ],
    };

    private static string Describe(GasScale scale) =>
        $"Goal Attainment Scale: -2 {scale.MuchLess}; -1 {scale.Less}; 0 {scale.Expected}; +1 {scale.More}; +2 {scale.MuchMore}.";
}
