namespace Ipt.Bench.Run;

/// <summary>The repository the bench runs from (the folder holding Ipt.Cluster.sln).</summary>
internal static class Repository
{
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Ipt.Cluster.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Run the bench from the repository (no Ipt.Cluster.sln above the working folder).");
    }
}
