using Ipt.Cluster.Cluster.Tests.Infrastructure;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Postgres;
using Ipt.Cluster.StoreContracts;
using Npgsql;
using static Ipt.Cluster.StoreContracts.StoreSamples;

namespace Ipt.Cluster.Cluster.Tests.Postgres;

/// <summary>
/// The PostgreSQL audit store keeps every audit store's contract; here, what only the server's
/// schema shows: rows that refuse change, and a tenant's erasure only when asked for by name.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresFixture postgres) : AuditStoreContract
{
    protected override int MaxPageSize => PostgresAuditStore.MaxPageSize;

    protected override async Task<IStoresUnderTest> OpenAsync() => await PgStores.CreateAsync(postgres);

    [SkippableFact]
    public async Task The_database_itself_refuses_to_update_delete_or_truncate_audit_rows()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(Record("t-ro", "c0"));

        foreach (var sql in new[] { "UPDATE audit_log SET outcome = 'Success'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => store.ExecuteAsync(sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Single((await store.Audit.QueryAsync(new AuditQuery("t-ro"))).Records);
    }

    [SkippableFact]
    public async Task Offboarding_erases_exactly_one_tenants_rows_and_only_when_asked_for_by_name()
    {
        await using var store = await PgStores.CreateAsync(postgres);
        await store.Audit.AppendAsync(Record("t-leaving", "l1"));
        await store.Audit.AppendAsync(Record("t-staying", "s1"));

        var erased = await store.ExecuteAsync("BEGIN; SET LOCAL ipt.erase_tenant = 't-leaving'; DELETE FROM audit_log WHERE tenant = 't-leaving'; COMMIT;");
        await Assert.ThrowsAsync<PostgresException>(() =>
            store.ExecuteAsync("BEGIN; SET LOCAL ipt.erase_tenant = 't-leaving'; DELETE FROM audit_log; COMMIT;"));

        Assert.Equal(1, erased);
        Assert.Empty((await store.Audit.QueryAsync(new AuditQuery("t-leaving"))).Records);
        Assert.Single((await store.Audit.QueryAsync(new AuditQuery("t-staying"))).Records);
    }
}
