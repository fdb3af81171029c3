namespace Ipt.Cluster.Cases;

/// <summary>
/// Which cases a caller may reach, as the gateway decided from the caller's role: any case of the
/// tenant, one case (a client's link), a therapist's own, or a clinic's. A command carries it, so
/// the case checks it in the same turn as it commits, and a command needs one grain call instead
/// of a scope read first. A null part does not restrict.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseReach")]
public sealed record CaseReach(
    [property: Id(0)] string? CaseId,
    [property: Id(1)] string? TherapistId,
    [property: Id(2)] string? ClinicId)
{
    public static readonly CaseReach AnyCase = new(null, null, null);

    public static CaseReach OnlyCase(string caseId) => new(caseId, null, null);

    public static CaseReach OfTherapist(string therapistId) => new(null, therapistId, null);

    public static CaseReach InClinic(string clinicId) => new(null, null, clinicId);

    public bool Allows(CaseScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (CaseId is null || CaseId == scope.CaseId)
            && (TherapistId is null || TherapistId == scope.TherapistId)
            && (ClinicId is null || ClinicId == scope.ClinicId);
    }
}
