namespace Ipt.Bench.Run.Seeding;

/// <summary>A seeded case and what a request to it needs: who may reach it, and ids inside it.</summary>
internal sealed record SeededCase(string Tenant, string CaseId, string ClinicId, string TherapistId, string SupervisorId,
    string GoalId, string CountMilestoneId);

/// <summary>The seeded network: tenants, clinics (with their supervisor) and cases.</summary>
internal sealed record SeededNetwork(IReadOnlyList<string> Tenants, IReadOnlyList<(string Tenant, string ClinicId, string SupervisorId)> Clinics,
    IReadOnlyList<SeededCase> Cases, long Events, TimeSpan Took);

/// <summary>The names the seeder gives: tenant i, clinic c of a tenant, therapist k of a clinic, case n.</summary>
internal static class SeedNames
{
    public static string Tenant(string run, int i) => $"net{i}-{run}";

    public static string Clinic(int c) => $"clinic-{c}";

    public static string Supervisor(int c) => $"sv-{c}";

    public static string Therapist(int c, int k) => $"th-{c}-{k}";

    public static string Case(int n) => $"case-{n}";
}
