using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Therapists;

/// <summary>A therapist, keyed <c>{tenant}/{therapist}</c>: their clinic, supervisor and caseload.</summary>
[Alias("ipt.ITherapistGrain")]
public interface ITherapistGrain : IGrainWithStringKey
{
    /// <summary>Called by the clinic grain; idempotent for the same clinic.</summary>
    [Alias("Create")]
    Task<Outcome> CreateAsync(string clinicId, string name, string? supervisorId);

    [Alias("Get")]
    Task<TherapistView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a case to the caseload; idempotent.</summary>
    [Alias("AssignCase")]
    Task<Outcome> AssignCaseAsync(string caseId);
}

[GenerateSerializer, Immutable, Alias("ipt.TherapistView")]
public sealed record TherapistView(
    [property: Id(0)] string TherapistId,
    [property: Id(1)] string ClinicId,
    [property: Id(2)] string Name,
    [property: Id(3)] string? SupervisorId,
    [property: Id(4)] IReadOnlyList<string> CaseIds);
