using System.Text.Json;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using static Ipt.Cluster.Grains.Tests.Infrastructure.CaseScript;

namespace Ipt.Cluster.Grains.Tests.Cases;

/// <summary>Every invalid command is refused with its rule and field named, and changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RefusedCommandTests(ClusterFixture fixture)
{
    public static TheoryData<string, string, string> InvalidCommands => new()
    {
        { "unknown problem area", ErrorCodes.ProblemAreaUnknown, "code" },
        { "third problem area", ErrorCodes.ProblemAreaLimit, "code" },
        { "PHQ-9 with 8 answers", ErrorCodes.AnswerCount, "answers" },
        { "PHQ-9 answer of 4", ErrorCodes.AnswerRange, "answers[3]" },
        { "GAS level 3", ErrorCodes.GasLevel, "level" },
        { "milestone under a missing goal", ErrorCodes.GoalNotFound, "goalId" },
        { "phase move without its gate", ErrorCodes.PhaseGate, "inventory" },
        { "goal agreed by one party", ErrorCodes.GoalAgreement, "clientAgrees" },
        { "therapist id with a slash", ErrorCodes.InvalidId, "therapistId" },
        { "clinic id in upper case", ErrorCodes.InvalidId, "clinicId" },
        { "contract longer than the tenant allows", ErrorCodes.ContractBounds, "sessions" },
        { "session number with a gap", ErrorCodes.SessionNumber, "number" },
    };

    [Theory]
    [MemberData(nameof(InvalidCommands))]
    public async Task An_invalid_command_is_refused_naming_its_rule_and_field_and_changes_nothing(string what, string code, string field)
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        var id = "case-" + Guid.NewGuid().ToString("N")[..8];
        await tenant.Do(id, Open());
        await tenant.Do(id, new MovePhase(CasePhase.Initial, null));
        await tenant.Do(id, new SelectProblemArea("grief", null, null));
        await tenant.Do(id, new SelectProblemArea("role-transition", null, null));
        var goal = (GoalProposed)(await tenant.Do(id, new ProposeGoal("grief-rebuild-support", null, null, RelationshipContext.Family, null, null))).Events[0].Event;
        await tenant.Do(id, new AgreeGoal(goal.Goal.GoalId, true, true));
        await tenant.Do(id, new ProposeGoal(null, "Join a walking group", null, RelationshipContext.Friendship, null, null));

        CaseCommand command = what switch
        {
            "unknown problem area" => new SelectProblemArea("loneliness", null, null),
            "third problem area" => new SelectProblemArea("interpersonal-deficits", null, null),
            "PHQ-9 with 8 answers" => Phq9(1, 1, 1, 1, 1, 1, 1, 1),
            "PHQ-9 answer of 4" => Phq9(1, 1, 1, 4, 1, 1, 1, 1, 0),
            "GAS level 3" => new RateGoal(goal.Goal.GoalId, 3, null),
            "milestone under a missing goal" => new AddMilestone("g99", "x", new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null), 6, null),
            "phase move without its gate" => new MovePhase(CasePhase.Middle, null),
            "goal agreed by one party" => new AgreeGoal("g2", true, false),
            "therapist id with a slash" => new OpenCase("north", "t/ana", "x", IptVariant.Standard),
            "clinic id in upper case" => new OpenCase("North", "t-ana", "x", IptVariant.Standard),
            "contract longer than the tenant allows" => new SetContract(17, null, null),
            "session number with a gap" => new LogSession(3, Start, Attendance.Attended, [], null),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
        var target = command is OpenCase ? "case-" + Guid.NewGuid().ToString("N")[..8] : id;
        var before = await tenant.Read(target);
        var historyBefore = before is null ? 0 : (await CourseOfTreatmentTests.ReadAllHistory(tenant, target)).Count;

        var result = await tenant.AsTherapist(() => tenant.Case(target).ExecuteAsync(command, null));

        Assert.False(result.Accepted);
        Assert.Equal(code, result.Error!.Code);
        Assert.Equal(field, result.Error.Field);
        Assert.Empty(result.Events);
        var after = await tenant.Read(target);
        Assert.Equal(JsonSerializer.Serialize(before), JsonSerializer.Serialize(after));
        var historyAfter = after is null ? 0 : (await CourseOfTreatmentTests.ReadAllHistory(tenant, target)).Count;
        Assert.Equal(historyBefore, historyAfter);
    }

    [Fact]
    public async Task A_command_to_a_case_never_opened_is_refused_as_not_found()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        var result = await tenant.AsTherapist(() => tenant.Case("nobody").ExecuteAsync(new MovePhase(CasePhase.Initial, null), null));
        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
        Assert.Null(await tenant.Read("nobody"));
    }

    [Fact]
    public async Task Only_a_supervisor_approves_an_extension_past_the_contract()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Grains);
        const string id = "case-extension";
        await OpenThroughInitialPhase(tenant, id);
        await tenant.Do(id, new MovePhase(CasePhase.Middle, null));
        for (var n = 2; n <= 12; n++) await tenant.Do(id, Session(n));

        var past = await tenant.AsTherapist(() => tenant.Case(id).ExecuteAsync(Session(13), null));
        Assert.Equal(ErrorCodes.PastContract, past.Error!.Code);

        await tenant.Do(id, new RequestExtension(2, "grief resurfaced at the anniversary"));
        var byTherapist = await tenant.AsTherapist(() => tenant.Case(id).ExecuteAsync(new DecideExtension(true, "ok"), null));
        Assert.Equal(ErrorKind.Forbidden, byTherapist.Error!.Kind);

        var bySupervisor = await tenant.AsSupervisor(() => tenant.Case(id).ExecuteAsync(new DecideExtension(true, "two more"), null));
        Assert.True(bySupervisor.Accepted);
        await tenant.Do(id, Session(13));
        Assert.Equal(14, (await tenant.Read(id))!.Contract!.TotalSessions);
    }
}
