using Ipt.Cluster.Clinics;
using Ipt.Cluster.Therapists;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// What an export needs besides the case: the tenant (the clinic network), the clinic, the
/// therapist and supervisor(s) as the grains show them, when the export runs and who asked for it.
/// </summary>
public sealed record FhirContext(
    string TenantId,
    string TenantName,
    ClinicView Clinic,
    TherapistView Therapist,
    IReadOnlyList<StaffMember> Supervisors,
    DateTimeOffset ExportedAt,
    ExportingUser ExportedBy)
{
    /// <summary>The therapist's own supervisor when they have one, otherwise the clinic's supervisors.</summary>
    public static IReadOnlyList<StaffMember> SupervisorsOf(ClinicView clinic, TherapistView therapist) =>
        therapist.SupervisorId is { } id && clinic.Supervisors.FirstOrDefault(s => s.UserId == id) is { } own
            ? [own]
            : clinic.Supervisors;
}

/// <summary>The authenticated user who runs the export: the "sub" and "role" claims.</summary>
public sealed record ExportingUser(string UserId, string Role);
