using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;

namespace Ipt.Bench.Run.Seeding;

/// <summary>One case's committed history as the product's domain engine decides it: events and the snapshot after them.</summary>
internal sealed record CaseHistory(IReadOnlyList<RecordedEvent> Events, CaseState State);

/// <summary>
/// A realistic IPT course for one case, decided by the product's own pure engine (<see cref="CaseEngine"/>):
/// intake PHQ-9, inventory, problem area, formulation, contract, two agreed goals with milestones,
/// weekly sessions with a PHQ-9 every second one, a goal rating and milestone progress. Each command is
/// dated a week after the last, so flags come out as they would in a real course. The grain would commit
/// the same events one command at a time; the seeder commits them in one go.
/// </summary>
internal static class CaseHistoryScript
{
    private static readonly string[] Areas = ["role-dispute", "role-transition", "grief", "interpersonal-deficits"];

    private static readonly Dictionary<string, string[]> GoalTemplates = new()
    {
        ["role-dispute"] = ["dispute-communication", "dispute-negotiate-expectations"],
        ["role-transition"] = ["transition-adjust", "transition-support-network"],
        ["grief"] = ["grief-process-emotions", "grief-rebuild-support"],
        ["interpersonal-deficits"] = ["deficits-expand-network", "deficits-social-skills"],
    };

    public static CaseHistory Run(string caseId, string clinicId, string therapistId, int seed, DateTimeOffset now)
    {
        var course = new Course(caseId, therapistId, now.AddDays(-7 * 14));
        var area = Areas[seed % Areas.Length];
        course.Do(new OpenCase(clinicId, therapistId, "client " + caseId, seed % 7 == 0 ? IptVariant.Brief : IptVariant.Standard));
        course.Phq9(16 + seed % 6, seed);
        course.Do(new MovePhase(CasePhase.Initial, null));
        course.Session(1, Technique.InterpersonalInventory);
        course.Do(new RecordRelationship(new Relationship("partner", "partner", Closeness.Inner, 2, 3 + seed % 2, "more help at home", "arguments since the move", false)));
        course.Do(new RecordRelationship(new Relationship("sister", "sister", Closeness.Middle, 3, 1, "regular calls", "calls less since the new job", true)));
        course.Do(new SelectProblemArea(area, area == "role-dispute" ? DisputeStage.Renegotiation : null, "agreed focus"));
        course.Do(new RecordFormulation($"The depression is linked to {area.Replace('-', ' ')}; we will work on it together."));
        course.Do(new AcceptFormulation());
        course.Do(new SetContract(seed % 7 == 0 ? 8 : 12, null, null));
        course.Do(new MovePhase(CasePhase.Middle, null));
        var goals = GoalTemplates[area].Select(template =>
        {
            var goalId = course.Do(new ProposeGoal(template, null, area, RelationshipContext.Family, null, null)).OfType<GoalProposed>().First().Goal.GoalId;
            course.Do(new AgreeGoal(goalId, true, true));
            return goalId;
        }).ToList();
        course.Do(new AddMilestone(goals[0], "PHQ-9 below 10", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null), 8, null));
        var count = course.Do(new AddMilestone(goals[1], "Three honest conversations", new MilestoneTarget(MilestoneTargetKind.Count, 3, null, "conversations"), 10, null))
            .OfType<MilestoneAdded>().First().Milestone.MilestoneId;
        // Cases are at different points of the middle phase: 2 to 6 sessions in.
        var sessions = 2 + seed % 5;
        for (var session = 2; session <= sessions; session++)
        {
            course.Session(session, Technique.CommunicationAnalysis, Technique.RolePlay);
            if (session % 2 == 0) course.Phq9(Math.Max(3, 16 + seed % 6 - session * 2), seed);
            if (session == 4) course.Do(new RateGoal(goals[0], seed % 3 - 1, "reviewed in session"));
            if (session is 3 or 5) course.Do(new RecordMilestoneProgress(count, 1));
        }
        return new CaseHistory(course.Events, course.State!);
    }

    private sealed class Course(string caseId, string therapistId, DateTimeOffset start)
    {
        private readonly List<RecordedEvent> _events = [];
        private readonly DateTimeOffset _start = start;
        private DateTimeOffset _now = start;

        public CaseState? State { get; private set; }

        public IReadOnlyList<RecordedEvent> Events => _events;

        public void Session(int number, params Technique[] techniques)
        {
            _now = _start.AddDays(7 * number);
            Do(new LogSession(number, DateOnly.FromDateTime(_now.UtcDateTime), Attendance.Attended, techniques, "session notes"));
        }

        public void Phq9(int total, int seed)
        {
            var answers = new int[9];
            for (var i = 0; i < 8 && total > 0; i++) total -= answers[i] = Math.Min(3, total);
            answers[8] = seed % 50 == 0 ? 1 : 0;
            Do(new SubmitQuestionnaire(Instruments.Phq9, answers, null, null), new Actor("client-" + caseId, Roles.Client));
        }

        public IEnumerable<CaseEvent> Do(CaseCommand command, Actor? actor = null)
        {
            var context = new CaseContext(caseId, actor ?? new Actor(therapistId, Roles.Therapist), _now, CasePolicy.Default);
            var decision = CaseEngine.Handle(State, command, null, context);
            if (decision.Error is { } error) throw new InvalidOperationException($"Seeding {caseId}: {command.GetType().Name} refused: {error.Code} {error.Message}");
            State = decision.NewState ?? State;
            _events.AddRange(decision.Events);
            return decision.Events.Select(e => e.Event);
        }
    }
}
