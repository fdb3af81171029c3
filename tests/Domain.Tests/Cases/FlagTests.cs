using Ipt.Cluster.Cases;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class FlagTests
{
    [Fact]
    public void Two_missed_sessions_in_a_row_raise_missed_sessions_and_an_attended_one_clears_it()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Session();
        Assert.DoesNotContain(new FlagRaised(CaseFlag.MissedSessions), c.Session(Attendance.Missed).Facts());

        Assert.Contains(new FlagRaised(CaseFlag.MissedSessions), c.Session(Attendance.Missed).Facts());
        Assert.Contains(new FlagCleared(CaseFlag.MissedSessions), c.Session(Attendance.Attended).Facts());
    }

    [Fact]
    public void No_contact_for_longer_than_the_tenant_allows_is_flagged_by_the_review_and_cleared_by_contact()
    {
        var c = CaseBuilder.Opened().InInitialPhase();

        Assert.Empty(c.AfterDays(21).ReviewFlags().Facts());
        var review = c.AfterDays(1).ReviewFlags();

        Assert.Equal(new FlagRaised(CaseFlag.NoContact), Assert.Single(review.Facts()));
        var journal = c.Accept(new AddJournalEntry("Sorry, a hard month"), CaseBuilder.Client);
        Assert.Contains(new FlagCleared(CaseFlag.NoContact), journal.Facts());
    }

    [Fact]
    public void A_tenant_sets_how_many_days_without_contact_are_too_many()
    {
        var c = CaseBuilder.Opened(settings: new TenantSettings { NoContactDays = 7 }).InInitialPhase();
        Assert.Contains(new FlagRaised(CaseFlag.NoContact), c.AfterDays(8).ReviewFlags().Facts());
    }

    [Fact]
    public void In_maintenance_no_contact_waits_for_a_missed_booster()
    {
        var c = CaseBuilder.Opened().InTerminationPhase()
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.Maintenance)))
            .Do(new MovePhase(CasePhase.Maintenance, null));

        Assert.Empty(c.AfterDays(35).ReviewFlags().Facts());
        Assert.Contains(new FlagRaised(CaseFlag.NoContact), c.AfterDays(1).ReviewFlags().Facts());
    }

    [Fact]
    public void Without_any_PHQ9_the_first_attended_session_makes_the_assessment_overdue()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        Assert.Contains(new FlagRaised(CaseFlag.AssessmentOverdue), c.Session().Facts());
        Assert.Contains(new FlagCleared(CaseFlag.AssessmentOverdue), c.Phq9(14).Facts());
    }

    [Fact]
    public void The_PHQ9_is_overdue_after_the_tenants_number_of_attended_sessions_without_one()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(14);
        c.Sessions(3);
        c.Session(Attendance.Missed);
        Assert.DoesNotContain(CaseFlag.AssessmentOverdue, c.Case.Flags);

        Assert.Contains(new FlagRaised(CaseFlag.AssessmentOverdue), c.Session().Facts());
        Assert.Contains(new FlagCleared(CaseFlag.AssessmentOverdue), c.Phq9(12).Facts());
    }

    [Fact]
    public void A_tenant_may_assess_more_often()
    {
        var c = CaseBuilder.Opened(settings: new TenantSettings { AssessmentEverySessions = 2 }).InMiddlePhase();
        c.Phq9(14);
        c.Session();
        Assert.Contains(new FlagRaised(CaseFlag.AssessmentOverdue), c.Session().Facts());
    }

    [Fact]
    public void Termination_not_started_is_flagged_when_two_contracted_sessions_remain_and_cleared_by_moving_to_termination()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 12).Sessions(9);
        Assert.DoesNotContain(CaseFlag.TerminationNotStarted, c.Case.Flags);

        Assert.Contains(new FlagRaised(CaseFlag.TerminationNotStarted), c.Session().Facts());
        Assert.Contains(new FlagCleared(CaseFlag.TerminationNotStarted), c.Accept(new MovePhase(CasePhase.Termination, null)).Facts());
    }

    [Fact]
    public void Half_the_contract_without_reliable_improvement_or_a_milestone_is_not_on_track()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 12);
        c.Phq9(16);
        c.Sessions(4);
        c.Phq9(13);
        c.Session();
        Assert.DoesNotContain(CaseFlag.NotOnTrack, c.Case.Flags);

        Assert.Contains(new FlagRaised(CaseFlag.NotOnTrack), c.Session().Facts());
        Assert.Contains(new FlagCleared(CaseFlag.NotOnTrack), c.Phq9(9).Facts());
    }

    [Fact]
    public void A_milestone_reached_keeps_a_case_on_track()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 12)
            .Do(new ProposeGoal("grief-rebuild-support", null, null, RelationshipContext.Friendship, null, null))
            .Do(new AgreeGoal("g1", true, true))
            .Do(new AddMilestone("g1", "Meet a friend", new MilestoneTarget(MilestoneTargetKind.Count, 1, null, "meetings"), 10, null));
        c.Phq9(16);
        c.Sessions(6);
        Assert.Contains(CaseFlag.NotOnTrack, c.Case.Flags);

        var progressed = c.Accept(new RecordMilestoneProgress("m1", 1));

        Assert.Contains(new FlagCleared(CaseFlag.NotOnTrack), progressed.Facts());
    }

    [Fact]
    public void A_milestone_achieved_is_good_news_for_fourteen_days()
    {
        var c = CaseBuilder.Opened().InMiddlePhase()
            .Do(new ProposeGoal("grief-rebuild-support", null, null, RelationshipContext.Friendship, null, null))
            .Do(new AgreeGoal("g1", true, true))
            .Do(new AddMilestone("g1", "Meet a friend", new MilestoneTarget(MilestoneTargetKind.Count, 1, null, "meetings"), 10, null));

        Assert.Contains(new FlagRaised(CaseFlag.MilestoneAchieved), c.Accept(new RecordMilestoneProgress("m1", 1)).Facts());
        Assert.Empty(c.AfterDays(14).ReviewFlags().Facts());
        Assert.Equal(new FlagCleared(CaseFlag.MilestoneAchieved), Assert.Single(c.AfterDays(1).ReviewFlags().Facts()));
    }

    [Fact]
    public void An_achieved_goal_is_flagged_as_good_news()
    {
        var c = CaseBuilder.Opened().InMiddlePhase()
            .Do(new ProposeGoal("common-boundaries", null, null, RelationshipContext.Family, null, null))
            .Do(new AgreeGoal("g1", true, true));

        var achieved = c.Accept(new AchieveGoal("g1", "Said no to her mother's daily visits"));

        Assert.Equal([new GoalAchieved("g1", "Said no to her mother's daily visits"), new FlagRaised(CaseFlag.GoalAchieved)], achieved.Facts());
    }

    [Fact]
    public void Closing_a_case_clears_every_flag_with_an_event_for_each()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(total: 12, item9: 2);
        c.Sessions(2, Attendance.Missed);
        Assert.Equal([CaseFlag.SuicideRisk, CaseFlag.MissedSessions], c.Case.Flags);

        var closed = c.Accept(new MovePhase(CasePhase.Closed, "Admitted to inpatient care"));

        Assert.Contains(new FlagCleared(CaseFlag.SuicideRisk), closed.Facts());
        Assert.Contains(new FlagCleared(CaseFlag.MissedSessions), closed.Facts());
        Assert.Empty(c.Case.Flags);
    }

    [Fact]
    public void Every_flag_change_is_recorded_in_the_decision_that_caused_it()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(total: 12, item9: 1);
        c.Sessions(2, Attendance.Missed);
        c.Session();
        c.AfterDays(30).ReviewFlags();
        c.Accept(new MovePhase(CasePhase.Closed, "Moved away"));

        var replayed = new HashSet<CaseFlag>();
        foreach (var e in c.History.Select(r => r.Event))
        {
            if (e is FlagRaised raised) Assert.True(replayed.Add(raised.Flag), $"{raised.Flag} raised twice");
            if (e is FlagCleared cleared) Assert.True(replayed.Remove(cleared.Flag), $"{cleared.Flag} cleared but not raised");
        }
        Assert.Empty(replayed);
    }
}
