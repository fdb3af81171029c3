using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class MilestoneTests
{
    private static readonly MilestoneTarget Phq9AtMost9 = new(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null);
    private static readonly MilestoneTarget GasPlusOne = new(MilestoneTargetKind.GasLevel, 1, null, null);
    private static readonly MilestoneTarget ThreeConversations = new(MilestoneTargetKind.Count, 3, null, "calm conversations");

    /// <summary>A middle-phase case with one agreed goal, g1.</summary>
    private static CaseBuilder WithGoal() => CaseBuilder.Opened().InMiddlePhase()
        .Do(new ProposeGoal("dispute-communication", null, null, RelationshipContext.Romantic, null, null))
        .Do(new AgreeGoal("g1", true, true));

    private static CaseBuilder WithMilestone(MilestoneTarget target, int? dueSession = 8, DateOnly? dueDate = null)
    {
        var c = WithGoal();
        c.Accept(new AddMilestone("g1", "A step on the way", target, dueSession, dueDate));
        return c;
    }

    [Fact]
    public void A_milestone_can_target_a_questionnaire_total_a_goal_attainment_level_or_a_count()
    {
        var c = WithGoal();
        c.Accept(new AddMilestone("g1", "PHQ-9 under 10", Phq9AtMost9, 6, null));
        c.Accept(new AddMilestone("g1", "Goal at +1", GasPlusOne, null, c.Today.AddDays(60)));
        c.Accept(new AddMilestone("g1", "Three calm talks", ThreeConversations, 10, null));

        Assert.Equal(["m1", "m2", "m3"], c.Case.Milestones.Select(m => m.MilestoneId));
        Assert.All(c.Case.Milestones, m => Assert.Equal((MilestoneStatus.Pending, "g1", 0), (m.Status, m.GoalId, m.Progress)));
    }

    [Theory]
    [InlineData("bdi-ii", 9, ErrorCodes.InstrumentUnknown, "target.instrument")]
    [InlineData(Instruments.Phq9, 28, ErrorCodes.OutOfRange, "target.value")]
    [InlineData(Instruments.Gad7, 22, ErrorCodes.OutOfRange, "target.value")]
    public void A_questionnaire_milestone_needs_a_known_instrument_and_a_reachable_total(string instrument, int value, string code, string field)
    {
        var error = WithGoal().Refuse(new AddMilestone("g1", "x", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, value, instrument, null), 6, null));
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void A_goal_attainment_milestone_needs_a_level_on_the_scale()
    {
        var error = WithGoal().Refuse(new AddMilestone("g1", "x", GasPlusOne with { Value = 3 }, 6, null));
        Assert.Equal(ErrorCodes.GasLevel, error.Code);
    }

    [Fact]
    public void A_count_milestone_needs_a_positive_count_of_something_named()
    {
        var c = WithGoal();
        Assert.Equal("target.value", c.Refuse(new AddMilestone("g1", "x", ThreeConversations with { Value = 0 }, 6, null)).Field);
        Assert.Equal("target.countOf", c.Refuse(new AddMilestone("g1", "x", ThreeConversations with { CountOf = null }, 6, null)).Field);
    }

    [Fact]
    public void A_milestone_is_due_by_a_session_or_a_date()
    {
        var error = WithGoal().Refuse(new AddMilestone("g1", "Someday", ThreeConversations, null, null));
        Assert.Equal(ErrorCodes.Required, error.Code);
    }

    [Fact]
    public void A_milestone_under_a_goal_that_does_not_exist_is_refused()
    {
        var error = WithGoal().Refuse(new AddMilestone("g9", "x", ThreeConversations, 6, null));
        Assert.Equal((ErrorCodes.GoalNotFound, "goalId"), (error.Code, error.Field));
    }

    [Fact]
    public void A_PHQ9_at_or_under_the_threshold_achieves_the_milestone_with_the_score_as_evidence()
    {
        var c = WithMilestone(Phq9AtMost9);

        var submitted = c.Phq9(9);

        var achieved = Assert.Single(submitted.Facts().OfType<MilestoneAchieved>());
        Assert.Equal("m1", achieved.MilestoneId);
        Assert.Contains("9", achieved.Evidence, StringComparison.Ordinal);
        Assert.Equal((MilestoneStatus.Achieved, (DateTimeOffset?)c.Now), (c.Case.Milestones[0].Status, c.Case.Milestones[0].AchievedAt));
    }

    [Fact]
    public void A_PHQ9_above_the_threshold_leaves_the_milestone_pending()
    {
        var c = WithMilestone(Phq9AtMost9);
        var submitted = c.Phq9(12);
        Assert.Empty(submitted.Facts().OfType<MilestoneAchieved>());
        Assert.Equal(MilestoneStatus.Pending, c.Case.Milestones[0].Status);
    }

    [Fact]
    public void A_GAD7_score_does_not_count_for_a_PHQ9_milestone()
    {
        var c = WithMilestone(Phq9AtMost9);
        c.Accept(new SubmitQuestionnaire(Instruments.Gad7, [0, 0, 0, 1, 0, 0, 0], null, null));
        Assert.Equal(MilestoneStatus.Pending, c.Case.Milestones[0].Status);
    }

    [Fact]
    public void Rating_the_goal_at_the_target_level_achieves_its_milestone()
    {
        var c = WithMilestone(GasPlusOne);
        Assert.Empty(c.Accept(new RateGoal("g1", 0, null)).Facts().OfType<MilestoneAchieved>());

        var rated = c.Accept(new RateGoal("g1", 1, null));

        Assert.Equal("m1", Assert.Single(rated.Facts().OfType<MilestoneAchieved>()).MilestoneId);
    }

    [Fact]
    public void Progress_reaching_the_count_achieves_the_milestone()
    {
        var c = WithMilestone(ThreeConversations);
        Assert.Empty(c.Accept(new RecordMilestoneProgress("m1", 2)).Facts().OfType<MilestoneAchieved>());
        Assert.Equal(2, c.Case.Milestones[0].Progress);

        var third = c.Accept(new RecordMilestoneProgress("m1", 1));

        Assert.Equal(new MilestoneAchieved("m1", "3 calm conversations"), third.Facts().OfType<MilestoneAchieved>().Single());
        Assert.Equal(ErrorCodes.MilestoneStatus, c.Refuse(new RecordMilestoneProgress("m1", 1)).Code);
    }

    [Fact]
    public void Only_a_count_milestone_takes_progress()
    {
        var error = WithMilestone(GasPlusOne).Refuse(new RecordMilestoneProgress("m1", 1));
        Assert.Equal(ErrorCodes.MilestoneTarget, error.Code);
    }

    [Fact]
    public void The_therapist_may_mark_a_milestone_achieved_by_hand()
    {
        var c = WithMilestone(ThreeConversations);
        var achieved = c.Accept(new AchieveMilestone("m1", "She reports three talks without shouting"));
        Assert.Contains(new MilestoneAchieved("m1", "She reports three talks without shouting"), achieved.Facts());
    }

    [Fact]
    public void A_milestone_still_pending_once_its_due_session_is_over_is_missed()
    {
        var c = WithMilestone(ThreeConversations, dueSession: 2);
        c.Session();
        Assert.Empty(c.Session().Facts().OfType<MilestoneMissed>());

        var third = c.Session();

        Assert.Equal(new MilestoneMissed("m1"), third.Facts().OfType<MilestoneMissed>().Single());
        Assert.Equal(MilestoneStatus.Missed, c.Case.Milestones[0].Status);
    }

    [Fact]
    public void A_milestone_due_by_a_date_is_missed_the_day_after()
    {
        var c = WithGoal();
        c.Do(new AddMilestone("g1", "Three calm talks", ThreeConversations, null, c.Today.AddDays(10)));

        Assert.Empty(c.AfterDays(10).ReviewFlags().Facts().OfType<MilestoneMissed>());
        var review = c.AfterDays(1).ReviewFlags();

        Assert.Contains(new MilestoneMissed("m1"), review.Facts());
    }

    [Fact]
    public void A_missed_milestone_is_not_achieved_later()
    {
        var c = WithMilestone(Phq9AtMost9, dueSession: 1);
        c.Sessions(2);
        Assert.Equal(MilestoneStatus.Missed, c.Case.Milestones[0].Status);
        Assert.Empty(c.Phq9(4).Facts().OfType<MilestoneAchieved>());
    }
}
