using System.Collections.Immutable;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// The signals a supervisor expects (IPT-REFERENCE.md, "Risk and progress signals"), derived
/// from the case and the clock. The engine records each change as FlagRaised / FlagCleared.
/// </summary>
public static class CaseFlags
{
    public static ImmutableSortedSet<CaseFlag> Derive(CaseState s, DateTimeOffset now, CasePolicy policy)
    {
        if (s.Phase == CasePhase.Closed) return [];
        var flags = ImmutableSortedSet.CreateBuilder<CaseFlag>();
        var measures = s.MeasureSummary ?? MeasureSummaries.Of(s.Measures);
        var latest = measures.LatestPhq9?.Score;
        var attended = SessionRules.Attended(s);

        // ANY non-zero answer to PHQ-9 item 9 needs a suicide-risk review, whatever the total.
        Add(flags, CaseFlag.SuicideRisk, latest?.SuicideItemPositive == true);
        Add(flags, CaseFlag.ReliableDeterioration, !measures.DeterioratedInstruments.IsDefaultOrEmpty);
        Add(flags, CaseFlag.NotOnTrack, NotOnTrack(s, latest, attended));
        Add(flags, CaseFlag.MissedSessions, s.Sessions.Count >= 2
            && s.Sessions[^1].Attendance == Attendance.Missed && s.Sessions[^2].Attendance == Attendance.Missed);
        Add(flags, CaseFlag.PastContractWithoutExtension, s.Contract is { } c && attended > c.TotalSessions);
        Add(flags, CaseFlag.NoContact, now - s.LastContactAt > NoContactAfter(s, policy));
        Add(flags, CaseFlag.AssessmentOverdue, AssessmentOverdue(s, measures, policy));
        Add(flags, CaseFlag.TerminationNotStarted, s.Phase == CasePhase.Middle && s.Contract is { } k
            && attended >= k.TotalSessions - TerminationSessions(s.Variant));

        Add(flags, CaseFlag.Response, measures.Phq9Count > 1 && latest!.Response);
        Add(flags, CaseFlag.Remission, measures.Phq9Count > 1 && latest!.Remission);
        Add(flags, CaseFlag.MilestoneAchieved, s.LastAchievementAt is { } at && now - at <= CaseEvolution.AchievementNewsWindow);
        Add(flags, CaseFlag.GoalAchieved, s.Goals.Any(g => g.Status == GoalStatus.Achieved));
        return flags.ToImmutable();
    }

    /// <summary>
    /// Not on track at mid-contract: half the contracted sessions attended with no reliable
    /// improvement or response on the PHQ-9, and no milestone reached.
    /// </summary>
    private static bool NotOnTrack(CaseState s, QuestionnaireScore? latest, int attended) =>
        s.Phase is CasePhase.Middle or CasePhase.Termination
        && s.Contract is { } contract && attended * 2 >= contract.Sessions
        && latest is not null && latest.ReliableChange != ReliableChange.Improved && !latest.Response
        && s.Milestones.All(m => m.Status != MilestoneStatus.Achieved);

    /// <summary>Termination takes the last 1-3 sessions, the last 5 in group IPT (IPT-REFERENCE.md).</summary>
    private static int TerminationSessions(IptVariant variant) => variant == IptVariant.Group ? 5 : 2;

    private static TimeSpan NoContactAfter(CaseState s, CasePolicy policy)
    {
        var days = policy.Settings.NoContactDays;
        // Maintenance sessions are monthly or so: only a missed booster is a loss of contact.
        if (s.Phase == CasePhase.Maintenance && s.Contract?.MaintenanceIntervalWeeks is { } weeks)
            days = Math.Max(days, weeks * 7 + 7);
        return TimeSpan.FromDays(days);
    }

    private static bool AssessmentOverdue(CaseState s, MeasureSummary measures, CasePolicy policy)
    {
        if (s.Phase is not (CasePhase.Initial or CasePhase.Middle or CasePhase.Termination)) return false;
        var assessedAtSession = measures.LatestPhq9?.SessionNumber ?? 0;
        var since = s.Sessions.Count(x => x.Attendance == Attendance.Attended && x.Number > assessedAtSession);
        return measures.Phq9Count == 0 ? since >= 1 : since >= policy.Settings.AssessmentEverySessions;
    }

    private static void Add(ImmutableSortedSet<CaseFlag>.Builder flags, CaseFlag flag, bool present)
    {
        if (present) flags.Add(flag);
    }
}
