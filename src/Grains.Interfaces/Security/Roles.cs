namespace Ipt.Cluster.Security;

/// <summary>The product's roles, as carried in tokens and in the Orleans request context.</summary>
public static class Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string TenantAdmin = "tenant-admin";
    public const string Supervisor = "supervisor";
    public const string Therapist = "therapist";
    public const string Client = "client";
    public const string Auditor = "auditor";
    /// <summary>The silo itself: timers, reminders and seeding.</summary>
    public const string System = "system";

    public static readonly IReadOnlyList<string> All = [PlatformAdmin, TenantAdmin, Supervisor, Therapist, Client, Auditor];
}
