using Ipt.Cluster.Live;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Clinics;

/// <summary>
/// A clinic, keyed <c>{tenant}/{clinic}</c>: its therapists, its supervisors and the ids of its
/// cases. Registration calls are idempotent (adding what is already there succeeds).
/// </summary>
[Alias("ipt.IClinicGrain")]
public interface IClinicGrain : IGrainWithStringKey
{
    /// <summary>Called by the tenant grain when the clinic is added.</summary>
    [Alias("Create")]
    Task<Outcome> CreateAsync(string name);

    [Alias("Get")]
    Task<ClinicView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a therapist to the clinic (and creates the therapist grain), optionally under a supervisor of this clinic.</summary>
    [Alias("AddTherapist")]
    Task<Outcome> AddTherapistAsync(string therapistId, string name, string? supervisorId);

    [Alias("AddSupervisor")]
    Task<Outcome> AddSupervisorAsync(string supervisorId, string name);

    /// <summary>Records that a case belongs to this clinic; called by the case when it opens.</summary>
    [Alias("RegisterCase")]
    Task<Outcome> RegisterCaseAsync(string caseId, string therapistId);

    /// <summary>
    /// The live caseload with its version; null when the clinic does not exist. Changes nothing.
    /// Callers: the gateway, for a caller it has checked may see this clinic.
    /// </summary>
    [Alias("GetCaseload")]
    Task<CaseloadSnapshot?> GetCaseloadAsync(CancellationToken cancellationToken = default);

    /// <summary>The live caseload's version alone (0 when the clinic does not exist): a cheap check that a reader missed nothing.</summary>
    [Alias("GetCaseloadVersion")]
    Task<long> GetCaseloadVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Someone shows this caseload live for at least <paramref name="lease"/> from now (a gateway
    /// subscribed to its deltas, renewing while it has browsers). The clinic publishes deltas only
    /// while a lease runs; a watcher that returns sees the version jump and re-reads the snapshot.
    /// Returns the caseload's version (0 when the clinic does not exist), as the cheap check does.
    /// </summary>
    [Alias("WatchCaseload")]
    Task<long> WatchCaseloadAsync(TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Committed batches of this clinic's cases, from a silo's outbox, in commit order per case; the
    /// caseload applies them and publishes the delta. A repeat is ignored, a gap heals from the case.
    /// Only the system sends them: from any other caller the call changes nothing.
    /// </summary>
    [Alias("ReceiveCommitted")]
    Task ReceiveCommittedAsync(CaseEventBatches batches);
}

[GenerateSerializer, Immutable, Alias("ipt.ClinicView")]
public sealed record ClinicView(
    [property: Id(0)] string ClinicId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyList<StaffMember> Therapists,
    [property: Id(3)] IReadOnlyList<StaffMember> Supervisors,
    [property: Id(4)] int CaseCount);

/// <summary>A therapist or supervisor of a clinic; <see cref="SupervisorId"/> only for therapists.</summary>
[GenerateSerializer, Immutable, Alias("ipt.StaffMember")]
public sealed record StaffMember([property: Id(0)] string UserId, [property: Id(1)] string Name,
    [property: Id(2)] string? SupervisorId);
