using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Measures;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>The case's Goal Attainment Scaling T-score over the goals that are rated and not revised or dropped.</summary>
public static class GasScore
{
    public static double? Of(CaseState state) => GoalAttainment.TScore(state.Goals
        .Where(g => g.GasLevel.HasValue && g.Status is GoalStatus.InProgress or GoalStatus.Achieved)
        .Select(g => (g.Weight, g.GasLevel!.Value))
        .ToList());
}
