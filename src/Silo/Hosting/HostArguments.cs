namespace Ipt.Cluster.Silo.Hosting;

/// <summary>The command line a gateway or silo process builds its host from.</summary>
public static class HostArguments
{
    /// <summary>
    /// The given arguments, after a default that turns off reloading configuration files on change
    /// (a later <c>--hostBuilder:reloadConfigOnChange=true</c> still wins). The reload watches the
    /// content root and every folder below it; run from a checkout, that holds the embedded store's
    /// files and a local PostgreSQL's, so every commit woke a watcher thread in every process
    /// (measured: ~4% of the machine's CPU in the cluster bench). Settings are read at start.
    /// </summary>
    public static string[] WithoutConfigReload(string[] args) => ["--hostBuilder:reloadConfigOnChange=false", .. args];
}
