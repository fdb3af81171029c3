namespace Ipt.Cluster.Cases;

/// <summary>
/// Who a case belongs to, and at which version: what the gateway needs to decide whether a caller
/// reaches it, without the whole case crossing the wire before every command, and to know whether
/// the copy of the case it rendered last is still the current one.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CaseScope")]
public sealed record CaseScope(
    [property: Id(0)] string CaseId,
    [property: Id(1)] string ClinicId,
    [property: Id(2)] string TherapistId,
    [property: Id(3)] long Version)
{
    public static CaseScope Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.CaseId, state.ClinicId, state.TherapistId, state.Version);
    }
}
