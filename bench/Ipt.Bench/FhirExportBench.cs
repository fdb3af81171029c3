using System.Diagnostics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Gateway.Fhir;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Therapists;

namespace Ipt.Bench;

/// <summary>
/// One case export as the gateway serves it: a closed course of 16 sessions (goals, milestones,
/// PHQ-9 and GAD-7 every four sessions) mapped to a FHIR Bundle and serialised to JSON, 10,000
/// times on one thread. Validation is not part of it: that is for tests.
/// </summary>
internal static class FhirExportBench
{
    private const int Exports = 10_000;
    private const int Warmup = 500;

    public static int Run()
    {
        var (state, history) = SixteenSessionCase();
        var therapist = new TherapistView("t-bench", "main", "Bench Therapist", "s-bench", [state.CaseId]);
        var clinic = new ClinicView("main", "Main clinic", [new StaffMember("t-bench", "Bench Therapist", "s-bench")],
            [new StaffMember("s-bench", "Bench Supervisor", null)], 1);
        var context = new FhirContext("bench", "Bench network", clinic, therapist, FhirContext.SupervisorsOf(clinic, therapist),
            DateTimeOffset.UtcNow, new ExportingUser("t-bench", Roles.Therapist));

        var bytes = 0;
        for (var i = 0; i < Warmup; i++) bytes = FhirJson.Serialize(CaseBundleMapper.ToBundle(state, history, context)).Length;
        var latencies = new long[Exports];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Exports; i++)
        {
            var started = Stopwatch.GetTimestamp();
            bytes = FhirJson.Serialize(CaseBundleMapper.ToBundle(state, history, context)).Length;
            latencies[i] = Stopwatch.GetTimestamp() - started;
        }
        var report = new LatencyReport(latencies);
        var mapping = new long[Exports];
        for (var i = 0; i < Exports; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = CaseBundleMapper.ToBundle(state, history, context);
            mapping[i] = Stopwatch.GetTimestamp() - started;
        }
        var entries = CaseBundleMapper.ToBundle(state, history, context).Entry.Count;
        Console.WriteLine($"fhir: {Exports} exports of a {state.Sessions.Count}-session case ({history.Count} events) to a Bundle of {entries} entries, {bytes / 1024.0:F0} KiB of JSON");
        Console.WriteLine($"  exports/s  {Exports / clock.Elapsed.TotalSeconds:F0} on one thread");
        Console.WriteLine($"  latency ms per export (map + serialise)  {report}");
        Console.WriteLine($"  of which mapping alone                   {new LatencyReport(mapping)}");
        return 0;
    }

    private static (CaseState, IReadOnlyList<RecordedEvent>) SixteenSessionCase()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        var therapist = new Actor("t-bench", Roles.Therapist);
        CaseState? state = null;
        var history = new List<RecordedEvent>();
        void Do(CaseCommand command)
        {
            var decision = CaseEngine.Handle(state, command, null, new CaseContext("case-bench", therapist, now, CasePolicy.Default));
            if (decision.Error is { } error) throw new InvalidOperationException($"{command.GetType().Name}: {error.Message}");
            state = decision.NewState;
            history.AddRange(decision.Events);
        }
        void Session(int number)
        {
            now = now.AddDays(7);
            Do(new LogSession(null, DateOnly.FromDateTime(now.UtcDateTime), number == 6 ? Attendance.Missed : Attendance.Attended,
                [Technique.CommunicationAnalysis, Technique.RolePlay], null));
            if (number % 4 == 1)
            {
                var level = Math.Max(0, 3 - (number / 4));
                Do(new SubmitQuestionnaire(Instruments.Phq9, [.. Enumerable.Repeat(Math.Min(level, 2), 8), 0], null, number));
                Do(new SubmitQuestionnaire(Instruments.Gad7, [.. Enumerable.Repeat(Math.Min(level, 2), 7)], null, number));
            }
        }

        var scale = new GasScale("much less", "less", "expected", "more", "much more");
        Do(new OpenCase("main", "t-bench", "client-bench", IptVariant.Standard));
        Do(new MovePhase(CasePhase.Initial, null));
        Session(1);
        Do(new RecordRelationship(new Relationship("partner", "partner", Closeness.Inner, 2, 3, "help at home", "the move", false)));
        Do(new SelectProblemArea("role-dispute", DisputeStage.Renegotiation, null));
        Do(new RecordFormulation("Mood fell with the dispute after the move."));
        Do(new AcceptFormulation());
        Do(new SetContract(16, null, null));
        for (var g = 0; g < 3; g++)
        {
            Do(new ProposeGoal(null, $"Goal {g + 1}", "role-dispute", RelationshipContext.Romantic, 1, scale));
            var goalId = state!.Goals[^1].GoalId;
            Do(new AgreeGoal(goalId, true, true));
            Do(new AddMilestone(goalId, $"PHQ-9 at most {9 - g}", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9 - g, Instruments.Phq9, null), 8, null));
            Do(new AddMilestone(goalId, "GAS +1", new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null), 12, null));
        }
        Do(new MovePhase(CasePhase.Middle, null));
        for (var number = 2; number <= 13; number++) Session(number);
        foreach (var goal in state!.Goals) Do(new RateGoal(goal.GoalId, 1, null));
        Do(new MovePhase(CasePhase.Termination, null));
        for (var number = 14; number <= 16; number++) Session(number);
        return (state!, history);
    }
}
