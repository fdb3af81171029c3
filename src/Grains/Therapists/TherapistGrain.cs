using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Tenants;
using Ipt.Cluster.Therapists;

namespace Ipt.Cluster.Grains.Therapists;

public sealed class TherapistGrain(
    [PersistentState("therapist", StorageNames.Main)] IPersistentState<TherapistState> state) : Grain, ITherapistGrain
{
    public async Task<Outcome> CreateAsync(string clinicId, string name, string? supervisorId)
    {
        if (state.State.ClinicId is { } clinic && clinic != clinicId)
            return new(DomainError.Conflict(ErrorCodes.TherapistExists, "therapistId", $"The therapist works at clinic '{clinic}'."));
        state.State.ClinicId = clinicId;
        state.State.Name = name;
        state.State.SupervisorId = supervisorId;
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public Task<TherapistView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.ClinicId is { } clinic
        ? new TherapistView(GrainKey.Parse(this.GetPrimaryKeyString()).LocalId, clinic, state.State.Name, state.State.SupervisorId, [.. state.State.CaseIds])
        : null);

    public async Task<Outcome> AssignCaseAsync(string caseId)
    {
        if (state.State.ClinicId is null)
            return new(DomainError.NotFound(ErrorCodes.TherapistNotFound, "therapistId", "There is no such therapist."));
        if (state.State.CaseIds.Contains(caseId)) return Outcome.Done;
        state.State.CaseIds.Add(caseId);
        await state.WriteStateAsync();
        return Outcome.Done;
    }
}
