using Ipt.Cluster.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Ipt.Cluster.Silo.Storage.Embedded;

public static class EmbeddedStoreSiloBuilderExtensions
{
    /// <summary>
    /// Local mode's storage: the embedded database (options from <c>Storage:Embedded</c>), the
    /// case store, the audit store, and grain storage under <see cref="StorageNames.Main"/>.
    /// </summary>
    public static ISiloBuilder UseEmbeddedStore(this ISiloBuilder builder, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EmbeddedStoreOptions>().Bind(config.GetSection(EmbeddedStoreOptions.SectionName));
        return builder.AddEmbeddedStorage(StorageNames.Main);
    }

    /// <summary>
    /// Orleans' reminder service with its table in the embedded database, so reminders outlive a
    /// restart (the in-memory service forgets them: a case nobody touched after a restart would never
    /// review its flags). Needs <see cref="AddEmbeddedStorage"/> (or <see cref="UseEmbeddedStore"/>).
    /// </summary>
    public static ISiloBuilder UseEmbeddedReminders(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp => new EmbeddedReminderTable(sp.GetRequiredService<EmbeddedDatabase>()));
        return builder;
    }

    /// <summary>
    /// Registers the embedded database (one per silo) with <see cref="ICaseStore"/> on it, the
    /// audit log's own file with <see cref="IAuditStore"/> on it, and a named
    /// Orleans grain storage provider <paramref name="providerName"/> on its <c>grain_state</c> table.
    /// </summary>
    public static ISiloBuilder AddEmbeddedStorage(this ISiloBuilder builder, string providerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        var services = builder.Services;
        services.AddOptions<EmbeddedStoreOptions>();
        services.TryAddSingleton(sp => new EmbeddedDatabase(
            sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value,
            sp.GetRequiredService<ILogger<EmbeddedDatabase>>()));
        services.TryAddSingleton(sp => new EmbeddedAuditLog(
            sp.GetRequiredService<IOptions<EmbeddedStoreOptions>>().Value,
            sp.GetRequiredService<ILogger<EmbeddedAuditLog>>()));
        services.TryAddSingleton<ICaseStore, EmbeddedCaseStore>();
        services.TryAddSingleton<IAuditStore, EmbeddedAuditStore>();
        services.AddGrainStorage(providerName, static (sp, name) =>
            new EmbeddedGrainStorage(name, sp.GetRequiredService<EmbeddedDatabase>(), sp.GetRequiredService<Serializer>()));
        return builder;
    }
}
