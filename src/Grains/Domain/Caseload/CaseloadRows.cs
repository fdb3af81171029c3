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
        var phq9 = s.Measures.Where(m => m.Score.Instrument == Instruments.Phq9).Select(m => m.Score.Total).ToList();
        var goals = s.Goals.Where(g => g.Status is not (GoalStatus.Revised or GoalStatus.Dropped)).ToList();
        return new CaseloadRow(
            s.CaseId, s.ClientAlias, s.TherapistId, s.Phase,
            [.. s.ProblemAreas.Select(p => p.Code)],
            SessionsAttended: s.Sessions.Count(x => x.Attendance == Attendance.Attended),
            ContractSessions: s.Contract?.TotalSessions,
            LatestPhq9: phq9.Count > 0 ? phq9[^1] : null,
            Phq9Trajectory: phq9.TakeLast(TrajectoryLength).ToArray(), // an array: see QuestionnaireScoring
            GoalsAchieved: goals.Count(g => g.Status == GoalStatus.Achieved),
            GoalsTotal: goals.Count,
            MilestonesAchieved: s.Milestones.Count(m => m.Status == MilestoneStatus.Achieved),
            MilestonesTotal: s.Milestones.Count,
            Flags: [.. s.Flags],
            s.LastContactAt,
            s.Version);
    }
}
