using Ipt.Cluster.Persistence;
using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage;
using Ipt.Cluster.Silo.Storage.Embedded;
using Ipt.Cluster.StoreContracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;

namespace Ipt.Cluster.Grains.Tests.Storage;

public sealed class EmbeddedStoreRegistrationTests
{
    [Fact]
    public async Task A_silo_using_the_embedded_store_serves_cases_and_the_main_grain_storage_from_the_configured_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-store-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["Storage:Embedded:DataDirectory"] = folder;
            builder.UseOrleans(silo => silo.UseLocalhostClustering().UseEmbeddedStore(builder.Configuration));
            using (var host = builder.Build())
            {
                Assert.IsType<EmbeddedCaseStore>(host.Services.GetRequiredService<ICaseStore>());
                Assert.IsType<EmbeddedAuditStore>(host.Services.GetRequiredService<IAuditStore>());
                Assert.IsType<EmbeddedGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main));
                Assert.StartsWith(folder, host.Services.GetRequiredService<EmbeddedDatabase>().FilePath, StringComparison.Ordinal);
                await host.Services.GetRequiredService<ICaseStore>().CommitAsync(StoreSamples.Commit(StoreSamples.NewCase(), 0));
                await host.Services.GetRequiredService<IAuditStore>().AppendAsync(StoreSamples.Record("t-reg", "c0"));
            }

            Assert.True(File.Exists(Path.Combine(folder, EmbeddedDatabase.FileName)));
            Assert.True(File.Exists(Path.Combine(folder, "audit.db")), "the audit log has a file of its own");
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_local_mode_silo_keeps_its_reminders_in_the_embedded_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ipt-store-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration["Storage:Embedded:DataDirectory"] = folder;
            builder.UseOrleans(silo => silo.UseLocalhostClustering().AddIptSilo(builder.Configuration));
            using var host = builder.Build();

            Assert.IsType<EmbeddedReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
