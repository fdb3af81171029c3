namespace Ipt.Cluster.Tenants;

/// <summary>
/// A tenant (a clinic network hosted by a health system), keyed <c>{tenant}</c>: its settings and
/// its clinics. Creation is idempotent: creating an existing tenant with the same name succeeds.
/// </summary>
[Alias("ipt.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant with default settings; platform-admin only.</summary>
    [Alias("Create")]
    Task<Outcome> CreateAsync(string name);

    [Alias("Get")]
    Task<TenantView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The tenant's settings; defaults when the tenant does not exist (cases check existence elsewhere).</summary>
    [Alias("GetSettings")]
    Task<TenantSettings> GetSettingsAsync();

    /// <summary>Replaces the settings after validating them; tenant-admin.</summary>
    [Alias("UpdateSettings")]
    Task<Outcome> UpdateSettingsAsync(TenantSettings settings);

    /// <summary>Adds a clinic and creates its grain. Idempotent for the same id and name.</summary>
    [Alias("AddClinic")]
    Task<Outcome> AddClinicAsync(string clinicId, string name);
}
