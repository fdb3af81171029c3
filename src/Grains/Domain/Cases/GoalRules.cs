using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Domain.Measures;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Goals: proposed from a template or custom, agreed by therapist AND client, rated on their Goal
/// Attainment Scale, then achieved, revised (the old version kept with its reason) or dropped.
/// </summary>
internal static class GoalRules
{
    public const int MaxGoals = 50;

    public static Result<IReadOnlyList<CaseEvent>> Propose(CaseState state, ProposeGoal c)
    {
        if (state.Goals.Count >= MaxGoals)
            return DomainError.Invalid(ErrorCodes.OutOfRange, "goals", $"A case holds at most {MaxGoals} goals.");
        var template = c.TemplateId is null ? null : GoalTemplates.Find(c.TemplateId);
        if (c.TemplateId is not null && template is null)
            return DomainError.Invalid(ErrorCodes.GoalTemplateUnknown, "templateId", $"There is no goal template '{c.TemplateId}'.");
        var title = string.IsNullOrWhiteSpace(c.Title) ? template?.Title : c.Title.Trim();
        // A template's area is matched to the case's selected focus, in whichever taxonomy the tenant uses.
        var area = c.ProblemArea ?? (template?.ProblemArea is null ? null
            : state.ProblemAreas.FirstOrDefault(a => GoalTemplates.Fits(template, a.Code))?.Code);
        var error = Checks.First(
            Checks.Text(title, "title", Checks.ShortText),
            Checks.Defined(c.Context, "context"),
            c.Weight is { } w && (w <= 0 || w > 10 || double.IsNaN(w))
                ? DomainError.Invalid(ErrorCodes.OutOfRange, "weight", "'weight' must be greater than 0 and at most 10.")
                : null,
            c.ProblemArea is not null && state.ProblemAreas.All(a => a.Code != c.ProblemArea)
                ? DomainError.Invalid(ErrorCodes.ProblemAreaNotSelected, "problemArea", $"'{c.ProblemArea}' is not a selected problem area.")
                : null,
            ScaleError(c.Scale));
        if (error is not null) return error;
        var goal = new Goal(NextGoalId(state), title!, template?.Id, area, c.Context, c.Weight ?? 1.0, c.Scale,
            GoalStatus.Proposed, null, null, null, null, default);
        return One(new GoalProposed(goal));
    }

    public static Result<IReadOnlyList<CaseEvent>> Agree(CaseState state, AgreeGoal c)
    {
        if (Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (goal.Status != GoalStatus.Proposed) return WrongStatus(goal, "agreed");
        if (!c.TherapistAgrees || !c.ClientAgrees)
            return DomainError.Invalid(ErrorCodes.GoalAgreement, c.TherapistAgrees ? "clientAgrees" : "therapistAgrees",
                "An IPT goal is agreed by therapist and client together; both must agree.");
        return One(new GoalAgreed(goal.GoalId));
    }

    public static Result<IReadOnlyList<CaseEvent>> Rate(CaseState state, RateGoal c)
    {
        if (Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (goal.Status is not (GoalStatus.Agreed or GoalStatus.InProgress)) return WrongStatus(goal, "rated");
        return Checks.First(GoalAttainment.ValidateLevel(c.Level, "level"), Checks.Text(c.Note, "note", Checks.LongText, required: false))
            is { } error ? error : One(new GoalRated(goal.GoalId, c.Level, c.Note ?? ""));
    }

    public static Result<IReadOnlyList<CaseEvent>> Achieve(CaseState state, AchieveGoal c)
    {
        if (Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (goal.Status is not (GoalStatus.Agreed or GoalStatus.InProgress)) return WrongStatus(goal, "achieved");
        return Checks.Text(c.Note, "note", Checks.LongText, required: false) is { } error
            ? error : One(new GoalAchieved(goal.GoalId, c.Note ?? ""));
    }

    public static Result<IReadOnlyList<CaseEvent>> Drop(CaseState state, DropGoal c)
    {
        if (Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (!IsLive(goal)) return WrongStatus(goal, "dropped");
        return Checks.Text(c.Reason, "reason", Checks.LongText) is { } error ? error : One(new GoalDropped(goal.GoalId, c.Reason));
    }

    public static Result<IReadOnlyList<CaseEvent>> Revise(CaseState state, ReviseGoal c)
    {
        if (Find(state, c.GoalId, out var goal) is { } missing) return missing;
        if (!IsLive(goal)) return WrongStatus(goal, "revised");
        var error = Checks.First(
            Checks.Text(c.Reason, "reason", Checks.LongText),
            Checks.Text(c.Title, "title", Checks.ShortText),
            c.Context is { } ctx ? Checks.Defined(ctx, "context") : null,
            ScaleError(c.Scale));
        if (error is not null) return error;
        // The revision is a new version to agree again; the old one stays, marked revised, for the record.
        var replacement = goal with
        {
            GoalId = NextGoalId(state), Title = c.Title.Trim(), Context = c.Context ?? goal.Context,
            Scale = c.Scale ?? goal.Scale, Status = GoalStatus.Proposed, GasLevel = null,
            RevisesGoalId = goal.GoalId, RevisedByGoalId = null, StatusReason = null,
        };
        return One(new GoalRevised(goal.GoalId, c.Reason, replacement));
    }

    public static bool IsLive(Goal goal) => goal.Status is GoalStatus.Proposed or GoalStatus.Agreed or GoalStatus.InProgress;

    internal static DomainError? Find(CaseState state, string goalId, out Goal goal)
    {
        goal = state.Goals.FirstOrDefault(g => g.GoalId == goalId)!;
        return goal is null
            ? DomainError.NotFound(ErrorCodes.GoalNotFound, "goalId", $"The case has no goal '{goalId}'.")
            : null;
    }

    private static string NextGoalId(CaseState state) => $"g{state.Goals.Count + 1}";

    private static DomainError WrongStatus(Goal goal, string verb) =>
        DomainError.Conflict(ErrorCodes.GoalStatus, "goalId", $"Goal '{goal.GoalId}' is {goal.Status} and cannot be {verb}.");

    private static DomainError? ScaleError(GasScale? scale) => scale is null ? null : Checks.First(
        Checks.Text(scale.MuchLess, "scale.muchLess", Checks.ShortText),
        Checks.Text(scale.Less, "scale.less", Checks.ShortText),
        Checks.Text(scale.Expected, "scale.expected", Checks.ShortText),
        Checks.Text(scale.More, "scale.more", Checks.ShortText),
        Checks.Text(scale.MuchMore, "scale.muchMore", Checks.ShortText));
}
