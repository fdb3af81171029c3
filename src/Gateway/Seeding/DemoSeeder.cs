using System.Diagnostics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Gateway.Seeding;

/// <summary>
/// Seeds the demo tenant once, in local mode, through the grains like any caller would. It runs
/// again only when an earlier run did not finish; every step is idempotent, so that run completes it.
/// </summary>
public sealed partial class DemoSeeder(IGrainFactory grains, ILogger<DemoSeeder> logger) : BackgroundService
{
    private const string SeedUser = "seed";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            if (await IsSeededAsync())
            {
                LogAlreadySeeded();
                return;
            }
            await SeedStaffAsync();
            var cases = DemoCatalog.Cases().ToList();
            // Cases are independent: seed them side by side so the store's group commit batches their writes.
            await Task.WhenAll(cases.Select((spec, i) =>
                new DemoCaseScript(grains.GetGrain<IClientCaseGrain>(Key(spec.CaseId)), spec, i).RunAsync()));
            LogSeeded(cases.Count, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    private async Task<bool> IsSeededAsync()
    {
        var tenant = await CallerContext.RunAs(null, SeedUser, Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(DemoCatalog.Tenant).GetAsync());
        if (tenant is null) return false;
        // Done when every demo case has reached its phase; otherwise an earlier run stopped half-way.
        var phases = await CallerContext.RunAs(DemoCatalog.Tenant, SeedUser, Roles.TenantAdmin, () => Task.WhenAll(DemoCatalog.Cases()
            .Select(async spec => (await grains.GetGrain<IClientCaseGrain>(Key(spec.CaseId)).GetAsync())?.Phase == spec.Phase)));
        return phases.All(reached => reached);
    }

    private async Task SeedStaffAsync()
    {
        Must(await CallerContext.RunAs(null, SeedUser, Roles.PlatformAdmin,
            () => grains.GetGrain<ITenantGrain>(DemoCatalog.Tenant).CreateAsync(DemoCatalog.TenantName)));
        await CallerContext.RunAs(DemoCatalog.Tenant, SeedUser, Roles.TenantAdmin, async () =>
        {
            foreach (var clinic in DemoCatalog.Clinics)
            {
                Must(await grains.GetGrain<ITenantGrain>(DemoCatalog.Tenant).AddClinicAsync(clinic.Id, clinic.Name));
                var grain = grains.GetGrain<IClinicGrain>(Key(clinic.Id));
                Must(await grain.AddSupervisorAsync(clinic.Supervisor.Id, clinic.Supervisor.Name));
                foreach (var therapist in clinic.Therapists) Must(await grain.AddTherapistAsync(therapist.Id, therapist.Name, clinic.Supervisor.Id));
            }
            return true;
        });
    }

    private static string Key(string local) => GrainKey.Scoped(DemoCatalog.Tenant, local).ToString();

    private static void Must(Outcome outcome)
    {
        if (outcome.Error is { } error) throw new InvalidOperationException($"Demo seeding was refused: {error.Code} {error.Message}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant already seeded")]
    private partial void LogAlreadySeeded();

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo tenant with {Count} cases in {Milliseconds} ms")]
    private partial void LogSeeded(int count, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding the demo tenant failed")]
    private partial void LogFailed(Exception exception);
}
