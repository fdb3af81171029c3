using System.Diagnostics;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Silo.Storage.Postgres;
using Npgsql;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    [SkippableFact]
    public async Task The_migrate_command_applies_the_schema_once_and_a_second_run_changes_nothing()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var first = await RunMigrateAsync(connectionString);
        var second = await RunMigrateAsync(connectionString);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"schema at version {PostgresSchema.LatestVersion}", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("nothing to do", second.Output, StringComparison.Ordinal);
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var versions = source.CreateCommand("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_version");
        Assert.Equal(string.Join(',', Enumerable.Range(1, PostgresSchema.LatestVersion)), await versions.ExecuteScalarAsync());
    }

    [SkippableFact]
    public async Task Migrators_racing_on_one_database_apply_each_version_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresMigrator(source).MigrateAsync())));

        Assert.Equal(Enumerable.Range(1, PostgresSchema.LatestVersion), applied.SelectMany(a => a).Order());
        Assert.Equal(PostgresSchema.LatestVersion, await new PostgresMigrator(source).CurrentVersionAsync());
    }

    [SkippableFact]
    public async Task Every_query_the_Orleans_providers_need_is_in_the_schema()
    {
        var connectionString = await postgres.CreateMigratedDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        }

        string[] required =
        [
            "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "MembershipReadRowKey",
            "MembershipReadAllKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
            "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
            "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "DeleteReminderRowKey", "DeleteReminderRowsKey",
        ];
        Assert.Empty(required.Except(keys));
    }

    private static async Task<(int ExitCode, string Output)> RunMigrateAsync(string connectionString)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloProcess.SiloAssembly());
        info.ArgumentList.Add("migrate");
        info.ArgumentList.Add($"--Storage:Postgres:ConnectionString={connectionString}");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
