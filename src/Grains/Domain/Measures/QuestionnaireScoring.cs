using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>The one entry point that turns a client's answers into a <see cref="QuestionnaireScore"/>.</summary>
public static class QuestionnaireScoring
{
    /// <summary>
    /// Scores <paramref name="answers"/> (one per item, in form order) of a built-in or
    /// tenant-defined instrument. <paramref name="baseline"/> is the total of the first score of
    /// this instrument in the case, or null when this is the first: then the score is its own
    /// baseline (change 0, no response, no reliable change).
    /// </summary>
    public static Result<QuestionnaireScore> Score(
        string instrument,
        IReadOnlyList<int> answers,
        int? difficulty,
        int? baseline,
        ScoringSettings settings)
    {
        if (settings.Find(instrument) is not { } definition)
        {
            return DomainError.Invalid(ErrorCodes.InstrumentUnknown, "instrument",
                $"'{instrument}' is neither a built-in instrument ({Instruments.Phq9}, {Instruments.Gad7}) nor one this tenant defined.");
        }
        var builtIn = InstrumentDefinitions.IsBuiltIn(definition.Code);
        var refusal = (builtIn ? null : InstrumentDefinitions.Validate(definition))
            ?? AnswerRules.Check(definition, answers)
            ?? AnswerRules.CheckDifficulty(definition.Code, difficulty)
            ?? AnswerRules.CheckBaseline(definition, baseline);
        if (refusal is not null) return refusal;

        var total = answers.Sum();
        var reference = baseline ?? total;
        var change = total - reference;
        var reliable = baseline is not null && settings.ReliableChange.TryGetValue(definition.Code, out var rc)
            ? ReliableChangeRule.Classify(change, rc, definition.HigherIsWorse)
            : ReliableChange.None;

        return Result<QuestionnaireScore>.Ok(new QuestionnaireScore(
            Instrument: definition.Code,
            // An array, not a collection expression: for an IReadOnlyList target the compiler makes a
            // type of its own, which the Orleans serializer looks up by reflection on every write.
            Answers: answers.ToArray(),
            Total: total,
            Band: BandLabels.Find(definition.Bands, total)!,
            SuicideItemPositive: definition.Code == Instruments.Phq9 && Phq9.SuicideItemPositive(answers),
            Baseline: reference,
            ChangeFromBaseline: change,
            // Response and remission have validated cut-offs only for the built-in instruments.
            Response: builtIn && baseline is { } b && BaselineChange.IsResponse(b, total),
            Remission: builtIn && BaselineChange.IsRemission(total),
            ReliableChange: reliable,
            Difficulty: difficulty));
    }
}
