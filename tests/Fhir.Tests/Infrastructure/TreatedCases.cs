using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Gateway.Fhir;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Therapists;

namespace Ipt.Cluster.Fhir.Tests.Infrastructure;

/// <summary>
/// Realistic cases of one clinic: a standard course of 16 weekly sessions carried to closure
/// (goals agreed, rated, revised, dropped and achieved; milestones on PHQ-9, GAS and a count;
/// PHQ-9 and GAD-7 every four sessions; a missed and a cancelled session), and a case still in
/// its initial phase.
/// </summary>
internal static class TreatedCases
{
    public const string Tenant = "north";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ExportedAt = new(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Actor Therapist = new("ana", Roles.Therapist);
    public static readonly Actor Supervisor = new("ben", Roles.Supervisor);
    public static readonly Actor Client = new("client-7", Roles.Client);

    public static readonly ClinicView Clinic = new("riverside", "Riverside clinic",
        [new StaffMember(Therapist.UserId, "Ana Silva", Supervisor.UserId)], [new StaffMember(Supervisor.UserId, "Ben Okafor", null)], 2);

    public static readonly TherapistView TherapistView = new(Therapist.UserId, Clinic.ClinicId, "Ana Silva", Supervisor.UserId, ["case-16", "case-early"]);

    public static FhirContext Context(ExportingUser? by = null) => new(Tenant, "North health network", Clinic, TherapistView,
        FhirContext.SupervisorsOf(Clinic, TherapistView), ExportedAt, by ?? new ExportingUser(Therapist.UserId, Roles.Therapist));

    public static CaseScript SixteenSessions()
    {
        var s = new CaseScript("case-16", Start);
        var t = Therapist;
        s.Do(new OpenCase(Clinic.ClinicId, t.UserId, "client-rv-017", IptVariant.Standard), t)
            .Do(new MovePhase(CasePhase.Initial, null), t);
        Session(s, Attendance.Attended, Technique.InterpersonalInventory);
        s.Do(new SubmitQuestionnaire(Instruments.Phq9, [3, 2, 3, 2, 2, 2, 2, 1, 1], 2, 1), Client)
            .Do(new SubmitQuestionnaire(Instruments.Gad7, [2, 2, 2, 2, 2, 2, 2], null, 1), Client)
            .Do(new RecordRelationship(new Relationship("partner-j", "partner", Closeness.Inner, 2, 4,
                "Expects her to take on the household alone", "Argues more since the move", false)), t)
            .Do(new RecordRelationship(new Relationship("sister-m", "sister", Closeness.Middle, 4, 1,
                "Calls weekly", "Moved abroad last year", true)), t);
        Session(s, Attendance.Attended, Technique.InterpersonalInventory, Technique.Clarification);
        s.Do(new SelectProblemArea("role-dispute", DisputeStage.Renegotiation, "Dispute over roles at home since the move"), t)
            .Do(new SelectProblemArea("role-transition", null, null), t)
            .Do(new RecordFormulation("Depression began with the move and the growing dispute over roles at home."), t)
            .Do(new AcceptFormulation(), t)
            .Do(new SetContract(16, null, null), t);
        Session(s, Attendance.Attended, Technique.Formulation);

        var scale = new GasScale("Avoids every talk", "Talks only when pushed", "Raises one issue a week calmly",
            "Raises issues as they come", "Partner and client plan the week together");
        s.Do(new ProposeGoal("dispute-communication", null, null, RelationshipContext.Romantic, 2, scale), t);
        var communication = s.LastGoalId;
        s.Do(new ProposeGoal(null, "Rejoin the running club", "role-transition", RelationshipContext.Friendship, 1, scale), Client);
        var running = s.LastGoalId;
        s.Do(new ProposeGoal("transition-new-skills", null, null, RelationshipContext.Work, null, null), t);
        var skills = s.LastGoalId;
        s.Do(new ProposeGoal(null, "Visit the sister abroad", null, RelationshipContext.Family, null, null), t);
        var visit = s.LastGoalId;
        foreach (var goal in new[] { communication, running, skills, visit }) s.Do(new AgreeGoal(goal, true, true), t);

        s.Do(new AddMilestone(communication, "PHQ-9 at most 9", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null), 8, null), t);
        s.Do(new AddMilestone(communication, "Calm talks about chores", new MilestoneTarget(MilestoneTargetKind.Count, 3, null, "calm talks"), null, s.Today.AddDays(42)), t);
        var talks = s.LastMilestoneId;
        s.Do(new AddMilestone(running, "Two runs with the club", new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null), 12, null), t);
        s.Do(new AddMilestone(running, "GAD-7 at most 4", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 4, Instruments.Gad7, null), null, s.Today.AddDays(70)), t);
        s.Do(new MovePhase(CasePhase.Middle, null), t);

        int[][] phq = [[2, 2, 2, 2, 2, 1, 1, 1, 0], [1, 1, 2, 1, 1, 1, 1, 0, 0], [1, 1, 1, 0, 1, 0, 0, 0, 0]];
        int[][] gad = [[2, 2, 1, 2, 1, 1, 1], [1, 1, 1, 1, 1, 1, 0], [1, 0, 1, 0, 0, 0, 0]];
        for (var number = 4; number <= 13; number++)
        {
            var attendance = number switch { 6 => Attendance.Missed, 10 => Attendance.Cancelled, _ => Attendance.Attended };
            Session(s, attendance, Technique.CommunicationAnalysis, number % 2 == 0 ? Technique.RolePlay : Technique.EncouragementOfAffect);
            if (number is 5 or 9 or 13)
            {
                var i = (number - 5) / 4;
                s.Do(new SubmitQuestionnaire(Instruments.Phq9, phq[i], 1, number), number == 9 ? t : Client)
                    .Do(new SubmitQuestionnaire(Instruments.Gad7, gad[i], null, number), Client);
            }
            if (number == 5) s.Do(new RateGoal(communication, -1, "Still avoids the topic"), t).Do(new RateGoal(running, 0, null), t);
            if (number == 7) s.Do(new RecordMilestoneProgress(talks, 2), t);
            if (number == 8)
            {
                s.Do(new ReviseGoal(skills, "The new job asks for planning, not new skills", "Plan the working week with the team lead",
                    RelationshipContext.Work, scale), t).Do(new AgreeGoal(s.LastGoalId, true, true), t);
                s.Do(new DropGoal(visit, "The sister visits in the summer instead"), t);
            }
            if (number == 11) s.Do(new RateGoal(communication, 1, "Raises issues as they come"), t).Do(new RateGoal(running, 1, "Ran twice"), t);
        }
        s.Do(new MovePhase(CasePhase.Termination, null), t);
        for (var number = 14; number <= 16; number++) Session(s, Attendance.Attended, Technique.Clarification, Technique.DecisionAnalysis);
        s.Do(new AchieveGoal(communication, "Weekly planning together"), t)
            .Do(new RecordTermination(new Termination("PHQ-9 fell from 18 to 4; disputes resolve by talking",
                ["withdrawing from friends", "sleeping badly for a week"], "Call the clinic; use the worksheet", NextStep.End, null, null, null)), t)
            .Do(new MovePhase(CasePhase.Closed, null), t);
        return s;
    }

    /// <summary>A case in its initial phase: one session, one problem area, one PHQ-9.</summary>
    public static CaseScript Early()
    {
        var s = new CaseScript("case-early", Start.AddDays(30));
        s.Do(new OpenCase(Clinic.ClinicId, Therapist.UserId, "client-rv-021", IptVariant.LateLife), Therapist)
            .Do(new MovePhase(CasePhase.Initial, null), Therapist);
        Session(s, Attendance.Attended, Technique.InterpersonalInventory);
        s.Do(new SelectProblemArea("grief", null, null), Therapist)
            .Do(new SubmitQuestionnaire(Instruments.Phq9, [3, 3, 2, 2, 2, 2, 1, 1, 1], null, 1), Therapist);
        return s;
    }

    private static void Session(CaseScript s, Attendance attendance, params Technique[] techniques)
    {
        s.AfterDays(7).Do(new LogSession(null, s.Today, attendance, techniques, "Working note, not exported"), Therapist);
    }
}
