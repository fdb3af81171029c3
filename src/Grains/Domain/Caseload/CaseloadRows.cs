using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Caseload;

/// <summary>A case as one row of its clinic's caseload, derived from the case's state of record.</summary>
public static class CaseloadRows
{
    /// <summary>How many PHQ-9 totals the row's trajectory keeps: enough for a sparkline and a trend.</summary>
    public const int TrajectoryLength = 8;

    public static CaseloadRow Of(CaseState s)
    {
        var trajectory = Phq9Trajectory(s.Measures);
        var goals = s.Goals.Where(g => g.Status is not (GoalStatus.Revised or GoalStatus.Dropped)).ToList();
        return new CaseloadRow(
            s.CaseId, s.ClientAlias, s.TherapistId, s.Phase,
            [.. s.ProblemAreas.Select(p => p.Code)],
            SessionsAttended: s.Sessions.Count(x => x.Attendance == Attendance.Attended),
            ContractSessions: s.Contract?.TotalSessions,
            LatestPhq9: trajectory.Length > 0 ? trajectory[^1] : null,
            Phq9Trajectory: trajectory, // an array: see QuestionnaireScoring
            GoalsAchieved: goals.Count(g => g.Status == GoalStatus.Achieved),
            GoalsTotal: goals.Count,
            MilestonesAchieved: s.Milestones.Count(m => m.Status == MilestoneStatus.Achieved),
            MilestonesTotal: s.Milestones.Count,
            Flags: [.. s.Flags],
            s.LastContactAt,
            s.Version);
    }

    // Every commit derives its row: read the measures from the newest back, only as far as the trajectory needs.
    private static int[] Phq9Trajectory(IReadOnlyList<MeasureRecord> measures)
    {
        var newestFirst = new List<int>(TrajectoryLength);
        for (var i = measures.Count - 1; i >= 0 && newestFirst.Count < TrajectoryLength; i--)
            if (measures[i].Score.Instrument == Instruments.Phq9) newestFirst.Add(measures[i].Score.Total);
        newestFirst.Reverse();
        return [.. newestFirst];
    }
}
