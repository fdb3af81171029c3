using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Fhir.Tests.Infrastructure;

/// <summary>
/// Runs commands through the pure case engine the way the case grain does, keeping the state and
/// the history. A refused command fails the test with the engine's reason.
/// </summary>
internal sealed class CaseScript(string caseId, DateTimeOffset start)
{
    public CaseState? State { get; private set; }

    public CaseState Case => State ?? throw new InvalidOperationException("The case is not open.");

    public List<RecordedEvent> History { get; } = [];

    public DateTimeOffset Now { get; private set; } = start;

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public CaseScript Do(CaseCommand command, Actor by)
    {
        var decision = CaseEngine.Handle(State, command, null, new CaseContext(caseId, by, Now, CasePolicy.Default));
        if (decision.Error is { } error)
            throw new InvalidOperationException($"{command.GetType().Name} was refused: {error.Code} {error.Message}");
        State = decision.NewState;
        History.AddRange(decision.Events);
        return this;
    }

    public CaseScript AfterDays(double days)
    {
        Now = Now.AddDays(days);
        return this;
    }

    /// <summary>The id the engine gave the goal proposed last.</summary>
    public string LastGoalId => Case.Goals[^1].GoalId;

    public string LastMilestoneId => Case.Milestones[^1].MilestoneId;
}
