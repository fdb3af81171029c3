using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class BaselineChangeTests
{
    [Fact]
    public void The_first_score_is_its_own_baseline_with_no_change()
    {
        var score = Answers.ScorePhq9(18);
        Assert.Equal(18, score.Baseline);
        Assert.Equal(0, score.ChangeFromBaseline);
        Assert.False(score.Response);
        Assert.Equal(ReliableChange.None, score.ReliableChange);
    }

    [Fact]
    public void The_first_score_gets_no_reliable_change_even_with_a_tiny_threshold()
    {
        var sensitive = ScoringSettings.Default with
        {
            ReliableChange = new Dictionary<string, ReliableChangeSettings> { [Instruments.Phq9] = new(1.0, 0.99) },
        };
        Assert.Equal(ReliableChange.None, Answers.ScorePhq9(3, baseline: null, sensitive).ReliableChange);
    }

    [Fact]
    public void Change_from_baseline_is_the_new_total_minus_the_baseline() =>
        Assert.Equal(-7, Answers.ScorePhq9(13, baseline: 20).ChangeFromBaseline);

    [Theory]
    [InlineData(20, 10, true)]
    [InlineData(20, 11, false)]
    [InlineData(9, 4, true)]
    [InlineData(9, 5, false)]
    [InlineData(1, 0, true)]
    [InlineData(0, 0, false)]
    public void Response_needs_at_least_a_50_percent_fall_from_a_baseline_above_0(int baseline, int total, bool response) =>
        Assert.Equal(response, Answers.ScorePhq9(total, baseline).Response);

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Remission_is_a_total_below_5_for_both_instruments(int total, bool remission)
    {
        Assert.Equal(remission, Answers.ScorePhq9(total, baseline: 16).Remission);
        Assert.Equal(remission, Answers.ScoreGad7(total, baseline: 12).Remission);
        Assert.Equal(remission, Answers.ScoreGad7(total).Remission);
    }

    [Fact]
    public void Gad7_response_uses_the_same_50_percent_rule() =>
        Assert.True(Answers.ScoreGad7(7, baseline: 14).Response);

    [Theory]
    [InlineData(28)]
    [InlineData(-1)]
    public void A_baseline_outside_the_instruments_range_is_refused(int baseline)
    {
        var result = QuestionnaireScoring.Score(Instruments.Phq9, new int[9], null, baseline, ScoringSettings.Default);
        var error = Answers.Refused(result);
        Assert.Equal(ErrorCodes.OutOfRange, error.Code);
        Assert.Equal("baseline", error.Field);
    }
}
