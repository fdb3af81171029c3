using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>Checks a client's answers against an instrument before anything is scored.</summary>
public static class AnswerRules
{
    public static DomainError? Check(InstrumentDefinition instrument, IReadOnlyList<int>? answers)
    {
        var count = answers?.Count ?? 0;
        if (answers is null || count != instrument.ItemCount)
        {
            return DomainError.Invalid(ErrorCodes.AnswerCount, "answers",
                $"{instrument.Code} expects {instrument.ItemCount} answers, got {count}.");
        }
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] < instrument.ItemMin || answers[i] > instrument.ItemMax)
            {
                return DomainError.Invalid(ErrorCodes.AnswerRange, $"answers[{i}]",
                    $"Answer {i + 1} of {instrument.Code} must be {instrument.ItemMin}..{instrument.ItemMax}, not {answers[i]}.");
            }
        }
        return null;
    }

    /// <summary>Only the PHQ-9 has the (unscored) difficulty item; it is answered 0..3.</summary>
    public static DomainError? CheckDifficulty(string instrument, int? difficulty)
    {
        if (difficulty is not { } value) return null;
        if (instrument != Instruments.Phq9)
        {
            return DomainError.Invalid(ErrorCodes.AnswerCount, "difficulty",
                $"{instrument} has no difficulty item; only {Instruments.Phq9} does.");
        }
        return value is < Phq9.ItemMin or > Phq9.ItemMax
            ? DomainError.Invalid(ErrorCodes.AnswerRange, "difficulty",
                $"The difficulty item must be {Phq9.ItemMin}..{Phq9.ItemMax}, not {value}.")
            : null;
    }

    /// <summary>A baseline is an earlier total of the same instrument, so it lies in the same range.</summary>
    public static DomainError? CheckBaseline(InstrumentDefinition instrument, int? baseline)
    {
        var lowest = instrument.ItemCount * instrument.ItemMin;
        var highest = instrument.ItemCount * instrument.ItemMax;
        return baseline is { } value && (value < lowest || value > highest)
            ? DomainError.Invalid(ErrorCodes.OutOfRange, "baseline",
                $"A baseline total of {instrument.Code} must be {lowest}..{highest}, not {value}.")
            : null;
    }
}
