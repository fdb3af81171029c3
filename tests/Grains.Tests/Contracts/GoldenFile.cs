namespace Ipt.Cluster.Grains.Tests.Contracts;

/// <summary>
/// The committed serialized form of every contract sample: one line per type, its full name and
/// the base64 of its Orleans bytes. Rewritten only when a developer runs the tests with
/// <see cref="UpdateVariable"/>=1 and commits the result; CI never sets it.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "IPT_UPDATE_GOLDEN";
    private const string RelativePath = "Contracts/golden.txt";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The copy next to the test assembly, as built from the source tree.</summary>
    public static IReadOnlyDictionary<string, string> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        if (!File.Exists(path)) return new Dictionary<string, string>();
        return File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
    }

    /// <summary>Writes the golden file into the source tree (the test project folder).</summary>
    public static string Write(IEnumerable<(string Type, byte[] Bytes)> lines)
    {
        var path = Path.Combine(SourceFolder(), RelativePath);
        var text = new List<string>
        {
            "# Orleans-serialized contract samples: type, then base64. Written by the Contracts tests with",
            $"# {UpdateVariable}=1. A changed line for an existing type means its wire format changed: review it.",
        };
        text.AddRange(lines.OrderBy(l => l.Type, StringComparer.Ordinal).Select(l => $"{l.Type} {Convert.ToBase64String(l.Bytes)}"));
        File.WriteAllLines(path, text);
        return path;
    }

    private static string SourceFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ipt.Cluster.sln")))
                return Path.Combine(dir.FullName, "tests", "Grains.Tests");
        }
        throw new InvalidOperationException("No folder above the test assembly holds Ipt.Cluster.sln.");
    }
}
