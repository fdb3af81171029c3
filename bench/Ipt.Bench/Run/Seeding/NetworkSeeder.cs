using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Persistence;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ipt.Bench.Run.Seeding;

/// <summary>
/// Seeds T tenants x C clinics (a supervisor and K therapists each) through the grains, then N cases
/// spread over the clinics. A case is registered as the case grain's open command registers it (in its
/// clinic and its therapist's caseload, grain calls), and its whole course, decided by the domain
/// engine, is committed to the product's case store in one commit: opening 100,000 cases one command at
/// a time would take the better part of an hour here. The tenant's case quota is not reserved per case:
/// each reservation is one durable write on the tenant grain, one after the other (about 100 a second
/// a tenant here), which would make the seeding, not the product's load, the long part of a run.
/// </summary>
internal static class NetworkSeeder
{
    public static async Task<SeededNetwork> SeedAsync(IHost silo, RunOptions options, string run)
    {
        var grains = silo.Services.GetRequiredService<IGrainFactory>();
        var store = silo.Services.GetRequiredService<ICaseStore>();
        var tenants = Enumerable.Range(0, options.Tenants).Select(i => SeedNames.Tenant(run, i)).ToList();
        var clinics = tenants.SelectMany(t => Enumerable.Range(0, options.ClinicsPerTenant).Select(c => (t, SeedNames.Clinic(c), SeedNames.Supervisor(c)))).ToList();

        var staff = new ProgressBar("clinics", clinics.Count);
        foreach (var tenant in tenants)
            Must(await CallerContext.RunAs(null, "seed", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(tenant).CreateAsync("Bench network " + tenant)));
        await Parallel.ForEachAsync(Enumerable.Range(0, clinics.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var (tenant, clinicId, supervisor) = clinics[i];
            await CallerContext.RunAs(tenant, "seed", Roles.TenantAdmin, async () =>
            {
                Must(await grains.GetGrain<ITenantGrain>(tenant).AddClinicAsync(clinicId, "Clinic " + clinicId));
                var clinic = grains.GetGrain<IClinicGrain>(GrainKey.Scoped(tenant, clinicId).ToString());
                Must(await clinic.AddSupervisorAsync(supervisor, "Supervisor " + supervisor));
                for (var k = 0; k < options.TherapistsPerClinic; k++)
                    Must(await clinic.AddTherapistAsync(SeedNames.Therapist(i % options.ClinicsPerTenant, k), "Therapist", supervisor));
                return true;
            });
            staff.Advance();
        });
        staff.Finish();

        var cases = new SeededCase[options.Cases];
        long events = 0;
        var now = DateTimeOffset.UtcNow;
        var progress = new ProgressBar("cases  ", options.Cases);
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Cases), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, cancel) =>
        {
            // Case n lands in tenant n % T, then round-robin over that tenant's clinics and therapists.
            var tenant = tenants[n % tenants.Count];
            var c = n / tenants.Count % options.ClinicsPerTenant;
            var therapist = SeedNames.Therapist(c, n / tenants.Count / options.ClinicsPerTenant % options.TherapistsPerClinic);
            var caseId = SeedNames.Case(n);
            var history = CaseHistoryScript.Run(caseId, SeedNames.Clinic(c), therapist, n, now);
            await CallerContext.RunAs(tenant, "seed", Roles.TenantAdmin, async () =>
            {
                Must(await grains.GetGrain<IClinicGrain>(GrainKey.Scoped(tenant, SeedNames.Clinic(c)).ToString()).RegisterCaseAsync(caseId, therapist));
                Must(await grains.GetGrain<ITherapistGrain>(GrainKey.Scoped(tenant, therapist).ToString()).AssignCaseAsync(caseId));
                return true;
            });
            await store.CommitAsync(new CaseCommit(GrainKey.Scoped(tenant, caseId), 0, history.Events, history.State), cancel);
            Interlocked.Add(ref events, history.Events.Count);
            var goals = history.State.Goals;
            var milestone = history.State.Milestones.First(m => m.Target.Kind == MilestoneTargetKind.Count);
            cases[n] = new SeededCase(tenant, caseId, SeedNames.Clinic(c), therapist, SeedNames.Supervisor(c), goals[0].GoalId, milestone.MilestoneId);
            progress.Advance();
        });
        var took = progress.Finish();
        return new SeededNetwork(tenants, clinics, cases, events, took);
    }

    private static void Must(Outcome outcome)
    {
        if (outcome.Error is { } error) throw new InvalidOperationException($"Seeding was refused: {error.Code} {error.Message}");
    }
}
