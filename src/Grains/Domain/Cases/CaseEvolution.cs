using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Applies committed events to a case. Total and deterministic: replaying a case's history from
/// nothing gives the same state as its snapshot.
/// </summary>
public static class CaseEvolution
{
    /// <summary>Days a milestone achievement stays good news on the dashboard.</summary>
    public static readonly TimeSpan AchievementNewsWindow = TimeSpan.FromDays(14);

    /// <summary>
    /// Retries come within minutes and a case gets a few commands a week, so the last 32 keys (weeks
    /// of a case's work) cover any real retry. They are part of every snapshot: with 64 they were
    /// most of its size and of the time spent writing it.
    /// </summary>
    public const int IdempotencyKeysKept = 32;

    /// <summary>
    /// A case from its latest snapshot (null: none yet) and the events committed after it, oldest
    /// first: the state its grain had when it committed the last of them.
    /// </summary>
    public static CaseState? Replay(CaseState? snapshot, IEnumerable<RecordedEvent> later, string caseId)
    {
        ArgumentNullException.ThrowIfNull(later);
        var state = snapshot;
        foreach (var recorded in later)
        {
            var expected = (state?.Version ?? 0) + 1;
            if (recorded.Sequence != expected)
                throw new InvalidOperationException($"Case '{caseId}' has event {recorded.Sequence} where {expected} was due.");
            state = Apply(state, recorded, caseId);
        }
        // A snapshot written before the measures' summary was kept: summarise them once, here.
        return state is { MeasureSummary: null, Measures.Count: > 0 } ? state with { MeasureSummary = MeasureSummaries.Of(state.Measures) } : state;
    }

    /// <summary>The state that recognises a retry of the command <paramref name="record"/> stands for; the oldest keys beyond <see cref="IdempotencyKeysKept"/> are forgotten.</summary>
    public static CaseState Remember(CaseState state, IdempotencyRecord record)
    {
        var kept = state.RecentCommands.Add(record);
        return state with { RecentCommands = kept.Count > IdempotencyKeysKept ? kept.RemoveRange(0, kept.Count - IdempotencyKeysKept) : kept };
    }

    public static CaseState Apply(CaseState? state, RecordedEvent recorded, string caseId)
    {
        var s = state ?? Opened(caseId, recorded);
        var at = recorded.At;
        s = recorded.Event switch
        {
            CaseOpened => s,
            // Closing clears the flags through the FlagCleared events the engine records for each one
            // (CaseFlags derives none for a closed case), so the history shows every flag change.
            PhaseChanged e => s with { Phase = e.To },
            RelationshipRecorded e => s with { Inventory = s.Inventory.RemoveAll(r => r.PersonAlias == e.Relationship.PersonAlias).Add(e.Relationship) },
            ProblemAreaSelected e => s with { ProblemAreas = s.ProblemAreas.Add(e.Area) },
            ProblemAreaRemoved e => s with { ProblemAreas = s.ProblemAreas.RemoveAll(a => a.Code == e.Code) },
            FormulationRecorded e => s with { Formulation = new Formulation(e.Text, false, null) },
            FormulationAccepted => s with { Formulation = s.Formulation! with { AcceptedByClient = true, AcceptedAt = at } },
            ContractSet e => s with { Contract = new TreatmentContract(e.Sessions, s.Contract?.ExtensionSessions ?? 0, e.MaintenanceIntervalWeeks, e.MaintenanceSessions) },
            ExtensionRequested e => s with { PendingExtension = e.Request },
            ExtensionDecided e => s with
            {
                PendingExtension = null,
                Contract = e.Approved ? s.Contract! with { ExtensionSessions = s.Contract.ExtensionSessions + e.Sessions } : s.Contract,
            },
            SessionLogged e => s with
            {
                Sessions = s.Sessions.Add(e.Session),
                LastContactAt = e.Session.Attendance == Attendance.Attended ? Later(s.LastContactAt, at) : s.LastContactAt,
            },
            GoalProposed e => s with { Goals = s.Goals.Add(e.Goal with { ProposedAt = at }) },
            GoalAgreed e => UpdateGoal(s, e.GoalId, g => g with { Status = GoalStatus.Agreed }),
            GoalRated e => UpdateGoal(s, e.GoalId, g => g with { Status = GoalStatus.InProgress, GasLevel = e.Level }),
            GoalAchieved e => UpdateGoal(s, e.GoalId, g => g with { Status = GoalStatus.Achieved, StatusReason = e.Note }),
            GoalDropped e => UpdateGoal(s, e.GoalId, g => g with { Status = GoalStatus.Dropped, StatusReason = e.Reason }),
            GoalRevised e => Revised(s, e, at),
            MilestoneAdded e => s with { Milestones = s.Milestones.Add(e.Milestone) },
            MilestoneProgressed e => UpdateMilestone(s, e.MilestoneId, m => m with { Progress = e.Progress }),
            MilestoneAchieved e => UpdateMilestone(s, e.MilestoneId, m => m with { Status = MilestoneStatus.Achieved, AchievedAt = at }) with { LastAchievementAt = at },
            MilestoneMissed e => UpdateMilestone(s, e.MilestoneId, m => m with { Status = MilestoneStatus.Missed }),
            QuestionnaireScored e => Scored(s, new MeasureRecord(recorded.Sequence, at, e.SessionNumber, e.Score)),
            JournalEntryAdded e => s with
            {
                RecentJournal = Keep(s.RecentJournal.Add(new JournalEntry(recorded.Sequence, at, e.Text)), 20),
                JournalCount = s.JournalCount + 1,
                LastContactAt = Later(s.LastContactAt, at),
            },
            TerminationRecorded e => s with { Termination = e.Termination, Contract = MaintenanceContract(s.Contract, e.Termination) },
            FlagRaised e => s with { Flags = s.Flags.Add(e.Flag) },
            FlagCleared e => s with { Flags = s.Flags.Remove(e.Flag) },
            _ => throw new InvalidOperationException($"No rule applies {recorded.Event.GetType().Name}."),
        };
        s = s with { Version = recorded.Sequence };
        return recorded.Completes is { } command ? Remember(s, command) : s;
    }

    private static CaseState Opened(string caseId, RecordedEvent recorded) => recorded.Event is CaseOpened e
        ? new CaseState
        {
            CaseId = caseId, ClinicId = e.ClinicId, TherapistId = e.TherapistId, ClientAlias = e.ClientAlias,
            Variant = e.Variant, Phase = CasePhase.Intake, OpenedAt = recorded.At, LastContactAt = recorded.At,
        }
        : throw new InvalidOperationException("A case's history starts with CaseOpened.");

    private static CaseState Revised(CaseState s, GoalRevised e, DateTimeOffset at)
    {
        var withOld = UpdateGoal(s, e.GoalId, g => g with { Status = GoalStatus.Revised, StatusReason = e.Reason, RevisedByGoalId = e.Replacement.GoalId });
        // Pending milestones follow the goal into its new version; settled ones stay with the old.
        var milestones = withOld.Milestones.ConvertAll(m =>
            m.GoalId == e.GoalId && m.Status == MilestoneStatus.Pending ? m with { GoalId = e.Replacement.GoalId } : m);
        return withOld with { Goals = withOld.Goals.Add(e.Replacement with { ProposedAt = at }), Milestones = milestones };
    }

    private static TreatmentContract? MaintenanceContract(TreatmentContract? contract, Termination t) =>
        t.NextStep == NextStep.Maintenance && contract is not null
            ? contract with { MaintenanceIntervalWeeks = t.BoosterIntervalWeeks, MaintenanceSessions = t.BoosterSessions }
            : contract;

    private static CaseState Scored(CaseState s, MeasureRecord measure) => s with
    {
        Measures = s.Measures.Add(measure),
        MeasureSummary = MeasureSummaries.With(s.MeasureSummary ?? MeasureSummaries.Of(s.Measures), measure),
        LastContactAt = Later(s.LastContactAt, measure.At),
    };

    private static CaseState UpdateGoal(CaseState s, string goalId, Func<Goal, Goal> change) =>
        s with { Goals = s.Goals.ConvertAll(g => g.GoalId == goalId ? change(g) : g) };

    private static CaseState UpdateMilestone(CaseState s, string milestoneId, Func<Milestone, Milestone> change) =>
        s with { Milestones = s.Milestones.ConvertAll(m => m.MilestoneId == milestoneId ? change(m) : m) };

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static System.Collections.Immutable.ImmutableList<T> Keep<T>(System.Collections.Immutable.ImmutableList<T> list, int count) =>
        list.Count > count ? list.RemoveRange(0, list.Count - count) : list;
}
