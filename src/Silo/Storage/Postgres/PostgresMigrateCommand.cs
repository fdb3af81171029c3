using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// <c>Ipt.Cluster.Silo migrate --Storage:Postgres:ConnectionString=...</c> (or the environment
/// variable <c>Storage__Postgres__ConnectionString</c>): applies the missing schema versions and
/// prints the version the database is at. Exit code 0 when the database is up to date.
/// </summary>
public static class PostgresMigrateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        string connectionString;
        try
        {
            connectionString = PostgresStoreExtensions.ConnectionString(configuration);
        }
        catch (InvalidOperationException missing)
        {
            await Console.Error.WriteLineAsync("migrate: " + missing.Message);
            return 2;
        }

        using var logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        await using var database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = connectionString });
        var migrator = new PostgresMigrator(database.DataSource, logging.CreateLogger<PostgresMigrator>());
        var applied = await migrator.MigrateAsync();
        var version = await migrator.CurrentVersionAsync();
        Console.WriteLine(applied.Count == 0
            ? $"migrate: schema already at version {version}; nothing to do"
            : $"migrate: applied {string.Join(", ", applied)}; schema at version {version}");
        return 0;
    }
}
