using Ipt.Cluster.Audit;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>The PostgreSQL case and audit stores on a fresh, migrated database.</summary>
public sealed class PgStores : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PgStores(string connectionString)
    {
        ConnectionString = connectionString;
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        Database = new PostgresDatabase(new PostgresStoreOptions { ConnectionString = connectionString });
        Cases = new PostgresCaseStore(Database, _services.GetRequiredService<Serializer>());
        Audit = new PostgresAuditStore(Database);
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    public PostgresCaseStore Cases { get; }

    public PostgresAuditStore Audit { get; }

    public static async Task<PgStores> CreateAsync(PostgresFixture postgres) => new(await postgres.CreateMigratedDatabaseAsync());

    public static GrainKey NewCase() => GrainKey.Scoped("t-" + Guid.NewGuid().ToString("N")[..8], "case-1");

    /// <summary>
    /// A commit of <paramref name="count"/> events on top of <paramref name="expectedVersion"/>; each names its person "note N".
    /// It carries a snapshot (its id tells which commit wrote it) unless <paramref name="snapshot"/> is false.
    /// </summary>
    public static CaseCommit Commit(GrainKey caseKey, long expectedVersion, int count = 1, string note = "note", bool snapshot = true)
    {
        var events = Enumerable.Range(1, count)
            .Select(i => new RecordedEvent(expectedVersion + i, DateTimeOffset.UtcNow, Actor.System, Note($"{note} {expectedVersion + i}")))
            .ToArray();
        return new CaseCommit(caseKey, expectedVersion, events, !snapshot ? null : new CaseState
        {
            CaseId = $"{caseKey.LocalId}@{expectedVersion + count}", ClinicId = "clinic-1", TherapistId = "therapist-1", ClientAlias = "client",
            Version = expectedVersion + count,
        });
    }

    public static string NoteOf(RecordedEvent recorded) => ((RelationshipRecorded)recorded.Event).Relationship.PersonAlias;

    private static RelationshipRecorded Note(string text) => new(new Relationship(text, "friend", Closeness.Middle, 3, 1, "", "", true));

    /// <summary>Runs one SQL statement on its own connection (what an operator, or an attacker with SQL access, would do).</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    internal static AuditRecord Record(
        string? tenant, string correlation, string? user = "user-1", string? caseId = null, string action = "case.read",
        AuditOutcome outcome = AuditOutcome.Success, DateTimeOffset? at = null) =>
        new(at ?? Start, user, tenant, "therapist", action, caseId is null ? "/api/things" : $"/api/cases/{caseId}", caseId, outcome, correlation);

    internal static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    public async ValueTask DisposeAsync()
    {
        await Cases.DisposeAsync();
        await Audit.DisposeAsync();
        await Database.DisposeAsync();
        await _services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
    }
}
