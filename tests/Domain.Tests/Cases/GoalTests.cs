using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class GoalTests
{
    private static CaseBuilder Focused() => CaseBuilder.Opened().InMiddlePhase();

    private static ProposeGoal Custom(string title = "Tell my partner what I need without shouting", double? weight = null) =>
        new(null, title, null, RelationshipContext.Romantic, weight, null);

    private static CaseBuilder WithAgreedGoal(CaseBuilder c, double? weight = null)
    {
        c.Do(Custom(weight: weight));
        return c.Do(new AgreeGoal(c.Case.Goals[^1].GoalId, true, true));
    }

    [Fact]
    public void A_goal_from_a_problem_area_template_takes_its_wording_and_the_matching_focus()
    {
        var c = Focused();
        c.Accept(new ProposeGoal("grief-rebuild-support", null, null, RelationshipContext.Friendship, null, null));

        var goal = Assert.Single(c.Case.Goals);
        Assert.Equal(("g1", "Rebuild support systems", "grief-rebuild-support", "grief"), (goal.GoalId, goal.Title, goal.TemplateId, goal.ProblemArea));
        Assert.Equal(GoalStatus.Proposed, goal.Status);
        Assert.Equal(1.0, goal.Weight);
        Assert.Equal(c.Now, goal.ProposedAt);
    }

    [Fact]
    public void A_four_area_template_fits_the_matching_area_of_the_three_area_taxonomy()
    {
        var c = CaseBuilder.Opened(settings: new TenantSettings { Taxonomy = ProblemAreaTaxonomy.ThreeAreas })
            .InInitialPhase().WithFocus(ProblemAreaTaxonomies.GriefLoss);
        c.Accept(new ProposeGoal("grief-process-emotions", null, null, RelationshipContext.Family, null, null));
        Assert.Equal(ProblemAreaTaxonomies.GriefLoss, c.Case.Goals[0].ProblemArea);
    }

    [Theory]
    [InlineData("primary-communication", "Improve communication skills")]
    [InlineData("common-boundaries", "Develop healthy boundaries")]
    public void Primary_and_common_goal_templates_fit_any_focus(string templateId, string title)
    {
        var c = Focused();
        c.Accept(new ProposeGoal(templateId, null, null, RelationshipContext.Work, 2.0, null));
        var goal = c.Case.Goals[0];
        Assert.Equal((title, (string?)null, 2.0), (goal.Title, goal.ProblemArea, goal.Weight));
    }

    [Fact]
    public void A_custom_goal_carries_its_own_title_and_no_template()
    {
        var c = Focused();
        c.Accept(new ProposeGoal(null, "  Call my sister every Sunday ", ProblemAreaTaxonomies.Grief, RelationshipContext.Family, null, null));
        var goal = c.Case.Goals[0];
        Assert.Equal(("Call my sister every Sunday", (string?)null, "grief"), (goal.Title, goal.TemplateId, goal.ProblemArea));
    }

    [Fact]
    public void An_unknown_template_is_refused()
    {
        var error = Focused().Refuse(new ProposeGoal("grief-forget-everything", null, null, RelationshipContext.Family, null, null));
        Assert.Equal(ErrorCodes.GoalTemplateUnknown, error.Code);
        Assert.Equal("templateId", error.Field);
    }

    [Fact]
    public void A_goal_may_only_name_a_problem_area_the_case_focuses_on()
    {
        var error = Focused().Refuse(new ProposeGoal(null, "Make new friends", ProblemAreaTaxonomies.InterpersonalDeficits, RelationshipContext.Friendship, null, null));
        Assert.Equal(ErrorCodes.ProblemAreaNotSelected, error.Code);
    }

    [Theory]
    [InlineData(true, false, "clientAgrees")]
    [InlineData(false, true, "therapistAgrees")]
    [InlineData(false, false, "therapistAgrees")]
    public void A_goal_is_agreed_only_when_therapist_and_client_both_agree(bool therapist, bool client, string missing)
    {
        var c = Focused().Do(Custom());

        var error = c.Refuse(new AgreeGoal("g1", therapist, client));

        Assert.Equal(ErrorCodes.GoalAgreement, error.Code);
        Assert.Equal(missing, error.Field);
        c.Accept(new AgreeGoal("g1", true, true));
        Assert.Equal(GoalStatus.Agreed, c.Case.Goals[0].Status);
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    [InlineData(2)]
    public void Rating_an_agreed_goal_on_its_attainment_scale_puts_it_in_progress(int level)
    {
        var c = WithAgreedGoal(Focused());
        c.Accept(new RateGoal("g1", level, "reviewed in session"));
        Assert.Equal((GoalStatus.InProgress, (int?)level), (c.Case.Goals[0].Status, c.Case.Goals[0].GasLevel));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(-3)]
    public void A_goal_attainment_level_outside_minus_two_to_plus_two_is_refused(int level)
    {
        var error = WithAgreedGoal(Focused()).Refuse(new RateGoal("g1", level, null));
        Assert.Equal(ErrorCodes.GasLevel, error.Code);
        Assert.Equal("level", error.Field);
    }

    [Fact]
    public void A_goal_not_yet_agreed_cannot_be_rated_or_achieved()
    {
        var c = Focused().Do(Custom());
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new RateGoal("g1", 1, null)).Code);
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new AchieveGoal("g1", null)).Code);
    }

    [Fact]
    public void An_achieved_goal_stays_achieved()
    {
        var c = WithAgreedGoal(Focused()).Do(new RateGoal("g1", 1, null));
        c.Accept(new AchieveGoal("g1", "She asked for help with the children"));

        Assert.Equal((GoalStatus.Achieved, "She asked for help with the children"), (c.Case.Goals[0].Status, c.Case.Goals[0].StatusReason));
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new AchieveGoal("g1", null)).Code);
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new DropGoal("g1", "changed my mind")).Code);
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new ReviseGoal("g1", "x", "y", null, null)).Code);
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new RateGoal("g1", 2, null)).Code);
    }

    [Fact]
    public void A_dropped_goal_keeps_its_reason_and_takes_no_more_changes()
    {
        var c = Focused().Do(Custom());
        c.Accept(new DropGoal("g1", "The partner moved out; the goal no longer applies"));
        Assert.Equal((GoalStatus.Dropped, "The partner moved out; the goal no longer applies"), (c.Case.Goals[0].Status, c.Case.Goals[0].StatusReason));
        Assert.Equal(ErrorCodes.GoalStatus, c.Refuse(new AgreeGoal("g1", true, true)).Code);
    }

    [Fact]
    public void Revising_a_goal_keeps_the_old_version_with_its_reason_and_proposes_the_new_one()
    {
        var c = WithAgreedGoal(Focused()).Do(new RateGoal("g1", -1, null));
        var milestones = new MilestoneTarget(MilestoneTargetKind.Count, 3, null, "calm conversations");
        c.Do(new AddMilestone("g1", "Three calm conversations", milestones, 6, null));
        c.Do(new AddMilestone("g1", "One calm conversation", milestones with { Value = 1 }, 4, null));
        c.Do(new RecordMilestoneProgress("m2", 1));

        c.Accept(new ReviseGoal("g1", "Too broad: focus on the household chores", "Agree a fair split of chores", null, null));

        var old = c.Case.Goals[0];
        var replacement = c.Case.Goals[1];
        Assert.Equal((GoalStatus.Revised, "Too broad: focus on the household chores", "g2"), (old.Status, old.StatusReason, old.RevisedByGoalId));
        Assert.Equal((GoalStatus.Proposed, "g1", "Agree a fair split of chores", (int?)null), (replacement.Status, replacement.RevisesGoalId, replacement.Title, replacement.GasLevel));
        Assert.Equal(old.Context, replacement.Context);
        Assert.Equal("g2", c.Case.Milestones[0].GoalId);
        Assert.Equal((MilestoneStatus.Achieved, "g1"), (c.Case.Milestones[1].Status, c.Case.Milestones[1].GoalId));
    }

    [Fact]
    public void A_goal_that_does_not_exist_is_not_found()
    {
        var error = Focused().Refuse(new AgreeGoal("g7", true, true));
        Assert.Equal((ErrorKind.NotFound, ErrorCodes.GoalNotFound, "goalId"), (error.Kind, error.Code, error.Field));
    }

    [Fact]
    public void The_case_attainment_score_is_the_Kiresuk_Sherman_T_score_of_its_rated_goals()
    {
        var c = Focused();
        foreach (var level in new[] { 1, 1, 0 })
        {
            WithAgreedGoal(c).Do(new RateGoal($"g{c.Case.Goals.Count}", level, null));
        }
        Assert.Equal(59.13, GasScore.Of(c.Case));
    }

    [Fact]
    public void One_goal_at_plus_two_scores_seventy()
    {
        var c = WithAgreedGoal(Focused()).Do(new RateGoal("g1", 2, null));
        Assert.Equal(70.0, GasScore.Of(c.Case));
    }

    [Fact]
    public void Goals_not_yet_rated_or_revised_or_dropped_do_not_count_in_the_attainment_score()
    {
        var c = WithAgreedGoal(Focused()).Do(new RateGoal("g1", 2, null));
        Assert.Equal(70.0, GasScore.Of(c.Case));
        WithAgreedGoal(c);
        c.Do(Custom("Dropped later")).Do(new DropGoal("g3", "not relevant"));
        Assert.Equal(70.0, GasScore.Of(c.Case));
        c.Do(new ReviseGoal("g1", "reworded", "Ask for help at home weekly", null, null));
        Assert.Null(GasScore.Of(c.Case));
    }
}
