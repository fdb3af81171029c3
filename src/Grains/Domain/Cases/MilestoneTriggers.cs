using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// What the case notices by itself after a command: a new score, GAS rating or count that meets a
/// milestone achieves it; a milestone still pending after its due session or date is missed.
/// </summary>
internal static class MilestoneTriggers
{
    public static IEnumerable<CaseEvent> After(CaseState state, IReadOnlyList<CaseEvent> events, CaseContext context)
    {
        var lastSession = state.Sessions.Count > 0 ? state.Sessions[^1] : null;
        foreach (var m in state.Milestones.Where(m => m.Status == MilestoneStatus.Pending))
        {
            if (Met(m, state, events, context) is { } evidence)
                yield return new MilestoneAchieved(m.MilestoneId, evidence);
            else if ((m.DueSession is { } due && lastSession is not null && lastSession.Number > due)
                     || (m.DueDate is { } date && context.Today > date))
                yield return new MilestoneMissed(m.MilestoneId);
        }
    }

    private static string? Met(Milestone m, CaseState state, IReadOnlyList<CaseEvent> events, CaseContext context)
    {
        switch (m.Target.Kind)
        {
            case MilestoneTargetKind.InstrumentThreshold:
                var score = events.OfType<QuestionnaireScored>().LastOrDefault(e => e.Score.Instrument == m.Target.Instrument)?.Score;
                if (score is null) return null;
                var met = context.Policy.LowerIsBetter(score.Instrument) ? score.Total <= m.Target.Value : score.Total >= m.Target.Value;
                return met ? $"{score.Instrument} total {score.Total} reached the target {m.Target.Value}" : null;
            case MilestoneTargetKind.GasLevel:
                var rated = events.OfType<GoalRated>().LastOrDefault(e => e.GoalId == m.GoalId);
                return rated is not null && rated.Level >= m.Target.Value ? $"GAS level {rated.Level:+0;-0;0} reached" : null;
            case MilestoneTargetKind.Count:
                var progressed = events.OfType<MilestoneProgressed>().Any(e => e.MilestoneId == m.MilestoneId);
                return progressed && m.Progress >= m.Target.Value ? $"{m.Progress} {m.Target.CountOf}" : null;
            default:
                return null;
        }
    }
}
