using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Tests.Cases;

/// <summary>Rules tightened after review: overdue milestones, group IPT's longer termination, leaving during termination.</summary>
public sealed class ReviewedRuleTests
{
    [Fact]
    public void A_milestone_due_at_a_session_already_held_is_refused()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Sessions(3);
        var goal = ((GoalProposed)c.Accept(new ProposeGoal("common-boundaries", null, null, RelationshipContext.Family, null, null)).Facts()[0]).Goal;
        var target = new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null);

        var error = c.Refuse(new AddMilestone(goal.GoalId, "Says no once", target, 3, null));

        Assert.Equal(ErrorCodes.OutOfRange, error.Code);
        Assert.Equal("dueSession", error.Field);
        c.Accept(new AddMilestone(goal.GoalId, "Says no once", target, 4, null));
    }

    [Fact]
    public void A_milestone_due_on_a_past_date_is_refused()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var goal = ((GoalProposed)c.Accept(new ProposeGoal("common-boundaries", null, null, RelationshipContext.Family, null, null)).Facts()[0]).Goal;

        var error = c.Refuse(new AddMilestone(goal.GoalId, "Says no once",
            new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null), null, c.Today.AddDays(-1)));

        Assert.Equal("dueDate", error.Field);
    }

    [Fact]
    public void Group_IPT_is_flagged_for_termination_five_sessions_before_the_end()
    {
        var c = CaseBuilder.Opened(IptVariant.Group).InMiddlePhase(contract: 8);
        c.Sessions(2);
        Assert.DoesNotContain(CaseFlag.TerminationNotStarted, c.Case.Flags);

        c.Session();

        Assert.Contains(CaseFlag.TerminationNotStarted, c.Case.Flags);
    }

    [Fact]
    public void A_client_who_leaves_during_termination_is_closed_with_a_reason_instead_of_a_plan()
    {
        var c = CaseBuilder.Opened().InTerminationPhase();
        Assert.Equal(ErrorCodes.TerminationMissing, c.Refuse(new MovePhase(CasePhase.Closed, null)).Code);

        c.Accept(new MovePhase(CasePhase.Closed, "moved abroad before the last session"));

        Assert.Equal(CasePhase.Closed, c.Case.Phase);
    }
}
