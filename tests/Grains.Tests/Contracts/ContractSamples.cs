using System.Collections.Immutable;
using Ipt.Cluster.Audit;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;

namespace Ipt.Cluster.Grains.Tests.Contracts;

/// <summary>
/// One realistic instance of every serializable contract type. A new contract type needs a sample
/// here (the round-trip tests fail without one) and a line in the golden file.
/// </summary>
internal static partial class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly Day = new(2026, 3, 2);

    public static readonly Actor Therapist = new("ana", Roles.Therapist);
    public static readonly Relationship Partner = new("partner-j", "partner", Closeness.Inner, 2, 4,
        "Expects her to run the household alone", "Argues more since the move", false);
    public static readonly ProblemArea Dispute = new("role-dispute", DisputeStage.Renegotiation, "Chores and money");
    public static readonly Formulation Formulation = new("Depression began with the move and the dispute over roles.", true, At);
    public static readonly TreatmentContract Contract = new(12, 2, 4, 6);
    public static readonly ExtensionRequest Extension = new(2, "A second loss reopened the grief work", "ana");
    public static readonly GasScale Scale = new("Shouts daily", "Shouts weekly", "Asks calmly once a week", "Asks calmly most days", "Plans the week together");
    public static readonly Goal Goal = new("g2", "Agree a fair split of chores", "dispute-negotiate-expectations", "role-dispute",
        RelationshipContext.Romantic, 2.0, Scale, GoalStatus.InProgress, 1, "g1", null, null, At);
    public static readonly Goal RevisedGoal = Goal with { GoalId = "g1", Title = "Fewer arguments", Status = GoalStatus.Revised, GasLevel = -1, RevisesGoalId = null, RevisedByGoalId = "g2", StatusReason = "Too broad" };
    public static readonly MilestoneTarget Threshold = new(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null);
    public static readonly MilestoneTarget Count = new(MilestoneTargetKind.Count, 3, null, "calm conversations");
    public static readonly Milestone Milestone = new("m1", "g2", "Three calm conversations", Count, 6, Day.AddDays(42), MilestoneStatus.Pending, 2, null);
    public static readonly Milestone AchievedMilestone = new("m2", "g2", "PHQ-9 under 10", Threshold, null, Day.AddDays(56), MilestoneStatus.Achieved, 0, At);
    public static readonly SessionLog Session = new(3, Day, Attendance.Attended, CasePhase.Middle, [Technique.CommunicationAnalysis, Technique.RolePlay], "Role-played asking for help");
    public static readonly ScoreBand Band = new(0, 24, "clinical");
    public static readonly InstrumentDefinition Ors = new("ors", "Outcome Rating Scale", 4, 0, 10, [Band, new ScoreBand(25, 40, "non-clinical")], false);
    public static readonly ReliableChangeSettings ReliableChange = new(5.0, 0.84);
    public static readonly QuestionnaireScore Score = new(Instruments.Phq9, [2, 2, 1, 1, 1, 1, 1, 1, 1], 11, "moderate", true, 18, -7,
        false, false, Measures.ReliableChange.Improved, 1);
    public static readonly MeasureRecord Measure = new(14, At, 3, Score);
    /// <summary>Not in <see cref="State"/>: the golden bytes of a state written before it was kept must read back as that sample.</summary>
    public static readonly MeasureSummary Summary = new(Measure, 4, [Instruments.Gad7]);
    public static readonly JournalEntry Journal = new(15, At, "We talked about the chores without shouting");
    public static readonly Termination Termination = new("PHQ-9 fell from 18 to 6", ["withdrawing from friends", "poor sleep"],
        "Call the clinic; use the worksheet", NextStep.Maintenance, 4, 6, null);
    public static readonly IdempotencyRecord Idempotency = new("log-session-3", "0F1E2D3C4B5A69788796A5B4C3D2E1F0", 12, 13);
    public static readonly DomainError Error = DomainError.Conflict(ErrorCodes.PhaseGate, "contract", "The initial phase is not complete: agree the treatment contract.");
    public static readonly SessionBounds Bounds = new(IptVariant.Standard, 8, 20);

    public static readonly TenantSettings Settings = new()
    {
        Taxonomy = ProblemAreaTaxonomy.ThreeAreas,
        ContractBounds = [Bounds, new SessionBounds(IptVariant.Group, 8, 10)],
        ReliableChange = new Dictionary<string, ReliableChangeSettings> { [Instruments.Phq9] = ReliableChange, ["ors"] = new(6.2, 0.8) },
        NoContactDays = 14,
        PastContract = PastContractPolicy.RecordAndFlag,
        CustomInstruments = [Ors],
        MaxCases = 5000,
        AssessmentEverySessions = 2,
    };

    public static readonly CaseState State = new()
    {
        CaseId = "case-1", ClinicId = "clinic-1", TherapistId = "ana", ClientAlias = "Client A",
        Variant = IptVariant.Standard, Phase = CasePhase.Middle, OpenedAt = At.AddDays(-30), Version = 42,
        Inventory = [Partner, Partner with { PersonAlias = "mother", Closeness = Closeness.Middle, Confiding = true }],
        ProblemAreas = [Dispute],
        Formulation = Formulation,
        Contract = Contract,
        PendingExtension = Extension,
        Goals = [RevisedGoal, Goal],
        Milestones = [Milestone, AchievedMilestone],
        Sessions = [Session],
        Measures = [Measure],
        RecentJournal = [Journal],
        JournalCount = 3,
        Termination = Termination,
        Flags = ImmutableSortedSet.Create(CaseFlag.SuicideRisk, CaseFlag.MilestoneAchieved),
        LastContactAt = At,
        LastAchievementAt = At.AddDays(-2),
        RecentCommands = [Idempotency],
    };

    public static readonly RecordedEvent Recorded = new(13, At, Therapist, new SessionLogged(Session));

    /// <summary>Every sample, one per contract type.</summary>
    public static IReadOnlyList<object> All =>
    [
        .. Commands, .. Events, .. Live,
        Partner, Dispute, Formulation, Contract, Extension, Scale, Goal, Threshold, Milestone, Session, Measure, Summary, Journal, Termination,
        State, Idempotency, Recorded, Error, Therapist, Bounds, Settings, Band, Ors, ReliableChange, Score,
        new CommandResult(13, [Recorded], null, false),
        new HistoryPage([Recorded], 13),
        new TenantView("north-health", "North Health", Settings, [new ClinicSummary("clinic-1", "Riverside")], At),
        new ClinicSummary("clinic-1", "Riverside"),
        new Outcome(Error),
        new ClinicView("clinic-1", "Riverside", [new StaffMember("ana", "Ana Ruiz", "ben")], [new StaffMember("ben", "Ben Ode", null)], 7),
        new StaffMember("ana", "Ana Ruiz", "ben"),
        new TherapistView("ana", "clinic-1", "Ana Ruiz", "ben", ["case-1", "case-2"]),
        GrainKey.Scoped("north-health", "case-1"),
        new AuditRecord(At, "ana", "north-health", Roles.Therapist, "case.read", "/api/cases/case-1", "case-1", AuditOutcome.Success, "corr-1"),
    ];
}
