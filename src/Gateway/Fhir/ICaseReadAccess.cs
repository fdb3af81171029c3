namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Whether the caller may read a whole case: the gateway's own case-access rules (own caseload,
/// supervised clinics, the client's one case), bound by the gateway. The FHIR endpoints answer a
/// case the caller may not read exactly like a case that does not exist.
/// </summary>
public interface ICaseReadAccess
{
    Task<bool> CanReadAsync(HttpContext http, string caseId);
}
