using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Domain.Measures;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Milestones break a goal into measurable steps (the article: "setting benchmarks"): a
/// questionnaire total, a GAS level or a count, due by a session number or a date.
/// </summary>
internal static class MilestoneRules
{
    public const int MaxMilestones = 200;
    public const int MaxCount = 1000;

    public static Result<IReadOnlyList<CaseEvent>> Add(CaseState state, AddMilestone c, CaseContext context)
    {
        if (GoalRules.Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (!GoalRules.IsLive(goal))
            return DomainError.Conflict(ErrorCodes.GoalStatus, "goalId", $"Goal '{goal.GoalId}' is {goal.Status}; it takes no new milestones.");
        if (state.Milestones.Count >= MaxMilestones)
            return DomainError.Invalid(ErrorCodes.OutOfRange, "milestones", $"A case holds at most {MaxMilestones} milestones.");
        var error = Checks.First(
            Checks.Text(c.Title, "title", Checks.ShortText),
            TargetError(c.Target, context.Policy),
            c.DueSession is null && c.DueDate is null
                ? DomainError.Invalid(ErrorCodes.Required, "dueSession", "A milestone is due by a session number or a date.")
                : null,
            c.DueSession is { } n ? Checks.Range(n, state.Sessions.Count + 1, 60, "dueSession") : null,
            c.DueDate is { } d && d < context.Today
                ? DomainError.Invalid(ErrorCodes.OutOfRange, "dueDate", "A milestone cannot be due in the past.")
                : null);
        if (error is not null) return error;
        var milestone = new Milestone($"m{state.Milestones.Count + 1}", goal.GoalId, c.Title.Trim(), c.Target,
            c.DueSession, c.DueDate, MilestoneStatus.Pending, 0, null);
        return One(new MilestoneAdded(milestone));
    }

    public static Result<IReadOnlyList<CaseEvent>> Progress(CaseState state, RecordMilestoneProgress c)
    {
        if (Find(state, c.MilestoneId, out var milestone) is { } missing) return missing;
        if (milestone.Target.Kind != MilestoneTargetKind.Count)
            return DomainError.Invalid(ErrorCodes.MilestoneTarget, "milestoneId", "Only a count milestone takes progress.");
        if (milestone.Status != MilestoneStatus.Pending) return NotPending(milestone);
        return Checks.Range(c.Increment, 1, 100, "increment") is { } error
            ? error
            : One(new MilestoneProgressed(milestone.MilestoneId, Math.Min(milestone.Progress + c.Increment, MaxCount)));
    }

    public static Result<IReadOnlyList<CaseEvent>> Achieve(CaseState state, AchieveMilestone c)
    {
        if (Find(state, c.MilestoneId, out var milestone) is { } missing) return missing;
        if (milestone.Status != MilestoneStatus.Pending) return NotPending(milestone);
        return Checks.Text(c.Evidence, "evidence", Checks.LongText, required: false) is { } error
            ? error
            : One(new MilestoneAchieved(milestone.MilestoneId, c.Evidence ?? "recorded by the therapist"));
    }

    private static DomainError? TargetError(MilestoneTarget? target, CasePolicy policy)
    {
        if (target is null) return DomainError.Invalid(ErrorCodes.Required, "target", "'target' is required.");
        return target.Kind switch
        {
            MilestoneTargetKind.InstrumentThreshold => policy.MaxTotal(target.Instrument ?? "") is { } max
                ? Checks.Range(target.Value, 0, max, "target.value")
                : DomainError.Invalid(ErrorCodes.InstrumentUnknown, "target.instrument", $"There is no instrument '{target.Instrument}'."),
            MilestoneTargetKind.GasLevel => GoalAttainment.ValidateLevel(target.Value, "target.value"),
            MilestoneTargetKind.Count => Checks.First(
                Checks.Range(target.Value, 1, MaxCount, "target.value"),
                Checks.Text(target.CountOf, "target.countOf", Checks.ShortText)),
            _ => Checks.Defined(target.Kind, "target.kind"),
        };
    }

    private static DomainError? Find(CaseState state, string milestoneId, out Milestone milestone)
    {
        milestone = state.Milestones.FirstOrDefault(m => m.MilestoneId == milestoneId)!;
        return milestone is null
            ? DomainError.NotFound(ErrorCodes.MilestoneNotFound, "milestoneId", $"The case has no milestone '{milestoneId}'.")
            : null;
    }

    private static DomainError NotPending(Milestone m) =>
        DomainError.Conflict(ErrorCodes.MilestoneStatus, "milestoneId", $"Milestone '{m.MilestoneId}' is already {m.Status}.");
}
