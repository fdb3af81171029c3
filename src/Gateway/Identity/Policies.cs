using Ipt.Cluster.Security;
using Microsoft.AspNetCore.Authorization;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// The named authorization policies; every endpoint names one. A policy checks the role; which
/// cases a role reaches (own caseload, supervised clinics, the client's one case) is
/// <see cref="CaseAccess"/>'s job.
/// </summary>
public static class Policies
{
    public const string PlatformAdmin = Roles.PlatformAdmin;
    public const string TenantAdmin = Roles.TenantAdmin;
    public const string Supervisor = Roles.Supervisor;
    public const string Therapist = Roles.Therapist;
    public const string Client = Roles.Client;
    public const string Auditor = Roles.Auditor;

    /// <summary>Reads goals and milestones; the client reaches its own case only.</summary>
    public const string CaseReader = "case-reader";
    /// <summary>Reads the whole case and its history: clinical staff.</summary>
    public const string CaseStaff = "case-staff";
    /// <summary>Changes the course of a case: clinical staff.</summary>
    public const string CaseWriter = "case-writer";
    /// <summary>Submits questionnaires: the client or the staff who administer them in session.</summary>
    public const string MeasureWriter = "measure-writer";
    /// <summary>Runs a clinic: tenant admin, or a supervisor of that clinic.</summary>
    public const string ClinicReader = "clinic-reader";
    public const string TherapistReader = "therapist-reader";

    private static readonly string[] Staff = [Roles.Therapist, Roles.Supervisor, Roles.TenantAdmin];

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [PlatformAdmin] = [Roles.PlatformAdmin],
        [TenantAdmin] = [Roles.TenantAdmin],
        [Supervisor] = [Roles.Supervisor],
        [Therapist] = [Roles.Therapist],
        [Client] = [Roles.Client],
        [Auditor] = [Roles.Auditor],
        [CaseReader] = [.. Staff, Roles.Client],
        [CaseStaff] = Staff,
        [CaseWriter] = Staff,
        [MeasureWriter] = [.. Staff, Roles.Client],
        [ClinicReader] = [Roles.TenantAdmin, Roles.Supervisor],
        [TherapistReader] = [Roles.TenantAdmin, Roles.Supervisor, Roles.Therapist],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (name, roles) in RolesOf)
        {
            options.AddPolicy(name, policy =>
            {
                policy.RequireAuthenticatedUser().RequireClaim(TokenSettings.SubjectClaim).RequireClaim(TokenSettings.RoleClaim, roles);
                // Every role but the platform admin acts inside exactly one tenant, named by the token.
                if (!roles.SequenceEqual([Roles.PlatformAdmin])) policy.RequireClaim(TokenSettings.TenantClaim);
                if (roles.SequenceEqual([Roles.Client])) policy.RequireClaim(TokenSettings.CaseClaim);
            });
        }
    }
}
