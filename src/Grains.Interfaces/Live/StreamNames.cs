namespace Ipt.Cluster.Live;

/// <summary>The stream provider and namespaces of the live caseload pipeline, in one place.</summary>
public static class StreamNames
{
    /// <summary>The memory streams provider of silos and gateways.</summary>
    public const string Provider = "ipt";

    /// <summary>The clinic's versioned caseload deltas, keyed <c>{tenant}/{clinic}</c>; gateways subscribe.</summary>
    public const string Caseload = "caseload";
}
