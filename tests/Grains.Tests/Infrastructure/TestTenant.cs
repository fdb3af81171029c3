using Ipt.Cluster.Cases;
using Ipt.Cluster.Clinics;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Grains.Tests.Infrastructure;

/// <summary>
/// A fresh tenant with one clinic, a supervisor and a therapist, and helpers to act in it as one
/// of its users. Every test makes its own, so tests never share state.
/// </summary>
public sealed class TestTenant(IGrainFactory grains, string tenantId)
{
    public const string Clinic = "north";
    public const string Therapist = "t-ana";
    public const string Supervisor = "s-ben";

    public string Id { get; } = tenantId;

    public static async Task<TestTenant> CreateAsync(IGrainFactory grains)
    {
        var tenant = new TestTenant(grains, "t" + Guid.NewGuid().ToString("N")[..12]);
        await CallerContext.RunAs(null, "root", Roles.PlatformAdmin, () => grains.GetGrain<ITenantGrain>(tenant.Id).CreateAsync("Test network"));
        await tenant.AsAdmin(async () =>
        {
            Must(await grains.GetGrain<ITenantGrain>(tenant.Id).AddClinicAsync(Clinic, "North clinic"));
            var clinic = grains.GetGrain<IClinicGrain>(tenant.Key(Clinic));
            Must(await clinic.AddSupervisorAsync(Supervisor, "Ben"));
            Must(await clinic.AddTherapistAsync(Therapist, "Ana", Supervisor));
            return true;
        });
        return tenant;
    }

    public string Key(string local) => GrainKey.Scoped(Id, local).ToString();

    public IClientCaseGrain Case(string caseId) => grains.GetGrain<IClientCaseGrain>(Key(caseId));

    public Task<T> AsAdmin<T>(Func<Task<T>> call) => CallerContext.RunAs(Id, "admin", Roles.TenantAdmin, call);

    public Task<T> AsTherapist<T>(Func<Task<T>> call) => CallerContext.RunAs(Id, Therapist, Roles.Therapist, call);

    public Task<T> AsSupervisor<T>(Func<Task<T>> call) => CallerContext.RunAs(Id, Supervisor, Roles.Supervisor, call);

    public Task<T> AsClient<T>(Func<Task<T>> call) => CallerContext.RunAs(Id, "client-1", Roles.Client, call);

    /// <summary>Runs a case command as the therapist and asserts it was accepted.</summary>
    public async Task<CommandResult> Do(string caseId, CaseCommand command, string? idempotencyKey = null)
    {
        var result = await AsTherapist(() => Case(caseId).ExecuteAsync(command, idempotencyKey));
        Assert.True(result.Accepted, $"{command.GetType().Name} was refused: {result.Error}");
        return result;
    }

    public Task<CaseState?> Read(string caseId) => AsTherapist(() => Case(caseId).GetAsync());

    private static void Must(Outcome outcome) => Assert.True(outcome.Succeeded, outcome.Error?.ToString());
}
