using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class Gad7ScoringTests
{
    private static Result<QuestionnaireScore> Score(int[] answers, int? difficulty = null) =>
        QuestionnaireScoring.Score(Instruments.Gad7, answers, difficulty, null, ScoringSettings.Default);

    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Gad7_total_falls_in_the_Spitzer_band(int total, string band)
    {
        var score = Answers.ScoreGad7(total);
        Assert.Equal(total, score.Total);
        Assert.Equal(band, score.Band);
        Assert.Equal(band, Gad7.Band(total));
    }

    [Fact]
    public void Gad7_has_no_suicide_item_even_when_its_last_answer_is_high() =>
        Assert.False(Answers.Ok(Score([0, 0, 0, 0, 0, 0, 3])).SuicideItemPositive);

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    public void Gad7_refuses_any_count_but_seven_answers(int count)
    {
        var error = Answers.Refused(Score(new int[count]));
        Assert.Equal(ErrorCodes.AnswerCount, error.Code);
        Assert.Equal("answers", error.Field);
        Assert.Contains($"expects 7 answers, got {count}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gad7_answer_of_4_is_refused_naming_its_index()
    {
        var error = Answers.Refused(Score([0, 0, 0, 0, 0, 0, 4]));
        Assert.Equal(ErrorCodes.AnswerRange, error.Code);
        Assert.Equal("answers[6]", error.Field);
    }

    [Fact]
    public void Gad7_refuses_a_difficulty_answer_because_only_phq9_carries_one() =>
        Assert.Equal("difficulty", Answers.Refused(Score(new int[7], difficulty: 1)).Field);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("PHQ-9")]
    [InlineData("phq-8")]
    public void An_instrument_neither_built_in_nor_defined_by_the_tenant_is_unknown(string? instrument)
    {
        var error = Answers.Refused(QuestionnaireScoring.Score(instrument!, new int[9], null, null, ScoringSettings.Default));
        Assert.Equal(ErrorCodes.InstrumentUnknown, error.Code);
        Assert.Equal("instrument", error.Field);
    }
}
