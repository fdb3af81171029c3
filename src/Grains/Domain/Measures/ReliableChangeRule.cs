using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Measures;

/// <summary>
/// Jacobson &amp; Truax (1991) reliable change: a change is larger than measurement error when
/// |change| >= 1.96 * SD * sqrt(2 * (1 - r)).
/// </summary>
public static class ReliableChangeRule
{
    // Totals are integers, so a slack far below one point only absorbs floating-point noise.
    private const double Epsilon = 1e-9;

    /// <summary>
    /// The threshold in points, to 2 decimals. 1.96 is itself z(0.975) = 1.95996 rounded, so digits
    /// past the second are noise; without the rounding the GAD-7 default (4.00003) would refuse
    /// the 4-point change that the convention counts as reliable.
    /// </summary>
    public static double Threshold(ReliableChangeSettings settings)
    {
        var raw = 1.96 * settings.StandardDeviation * Math.Sqrt(2 * (1 - settings.TestRetestReliability));
        return Math.Round(raw, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Classifies <paramref name="change"/> (follow-up minus baseline). For an instrument where a
    /// higher total is worse, a reliable fall is an improvement and a reliable rise a deterioration.
    /// </summary>
    public static ReliableChange Classify(int change, ReliableChangeSettings settings, bool higherIsWorse)
    {
        if (change == 0 || Math.Abs(change) < Threshold(settings) - Epsilon) return ReliableChange.None;
        var wentDown = change < 0;
        return wentDown == higherIsWorse ? ReliableChange.Improved : ReliableChange.Deteriorated;
    }

    /// <summary>Checks a tenant's settings: SD above 0, reliability 0 &lt;= r &lt; 1.</summary>
    public static DomainError? Validate(ReliableChangeSettings settings, string field)
    {
        if (!(settings.StandardDeviation > 0) || double.IsInfinity(settings.StandardDeviation))
        {
            return DomainError.Invalid(ErrorCodes.OutOfRange, $"{field}.standardDeviation",
                "The standard deviation must be a number above 0.");
        }
        if (!(settings.TestRetestReliability >= 0 && settings.TestRetestReliability < 1))
        {
            return DomainError.Invalid(ErrorCodes.OutOfRange, $"{field}.testRetestReliability",
                "The test-retest reliability must be at least 0 and below 1.");
        }
        return null;
    }
}
