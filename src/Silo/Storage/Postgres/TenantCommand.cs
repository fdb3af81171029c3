using Ipt.Cluster.Ids;
using Microsoft.Extensions.Configuration;

namespace Ipt.Cluster.Silo.Storage.Postgres;

/// <summary>
/// Offboarding a tenant in cluster mode (<c>Storage:Postgres:ConnectionString</c> as for migrate):
/// <c>tenant-export --tenant T --out FOLDER</c> copies every row of the tenant into NDJSON files;
/// <c>tenant-erase --tenant T --confirm T</c> deletes them all in one transaction, refused while
/// a silo on the database is running. Exit code 0 when done, 2 for a bad call, 1 when refused.
/// </summary>
public static class TenantCommand
{
    public const string Export = "tenant-export";
    public const string Erase = "tenant-erase";

    public static async Task<int> RunAsync(string verb, string[] args)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
        var tenant = configuration["tenant"];
        if (IdRules.Check(tenant, "tenant") is { } invalid) return await FailAsync(verb, 2, $"--tenant: {invalid.Message}");
        string connectionString;
        try
        {
            connectionString = PostgresStoreExtensions.ConnectionString(configuration);
        }
        catch (InvalidOperationException missing)
        {
            return await FailAsync(verb, 2, missing.Message);
        }

        await using var database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = connectionString });
        var data = new TenantData(database.DataSource);
        IReadOnlyList<(string Table, long Rows)> counts;
        if (verb == Export)
        {
            if (configuration["out"] is not { Length: > 0 } folder) return await FailAsync(verb, 2, "--out names the folder to write to.");
            counts = await data.ExportAsync(tenant!, folder);
        }
        else
        {
            // Naming the tenant twice keeps a slip of the fingers from erasing one.
            if (configuration["confirm"] != tenant) return await FailAsync(verb, 2, "--confirm must repeat the tenant's id.");
            try
            {
                counts = await data.EraseAsync(tenant!);
            }
            catch (InvalidOperationException refused)
            {
                return await FailAsync(verb, 1, refused.Message);
            }
        }
        Console.WriteLine($"{verb} {tenant}: " + string.Join(", ", counts.Select(c => $"{c.Table} {c.Rows}")));
        return 0;
    }

    private static async Task<int> FailAsync(string verb, int code, string message)
    {
        await Console.Error.WriteLineAsync($"{verb}: {message}");
        return code;
    }
}
