namespace Ipt.Cluster.Gateway.Apis.Requests;

public sealed record CreateTenantRequest(string TenantId, string Name);

public sealed record CreateClinicRequest(string ClinicId, string Name);

public sealed record AddSupervisorRequest(string SupervisorId, string Name);

public sealed record AddTherapistRequest(string TherapistId, string Name, string? SupervisorId = null);
