using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class CaseExistenceTests
{
    public static TheoryData<CaseCommand> EveryOtherCommand =>
    [
        new MovePhase(CasePhase.Initial, null),
        new RecordRelationship(CaseBuilder.Partner),
        new SelectProblemArea("grief", null, null),
        new RemoveProblemArea("grief", "wrong focus"),
        new RecordFormulation(CaseBuilder.Formulation),
        new AcceptFormulation(),
        new SetContract(12, null, null),
        new RequestExtension(2, "more time"),
        new DecideExtension(true, "fine"),
        new RecordTermination(CaseBuilder.TerminationPlan(NextStep.End)),
        new LogSession(null, new DateOnly(2026, 3, 2), Attendance.Attended, [], null),
        new ProposeGoal(null, "Talk to my sister", null, RelationshipContext.Family, null, null),
        new AgreeGoal("g1", true, true),
        new RateGoal("g1", 1, null),
        new AchieveGoal("g1", null),
        new DropGoal("g1", "no longer relevant"),
        new ReviseGoal("g1", "too vague", "Call my sister weekly", null, null),
        new AddMilestone("g1", "First call", new MilestoneTarget(MilestoneTargetKind.Count, 1, null, "calls"), 3, null),
        new RecordMilestoneProgress("m1", 1),
        new AchieveMilestone("m1", null),
        new SubmitQuestionnaire(Instruments.Phq9, CaseBuilder.Phq9Answers(10), null, null),
        new AddJournalEntry("A better week"),
        new ReviewFlags(),
    ];

    [Theory]
    [MemberData(nameof(EveryOtherCommand))]
    public void A_command_to_a_case_that_was_never_opened_is_not_found(CaseCommand command)
    {
        var error = new CaseBuilder().Refuse(command, CaseBuilder.Client);
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal(ErrorCodes.CaseNotFound, error.Code);
    }

    [Theory]
    [MemberData(nameof(EveryOtherCommand))]
    public void A_closed_case_refuses_every_command(CaseCommand command)
    {
        var c = CaseBuilder.Opened().Do(new MovePhase(CasePhase.Closed, "Client did not return after intake"));

        var error = c.Refuse(command, CaseBuilder.Client);

        Assert.Equal(ErrorCodes.CaseClosed, error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void Opening_a_case_records_who_treats_whom_and_starts_in_intake()
    {
        var c = new CaseBuilder();
        var opened = c.Accept(new OpenCase("clinic-1", "ana", "  Client A ", IptVariant.Adolescent));

        Assert.Equal(new CaseOpened("clinic-1", "ana", "Client A", IptVariant.Adolescent), Assert.Single(opened.Facts()));
        Assert.Equal(CaseBuilder.CaseId, c.Case.CaseId);
        Assert.Equal(CasePhase.Intake, c.Case.Phase);
        Assert.Equal(CaseBuilder.Start, c.Case.OpenedAt);
        Assert.Equal(1, c.Case.Version);
    }

    [Fact]
    public void Opening_the_same_case_twice_is_a_conflict()
    {
        var error = CaseBuilder.Opened().Refuse(new OpenCase("clinic-1", "ana", "Client B", IptVariant.Standard));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal(ErrorCodes.CaseExists, error.Code);
    }

    [Fact]
    public void A_case_needs_a_valid_clinic_id()
    {
        var error = new CaseBuilder().Refuse(new OpenCase("Clinic One", "ana", "Client A", IptVariant.Standard));
        Assert.Equal(ErrorCodes.InvalidId, error.Code);
        Assert.Equal("clinicId", error.Field);
    }
}
