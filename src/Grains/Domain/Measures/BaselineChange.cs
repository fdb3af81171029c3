namespace Ipt.Cluster.Domain.Measures;

/// <summary>Response and remission of the built-in instruments (PHQ-9, GAD-7).</summary>
public static class BaselineChange
{
    /// <summary>Remission is a total below this (PHQ-9 and GAD-7: below 5, i.e. the minimal band).</summary>
    public const int RemissionBelow = 5;

    public static bool IsRemission(int total) => total < RemissionBelow;

    /// <summary>
    /// Response is a fall of at least 50% from baseline. With a baseline of 0 there is nothing
    /// to halve, so there is no response.
    /// </summary>
    public static bool IsResponse(int baseline, int total) => baseline > 0 && 2 * total <= baseline;
}
