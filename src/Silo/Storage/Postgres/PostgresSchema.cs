using System.Reflection;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>One versioned schema script, shipped inside the silo assembly.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>
/// The PostgreSQL schema: the scripts under <c>Storage/Postgres/Schema</c>, named
/// <c>NNN_name.sql</c> and applied in version order. Scripts only ever get added: a released
/// script is never edited, a change is a new script.
/// </summary>
public static class PostgresSchema
{
    private const string ResourcePrefix = "Ipt.Cluster.Silo.Storage.Postgres.Schema.";

    /// <summary>Every script, oldest first.</summary>
    public static IReadOnlyList<SchemaScript> Scripts { get; } = Load();

    /// <summary>The version a database has once every script ran.</summary>
    public static int LatestVersion => Scripts[^1].Version;

    private static SchemaScript[] Load()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(script => script.Version)
            .ToArray();
        for (var i = 0; i < scripts.Length; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts must be numbered 1, 2, 3... without gaps; found {scripts[i].Name} at position {i + 1}.");
            }
        }

        return scripts.Length > 0 ? scripts : throw new InvalidOperationException("No PostgreSQL schema scripts are embedded in the silo assembly.");
    }

    private static SchemaScript Read(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema script '{name}.sql' is not named NNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, name, reader.ReadToEnd());
    }
}
