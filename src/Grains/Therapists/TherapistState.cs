namespace Ipt.Cluster.Grains.Therapists;

[GenerateSerializer, Alias("ipt.state.Therapist")]
public sealed class TherapistState
{
    [Id(0)] public string? ClinicId { get; set; }
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string? SupervisorId { get; set; }
    [Id(3)] public List<string> CaseIds { get; set; } = [];
}
