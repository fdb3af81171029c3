namespace Ipt.Cluster.Grains.Cases;

/// <summary>The daily review of a case's time-dependent flags, bound from <c>Cases:FlagReview</c>.</summary>
public sealed class FlagReviewOptions
{
    public const string Section = "Cases:FlagReview";

    /// <summary>How often an open case reviews its flags by itself (<c>Period</c>, a day).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How soon a case tries again when the reminder service refused or failed its review
    /// (<c>RetryAfter</c>, a minute): after a silo dies the service takes a while to settle.
    /// </summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}
