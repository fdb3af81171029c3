using Ipt.Cluster.Clinics;
using Ipt.Cluster.Domain.Tenants;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Grains.Tenants;

public sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Main)] IPersistentState<TenantState> state,
    TimeProvider time) : Grain, ITenantGrain, ITenantCaseQuota
{
    private bool Exists => state.State.Name is not null;

    public async Task<Outcome> CreateAsync(string name)
    {
        if (TenantRules.CheckName(name) is { } invalid) return new(invalid);
        if (Exists)
        {
            return state.State.Name == name.Trim()
                ? Outcome.Done
                : new(DomainError.Conflict(ErrorCodes.TenantExists, "tenantId", "A tenant with this id exists."));
        }
        state.State.Name = name.Trim();
        state.State.CreatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public Task<TenantView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Exists
        ? new TenantView(this.GetPrimaryKeyString(), state.State.Name!, state.State.Settings, [.. state.State.Clinics], state.State.CreatedAt)
        : null);

    public Task<TenantSettings> GetSettingsAsync() => Task.FromResult(state.State.Settings);

    public async Task<Outcome> UpdateSettingsAsync(TenantSettings settings)
    {
        if (!Exists) return new(NotFound());
        if (TenantRules.CheckSettings(settings) is { } invalid) return new(invalid);
        state.State.Settings = settings;
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public async Task<Outcome> AddClinicAsync(string clinicId, string name)
    {
        if (!Exists) return new(NotFound());
        if ((IdRules.Check(clinicId, "clinicId") ?? TenantRules.CheckName(name)) is { } invalid) return new(invalid);
        var existing = state.State.Clinics.FirstOrDefault(c => c.ClinicId == clinicId);
        if (existing is not null && existing.Name != name.Trim())
            return new(DomainError.Conflict(ErrorCodes.ClinicExists, "clinicId", $"Clinic '{clinicId}' exists with another name."));
        // Create the clinic grain first: a retry after a crash in between finds it and succeeds.
        var created = await GrainFactory.GetGrain<IClinicGrain>(GrainKey.Scoped(this.GetPrimaryKeyString(), clinicId).ToString())
            .CreateAsync(name.Trim());
        if (!created.Succeeded || existing is not null) return created;
        state.State.Clinics.Add(new ClinicSummary(clinicId, name.Trim()));
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    public async Task<Outcome> ReserveCaseAsync()
    {
        if (!Exists) return new(NotFound());
        if (state.State.CaseCount >= state.State.Settings.MaxCases)
            return new(DomainError.Conflict(ErrorCodes.QuotaExceeded, "caseId", $"The tenant's quota of {state.State.Settings.MaxCases} cases is used."));
        state.State.CaseCount++;
        await state.WriteStateAsync();
        return Outcome.Done;
    }

    private DomainError NotFound() =>
        DomainError.NotFound(ErrorCodes.TenantNotFound, "tenantId", $"There is no tenant '{this.GetPrimaryKeyString()}'.");
}
