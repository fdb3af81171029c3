using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class MeasureTests
{
    private static QuestionnaireScore ScoreOf(CaseDecision decision) =>
        decision.Facts().OfType<QuestionnaireScored>().Single().Score;

    [Fact]
    public void The_first_PHQ9_of_the_case_is_the_baseline_of_every_later_one()
    {
        var c = CaseBuilder.Opened().InInitialPhase();

        var first = ScoreOf(c.Phq9(18));
        c.Accept(new SubmitQuestionnaire(Instruments.Gad7, [3, 3, 3, 3, 0, 0, 0], null, null));
        var second = ScoreOf(c.Phq9(12));
        var third = ScoreOf(c.Phq9(20));

        Assert.Equal((18, 18, 0, "moderately-severe"), (first.Total, first.Baseline!.Value, first.ChangeFromBaseline!.Value, first.Band));
        Assert.Equal((18, -6, ReliableChange.Improved), (second.Baseline!.Value, second.ChangeFromBaseline!.Value, second.ReliableChange));
        Assert.Equal((18, 2, ReliableChange.None), (third.Baseline!.Value, third.ChangeFromBaseline!.Value, third.ReliableChange));
        Assert.Equal(4, c.Case.Measures.Count);
    }

    [Fact]
    public void A_score_is_filed_under_the_latest_session_unless_another_logged_session_is_named()
    {
        var c = CaseBuilder.Opened().InMiddlePhase().Sessions(3);

        Assert.Equal(3, c.Phq9(10).Facts().OfType<QuestionnaireScored>().Single().SessionNumber);
        c.Accept(new SubmitQuestionnaire(Instruments.Phq9, CaseBuilder.Phq9Answers(10), null, 2));
        Assert.Equal(2, c.Case.Measures[^1].SessionNumber);

        var error = c.Refuse(new SubmitQuestionnaire(Instruments.Phq9, CaseBuilder.Phq9Answers(10), null, 4));
        Assert.Equal("sessionNumber", error.Field);
    }

    [Fact]
    public void Any_answer_above_zero_on_item_9_raises_a_suicide_risk_review_at_once_and_a_later_zero_clears_it()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();

        var positive = c.Phq9(total: 3, item9: 1);

        Assert.True(ScoreOf(positive).SuicideItemPositive);
        Assert.Contains(new FlagRaised(CaseFlag.SuicideRisk), positive.Facts());
        Assert.Contains(CaseFlag.SuicideRisk, c.Case.Flags);

        var cleared = c.Phq9(total: 3, item9: 0);

        Assert.Contains(new FlagCleared(CaseFlag.SuicideRisk), cleared.Facts());
        Assert.DoesNotContain(CaseFlag.SuicideRisk, c.Case.Flags);
    }

    [Fact]
    public void A_reliable_rise_from_baseline_raises_reliable_deterioration()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(8);
        Assert.DoesNotContain(new FlagRaised(CaseFlag.ReliableDeterioration), c.Phq9(13).Facts());

        var worse = c.Phq9(14);

        Assert.Equal(ReliableChange.Deteriorated, ScoreOf(worse).ReliableChange);
        Assert.Contains(new FlagRaised(CaseFlag.ReliableDeterioration), worse.Facts());
        Assert.Contains(new FlagCleared(CaseFlag.ReliableDeterioration), c.Phq9(9).Facts());
    }

    [Fact]
    public void Reliable_deterioration_follows_each_instruments_latest_score_not_the_latest_questionnaire()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        CaseDecision Gad7(params int[] answers) => c.Accept(new SubmitQuestionnaire(Instruments.Gad7, answers, null, null));
        Gad7(1, 1, 1, 1, 1, 0, 0);
        c.Phq9(8);

        Assert.Contains(new FlagRaised(CaseFlag.ReliableDeterioration), Gad7(2, 2, 1, 1, 1, 1, 1).Facts());
        Assert.Equal(ReliableChange.None, ScoreOf(c.Phq9(9)).ReliableChange);
        Assert.Contains(CaseFlag.ReliableDeterioration, c.Case.Flags);

        Assert.Contains(new FlagCleared(CaseFlag.ReliableDeterioration), Gad7(1, 1, 1, 1, 1, 1, 0).Facts());
    }

    [Fact]
    public void A_tenant_with_a_larger_reliable_change_threshold_sees_no_deterioration_from_the_same_rise()
    {
        var settings = new TenantSettings
        {
            ReliableChange = new Dictionary<string, ReliableChangeSettings> { [Instruments.Phq9] = new(7.0, 0.84) },
        };
        var c = CaseBuilder.Opened(settings: settings).InMiddlePhase();
        c.Phq9(8);
        Assert.Equal(ReliableChange.None, ScoreOf(c.Phq9(14)).ReliableChange);
        Assert.DoesNotContain(CaseFlag.ReliableDeterioration, c.Case.Flags);
    }

    [Fact]
    public void A_first_PHQ9_in_the_minimal_band_is_not_yet_remission()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var first = c.Phq9(3);
        Assert.True(ScoreOf(first).Remission);
        Assert.DoesNotContain(new FlagRaised(CaseFlag.Remission), first.Facts());
    }

    [Fact]
    public void Response_and_remission_are_flagged_from_the_second_PHQ9_on()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(16);

        var second = c.Phq9(4);

        Assert.Contains(new FlagRaised(CaseFlag.Response), second.Facts());
        Assert.Contains(new FlagRaised(CaseFlag.Remission), second.Facts());
    }

    [Fact]
    public void A_halved_score_above_the_minimal_band_is_response_without_remission()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(20);
        var second = c.Phq9(10);
        Assert.Contains(new FlagRaised(CaseFlag.Response), second.Facts());
        Assert.DoesNotContain(CaseFlag.Remission, c.Case.Flags);
    }

    [Fact]
    public void An_instrument_the_tenant_did_not_define_is_refused()
    {
        var error = CaseBuilder.Opened().Refuse(new SubmitQuestionnaire("iip-32", [1, 2, 3], null, null));
        Assert.Equal(ErrorCodes.InstrumentUnknown, error.Code);
    }

    [Fact]
    public void A_tenant_defined_instrument_is_scored_in_the_case()
    {
        var ors = new InstrumentDefinition("ors", "Outcome Rating Scale", 4, 0, 10,
            [new ScoreBand(0, 24, "clinical"), new ScoreBand(25, 40, "non-clinical")], HigherIsWorse: false);
        var c = CaseBuilder.Opened(settings: new TenantSettings { CustomInstruments = [ors] }).InMiddlePhase();

        var score = ScoreOf(c.Accept(new SubmitQuestionnaire("ors", [5, 6, 4, 5], null, null)));

        Assert.Equal((20, "clinical"), (score.Total, score.Band));
    }

    [Fact]
    public void Only_the_client_writes_in_the_journal()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();

        var error = c.Refuse(new AddJournalEntry("Noted on her behalf"), CaseBuilder.Therapist);
        Assert.Equal((ErrorKind.Forbidden, ErrorCodes.RoleRequired), (error.Kind, error.Code));

        var written = c.Accept(new AddJournalEntry("We talked about the chores without shouting"), CaseBuilder.Client);

        Assert.Equal(new JournalEntryAdded("We talked about the chores without shouting"), Assert.Single(written.Facts()));
        Assert.Equal(CaseBuilder.Client, written.Events[0].By);
        Assert.Equal(1, c.Case.JournalCount);
    }

    [Fact]
    public void The_case_keeps_the_latest_twenty_journal_entries_and_counts_them_all()
    {
        var c = CaseBuilder.Opened();
        for (var i = 1; i <= 21; i++) c.Do(new AddJournalEntry($"day {i}"), CaseBuilder.Client);

        Assert.Equal(21, c.Case.JournalCount);
        Assert.Equal(20, c.Case.RecentJournal.Count);
        Assert.Equal("day 2", c.Case.RecentJournal[0].Text);
    }
}
