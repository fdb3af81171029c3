using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ipt.Cluster.Silo.Storage.Postgres;

public static class PostgresStoreExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, as Orleans' providers know it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Cluster mode's storage, all in one PostgreSQL database (<c>Storage:Postgres:ConnectionString</c>):
    /// the case store, the audit store, Orleans ADO.NET grain storage under
    /// <see cref="StorageNames.Main"/> (Orleans serializer, like the embedded store) and ADO.NET
    /// reminders. The schema must have been applied (the silo's <c>migrate</c> command).
    /// </summary>
    public static ISiloBuilder UsePostgresStore(this ISiloBuilder builder, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = ConnectionString(config);
        LetNpgsqlErrorsCross(builder.Services);
        builder.Services.AddPostgresDatabase(config);
        builder.Services.TryAddSingleton<ICaseStore, PostgresCaseStore>();
        builder.Services.AddPostgresAuditStore(config);
        builder.AddAdoNetGrainStorage(StorageNames.Main, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        builder.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        }));
        return builder;
    }

    /// <summary>
    /// The audit store alone, for a process that has no silo (a gateway in cluster mode): it
    /// writes and reads <c>audit_log</c> directly, with its own group commit.
    /// </summary>
    public static IServiceCollection AddPostgresAuditStore(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPostgresDatabase(config);
        services.AddMetrics();
        services.TryAddSingleton<IptMetrics>();
        services.TryAddSingleton<PostgresAuditStore>();
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<PostgresAuditStore>());
        return services;
    }

    /// <summary>
    /// Lets Npgsql's exceptions cross a grain call. Orleans serializes only exceptions of the System,
    /// Microsoft and Azure namespaces; any other fails the whole response (CodecNotFoundException),
    /// so the caller saw a server error instead of the database's own, transient one (a full pool,
    /// a restarting server), which the gateway answers 503: retry.
    /// </summary>
    public static void LetNpgsqlErrorsCross(IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add(Invariant));

    /// <summary>The connection string from configuration; throws naming the setting when it is missing.</summary>
    public static string ConnectionString(IConfiguration config) =>
        Bind(config).RequireConnectionString();

    private static IServiceCollection AddPostgresDatabase(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<PostgresStoreOptions>().Bind(config.GetSection(PostgresStoreOptions.SectionName));
        services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<PostgresStoreOptions>>().Value));
        return services;
    }

    private static PostgresStoreOptions Bind(IConfiguration config)
    {
        var options = new PostgresStoreOptions();
        config.GetSection(PostgresStoreOptions.SectionName).Bind(options);
        return options;
    }
}
