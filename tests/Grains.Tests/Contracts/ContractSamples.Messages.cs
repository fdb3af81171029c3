using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Grains.Tests.Contracts;

internal static partial class ContractSamples
{
    public static IReadOnlyList<CaseCommand> Commands =>
    [
        new OpenCase("clinic-1", "ana", "Client A", IptVariant.LateLife),
        new MovePhase(CasePhase.Closed, "Client moved abroad"),
        new RecordRelationship(Partner),
        new SelectProblemArea("role-dispute", DisputeStage.Impasse, "Chores and money"),
        new RemoveProblemArea("grief", "Not the focus after all"),
        new RecordFormulation("Depression began with the move and the dispute over roles."),
        new AcceptFormulation(),
        new SetContract(12, 4, 6),
        new RequestExtension(2, "A second loss reopened the grief work"),
        new DecideExtension(true, "Agreed in supervision"),
        new RecordTermination(Termination),
        new LogSession(3, Day, Attendance.Missed, [Technique.Clarification], "Called, no answer"),
        new ProposeGoal("dispute-communication", "Ask for help calmly", "role-dispute", RelationshipContext.Romantic, 1.5, Scale),
        new AgreeGoal("g1", true, true),
        new RateGoal("g1", -1, "Two arguments this week"),
        new AchieveGoal("g1", "She asked for help twice"),
        new DropGoal("g1", "The partner moved out"),
        new ReviseGoal("g1", "Too broad", "Agree a fair split of chores", RelationshipContext.Family, Scale),
        new AddMilestone("g1", "PHQ-9 under 10", Threshold, 8, Day.AddDays(56)),
        new RecordMilestoneProgress("m1", 2),
        new AchieveMilestone("m1", "Reported in session 5"),
        new SubmitQuestionnaire(Instruments.Phq9, [2, 2, 1, 1, 1, 1, 1, 1, 1], 1, 3),
        new AddJournalEntry("We talked about the chores without shouting"),
        new ReviewFlags(),
    ];

    public static IReadOnlyList<CaseEvent> Events =>
    [
        new CaseOpened("clinic-1", "ana", "Client A", IptVariant.Adolescent),
        new PhaseChanged(CasePhase.Initial, CasePhase.Middle, "Gate complete"),
        new RelationshipRecorded(Partner),
        new ProblemAreaSelected(Dispute),
        new ProblemAreaRemoved("grief", "Not the focus after all"),
        new FormulationRecorded("Depression began with the move and the dispute over roles."),
        new FormulationAccepted(),
        new ContractSet(12, 4, 6),
        new ExtensionRequested(Extension),
        new ExtensionDecided(true, 2, "Agreed in supervision"),
        new SessionLogged(Session),
        new GoalProposed(Goal),
        new GoalAgreed("g2"),
        new GoalRated("g2", 2, "Plans the week together"),
        new GoalAchieved("g2", "Held for a month"),
        new GoalDropped("g3", "Not a priority"),
        new GoalRevised("g1", "Too broad", Goal),
        new MilestoneAdded(Milestone),
        new MilestoneProgressed("m1", 2),
        new MilestoneAchieved("m2", "phq-9 total 8 reached the target 9"),
        new MilestoneMissed("m3"),
        new QuestionnaireScored(Score, 3),
        new JournalEntryAdded("We talked about the chores without shouting"),
        new TerminationRecorded(Termination),
        new FlagRaised(CaseFlag.NotOnTrack),
        new FlagCleared(CaseFlag.Remission),
    ];
}
