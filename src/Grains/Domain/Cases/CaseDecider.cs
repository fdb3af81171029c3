using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Turns a command into the events it causes, or the error that refuses it. Pure: it reads the
/// case and the context and changes nothing; the engine applies and commits what it returns.
/// </summary>
public static class CaseDecider
{
    public static Result<IReadOnlyList<CaseEvent>> Decide(CaseState? state, CaseCommand command, CaseContext context)
    {
        if (state is null)
        {
            return command is OpenCase open
                ? LifecycleRules.Open(open, context)
                : DomainError.NotFound(ErrorCodes.CaseNotFound, "caseId", $"There is no case '{context.CaseId}'.");
        }
        if (command is OpenCase)
            return DomainError.Conflict(ErrorCodes.CaseExists, "caseId", $"Case '{context.CaseId}' is already open.");
        if (state.Phase == CasePhase.Closed)
            return DomainError.Conflict(ErrorCodes.CaseClosed, "caseId", "The case is closed; it changes no more.");

        return command switch
        {
            MovePhase c => PhaseGates.Move(state, c),
            RecordRelationship c => LifecycleRules.RecordRelationship(c),
            SelectProblemArea c => LifecycleRules.SelectProblemArea(state, c, context),
            RemoveProblemArea c => LifecycleRules.RemoveProblemArea(state, c),
            RecordFormulation c => LifecycleRules.RecordFormulation(c),
            AcceptFormulation => LifecycleRules.AcceptFormulation(state),
            SetContract c => ContractRules.Set(state, c, context),
            RequestExtension c => ContractRules.Request(state, c, context),
            DecideExtension c => ContractRules.Decide(state, c, context),
            RecordTermination c => LifecycleRules.RecordTermination(state, c),
            LogSession c => SessionRules.Log(state, c, context),
            ProposeGoal c => GoalRules.Propose(state, c),
            AgreeGoal c => GoalRules.Agree(state, c),
            RateGoal c => GoalRules.Rate(state, c),
            AchieveGoal c => GoalRules.Achieve(state, c),
            DropGoal c => GoalRules.Drop(state, c),
            ReviseGoal c => GoalRules.Revise(state, c),
            AddMilestone c => MilestoneRules.Add(state, c, context),
            RecordMilestoneProgress c => MilestoneRules.Progress(state, c),
            AchieveMilestone c => MilestoneRules.Achieve(state, c),
            SubmitQuestionnaire c => MeasureRules.Submit(state, c, context),
            AddJournalEntry c => MeasureRules.Journal(c, context),
            ReviewFlags => Result<IReadOnlyList<CaseEvent>>.Ok([]),
            _ => DomainError.Invalid(ErrorCodes.UnknownValue, "command", $"Unknown command {command.GetType().Name}."),
        };
    }

    internal static Result<IReadOnlyList<CaseEvent>> One(CaseEvent e) => Result<IReadOnlyList<CaseEvent>>.Ok([e]);
}
