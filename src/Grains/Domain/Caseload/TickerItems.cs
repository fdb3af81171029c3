using Ipt.Cluster.Live;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Domain.Caseload;

/// <summary>The events a supervisor wants to see go by, as ticker lines; the rest of the history stays quiet.</summary>
public static class TickerItems
{
    public static IEnumerable<TickerItem> From(string caseId, IEnumerable<RecordedEvent> events)
    {
        foreach (var e in events)
        {
            (string Kind, string Text)? line = e.Event switch
            {
                GoalAgreed g => ("goal-agreed", $"Goal {g.GoalId} agreed"),
                GoalAchieved g => ("goal-achieved", $"Goal {g.GoalId} achieved"),
                MilestoneAchieved m => ("milestone-achieved", $"Milestone {m.MilestoneId} achieved"),
                SessionLogged s => ("session-logged", $"Session {s.Session.Number} logged ({s.Session.Attendance.ToString().ToLowerInvariant()})"),
                QuestionnaireScored q => ("score-submitted", $"{q.Score.Instrument.ToUpperInvariant()} submitted: {q.Score.Total}"),
                FlagRaised f => ("flag-raised", $"Flag raised: {f.Flag}"),
                PhaseChanged p => ("phase-changed", $"Phase {p.From} to {p.To}"),
                _ => null,
            };
            if (line is { } l) yield return new TickerItem(caseId, e.Sequence, e.At, l.Kind, l.Text);
        }
    }
}
