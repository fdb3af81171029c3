using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

/// <summary>Builds answer sheets for tests: the total is spread from the first item on, 3 per item.</summary>
internal static class Answers
{
    public static int[] Totalling(int total, int count)
    {
        var answers = new int[count];
        for (var i = 0; i < count && total > 0; i++)
        {
            answers[i] = Math.Min(3, total);
            total -= answers[i];
        }
        return total == 0 ? answers : throw new ArgumentOutOfRangeException(nameof(total));
    }

    public static QuestionnaireScore ScorePhq9(int total, int? baseline = null, ScoringSettings? settings = null) =>
        Ok(QuestionnaireScoring.Score(Instruments.Phq9, Totalling(total, 9), null, baseline, settings ?? ScoringSettings.Default));

    public static QuestionnaireScore ScoreGad7(int total, int? baseline = null, ScoringSettings? settings = null) =>
        Ok(QuestionnaireScoring.Score(Instruments.Gad7, Totalling(total, 7), null, baseline, settings ?? ScoringSettings.Default));

    public static QuestionnaireScore Ok(Result<QuestionnaireScore> result)
    {
        Assert.True(result.IsOk, result.Error?.Message);
        return result.Value!;
    }

    public static Errors.DomainError Refused(Result<QuestionnaireScore> result)
    {
        Assert.False(result.IsOk, "expected the answers to be refused");
        return result.Error;
    }
}
