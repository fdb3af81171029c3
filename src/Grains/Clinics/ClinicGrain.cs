using Ipt.Cluster.Clinics;
using Ipt.Cluster.Domain.Tenants;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Grains.Clinics;

public sealed partial class ClinicGrain(
    [PersistentState("clinic", StorageNames.Main)] IPersistentState<ClinicState> state,
    TimeProvider time,
    ILogger<ClinicGrain> logger) : Grain, IClinicGrain
{
    private GrainKey Key => GrainKey.Parse(this.GetPrimaryKeyString());

    private bool Exists => state.State.Name is not null;

    public async Task<Outcome> CreateAsync(string name)
    {
        if (TenantRules.CheckName(name) is { } invalid) return new(invalid);
        if (Exists) return state.State.Name == name ? Outcome.Done : new(Conflict(ErrorCodes.ClinicExists, "clinicId", "The clinic exists with another name."));
        state.State.Name = name;
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public Task<ClinicView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Exists
        ? new ClinicView(Key.LocalId, state.State.Name!, [.. state.State.Therapists], [.. state.State.Supervisors], state.State.Cases.Count)
        : null);

    public async Task<Outcome> AddSupervisorAsync(string supervisorId, string name)
    {
        if (!Exists) return new(NotFound());
        if ((IdRules.Check(supervisorId, "supervisorId") ?? TenantRules.CheckName(name)) is { } invalid) return new(invalid);
        if (state.State.Supervisors.Any(s => s.UserId == supervisorId)) return Outcome.Done;
        state.State.Supervisors.Add(new StaffMember(supervisorId, name.Trim(), null));
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public async Task<Outcome> AddTherapistAsync(string therapistId, string name, string? supervisorId)
    {
        if (!Exists) return new(NotFound());
        if ((IdRules.Check(therapistId, "therapistId") ?? TenantRules.CheckName(name)) is { } invalid) return new(invalid);
        if (supervisorId is not null && state.State.Supervisors.All(s => s.UserId != supervisorId))
            return new(DomainError.Invalid(ErrorCodes.UnknownValue, "supervisorId", $"'{supervisorId}' is not a supervisor of this clinic."));
        var therapist = GrainFactory.GetGrain<ITherapistGrain>(GrainKey.Scoped(Key.Tenant, therapistId).ToString());
        var created = await therapist.CreateAsync(Key.LocalId, name.Trim(), supervisorId);
        if (!created.Succeeded) return created;
        state.State.Therapists.RemoveAll(t => t.UserId == therapistId);
        state.State.Therapists.Add(new StaffMember(therapistId, name.Trim(), supervisorId));
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public async Task<Outcome> RegisterCaseAsync(string caseId, string therapistId)
    {
        if (!Exists) return new(NotFound());
        if (state.State.Cases.TryGetValue(caseId, out var current) && current == therapistId) return Outcome.Done;
        state.State.Cases[caseId] = therapistId;
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    private DomainError NotFound() =>
        DomainError.NotFound(ErrorCodes.ClinicNotFound, "clinicId", $"There is no clinic '{Key.LocalId}'.");

    private static DomainError Conflict(string code, string field, string message) => DomainError.Conflict(code, field, message);
}
