using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>
/// Goal Attainment Scaling, Kiresuk &amp; Sherman (1968): each goal is rated -2..+2 (0 = the
/// expected outcome) and weighted; the summary T-score is 50 when every goal lands as expected.
/// </summary>
public static class GoalAttainment
{
    public const int MinLevel = -2;
    public const int MaxLevel = 2;

    /// <summary>The assumed correlation between goal scores, as in the original formula.</summary>
    public const double Rho = 0.3;

    /// <summary>
    /// T = 50 + 10 * sum(w x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2), to 2 decimals;
    /// null when there are no goals to score.
    /// </summary>
    public static double? TScore(IReadOnlyList<(double Weight, int Level)> goals)
    {
        if (goals.Count == 0) return null;
        double weighted = 0, sumSquares = 0, sum = 0;
        foreach (var (weight, level) in goals)
        {
            if (!(weight > 0) || double.IsInfinity(weight))
                throw new ArgumentOutOfRangeException(nameof(goals), weight, "Every goal weight must be above 0.");
            if (level is < MinLevel or > MaxLevel)
                throw new ArgumentOutOfRangeException(nameof(goals), level, "Every goal level must be -2..+2.");
            weighted += weight * level;
            sumSquares += weight * weight;
            sum += weight;
        }
        var t = 50 + (10 * weighted / Math.Sqrt(((1 - Rho) * sumSquares) + (Rho * sum * sum)));
        return Math.Round(t, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Why <paramref name="level"/> is not a GAS level, or null when it is one.</summary>
    public static DomainError? ValidateLevel(int level, string field) => level is < MinLevel or > MaxLevel
        ? DomainError.Invalid(ErrorCodes.GasLevel, field, $"A goal attainment level is {MinLevel}..+{MaxLevel}, not {level}.")
        : null;

    /// <summary>Why <paramref name="weight"/> is not a goal weight, or null when it is one.</summary>
    public static DomainError? ValidateWeight(double weight, string field) => weight > 0 && !double.IsInfinity(weight)
        ? null
        : DomainError.Invalid(ErrorCodes.OutOfRange, field, $"A goal weight must be a number above 0, not {weight}.");
}
