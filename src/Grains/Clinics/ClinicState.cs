using Ipt.Cluster.Clinics;

namespace Ipt.Cluster.Grains.Clinics;

[GenerateSerializer, Alias("ipt.state.Clinic")]
public sealed class ClinicState
{
    [Id(0)] public string? Name { get; set; }
    [Id(1)] public List<StaffMember> Therapists { get; set; } = [];
    [Id(2)] public List<StaffMember> Supervisors { get; set; } = [];
    /// <summary>Case id to therapist id.</summary>
    [Id(3)] public Dictionary<string, string> Cases { get; set; } = [];
}
