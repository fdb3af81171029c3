using Ipt.Cluster.Cases;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>What the export needs from the history that the state does not keep: who proposed a goal, when the case closed, when a flag was raised.</summary>
internal sealed class CaseFacts
{
    private readonly Dictionary<string, Actor> _goalProposers = new(StringComparer.Ordinal);
    private readonly Dictionary<CaseFlag, DateTimeOffset> _flagsRaised = [];
    private readonly Dictionary<string, string> _milestoneEvidence = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Actor> _scoredBy = [];

    public CaseFacts(CaseState caseState, IReadOnlyList<RecordedEvent> history)
    {
        foreach (var recorded in history)
        {
            switch (recorded.Event)
            {
                case GoalProposed e: _goalProposers[e.Goal.GoalId] = recorded.By; break;
                case GoalRevised e: _goalProposers[e.Replacement.GoalId] = recorded.By; break;
                case FlagRaised e: _flagsRaised[e.Flag] = recorded.At; break;
                case MilestoneAchieved e: _milestoneEvidence[e.MilestoneId] = e.Evidence; break;
                case QuestionnaireScored: _scoredBy[recorded.Sequence] = recorded.By; break;
                case PhaseChanged { To: CasePhase.Closed }: ClosedAt = recorded.At; break;
            }
        }
        if (caseState.Phase != CasePhase.Closed) ClosedAt = null;
    }

    public DateTimeOffset? ClosedAt { get; }

    public Actor? GoalProposer(string goalId) => _goalProposers.GetValueOrDefault(goalId);

    public DateTimeOffset? FlagRaisedAt(CaseFlag flag) => _flagsRaised.TryGetValue(flag, out var at) ? at : null;

    public string? MilestoneEvidence(string milestoneId) => _milestoneEvidence.GetValueOrDefault(milestoneId);

    public Actor? ScoredBy(long sequence) => _scoredBy.GetValueOrDefault(sequence);
}
