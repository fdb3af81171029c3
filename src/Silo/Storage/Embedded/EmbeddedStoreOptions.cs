namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>Where the embedded store keeps its file. Bound from the <c>Storage:Embedded</c> configuration section.</summary>
public sealed class EmbeddedStoreOptions
{
    public const string SectionName = "Storage:Embedded";

    /// <summary>The folder holding the database file; relative paths resolve against the current directory.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>At most this many queued writes share one transaction and one fsync.</summary>
    public int MaxBatchSize { get; set; } = 256;
}
