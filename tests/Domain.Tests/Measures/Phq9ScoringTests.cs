using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class Phq9ScoringTests
{
    private static Result<QuestionnaireScore> Score(int[] answers, int? difficulty = null) =>
        QuestionnaireScoring.Score(Instruments.Phq9, answers, difficulty, null, ScoringSettings.Default);

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately-severe")]
    [InlineData(19, "moderately-severe")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void Phq9_total_falls_in_the_Kroenke_band(int total, string band)
    {
        var score = Answers.ScorePhq9(total);
        Assert.Equal(total, score.Total);
        Assert.Equal(band, score.Band);
        Assert.Equal(band, Phq9.Band(total));
    }

    [Fact]
    public void Phq9_total_of_10_is_moderate() =>
        Assert.Equal(BandLabels.Moderate, Answers.ScorePhq9(10).Band);

    [Fact]
    public void Item_9_answered_1_flags_suicide_risk_even_with_a_minimal_total()
    {
        var score = Answers.Ok(Score([0, 0, 0, 0, 0, 0, 0, 0, 1]));
        Assert.True(score.SuicideItemPositive);
        Assert.Equal(BandLabels.Minimal, score.Band);
    }

    [Fact]
    public void Item_9_answered_0_does_not_flag_suicide_risk_even_with_a_severe_total() =>
        Assert.False(Answers.Ok(Score([3, 3, 3, 3, 3, 3, 3, 3, 0])).SuicideItemPositive);

    [Fact]
    public void The_difficulty_item_is_carried_but_not_counted()
    {
        var score = Answers.Ok(Score([1, 1, 1, 1, 0, 0, 0, 0, 0], difficulty: 3));
        Assert.Equal(4, score.Total);
        Assert.Equal(BandLabels.Minimal, score.Band);
        Assert.Equal(3, score.Difficulty);
    }

    [Fact]
    public void Eight_answers_are_refused_saying_nine_were_expected()
    {
        var error = Answers.Refused(Score([1, 1, 1, 1, 1, 1, 1, 1]));
        Assert.Equal(ErrorCodes.AnswerCount, error.Code);
        Assert.Equal("answers", error.Field);
        Assert.Contains("9", error.Message, StringComparison.Ordinal);
        Assert.Contains("8", error.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
    }

    [Fact]
    public void Ten_answers_are_refused_the_difficulty_item_goes_in_its_own_field() =>
        Assert.Equal(ErrorCodes.AnswerCount, Answers.Refused(Score([0, 0, 0, 0, 0, 0, 0, 0, 0, 2])).Code);

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    public void An_answer_outside_0_to_3_is_refused_naming_its_index(int bad)
    {
        var error = Answers.Refused(Score([0, 0, 0, bad, 0, 0, 0, 0, 0]));
        Assert.Equal(ErrorCodes.AnswerRange, error.Code);
        Assert.Equal("answers[3]", error.Field);
        Assert.Contains("0..3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_difficulty_answer_of_4_is_refused_naming_the_difficulty_field()
    {
        var error = Answers.Refused(Score(Answers.Totalling(0, 9), difficulty: 4));
        Assert.Equal(ErrorCodes.AnswerRange, error.Code);
        Assert.Equal("difficulty", error.Field);
    }

    [Fact]
    public void The_score_keeps_its_own_copy_of_the_answers()
    {
        var answers = Answers.Totalling(6, 9);
        var score = Answers.Ok(Score(answers));
        answers[0] = 0;
        Assert.Equal(3, score.Answers[0]);
        Assert.Equal(6, score.Answers.Sum());
    }
}
