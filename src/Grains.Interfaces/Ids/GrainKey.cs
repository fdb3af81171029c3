using System.Diagnostics.CodeAnalysis;

namespace Ipt.Cluster.Ids;

/// <summary>
/// The key of every application grain: <c>{tenant}</c> for a tenant, <c>{tenant}/{local}</c> for
/// anything a tenant owns. The tenant is always the first segment, so the silo can check tenant
/// isolation from the key alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.GrainKey")]
public readonly record struct GrainKey
{
    private const char Separator = '/';

    private GrainKey(string tenant, string? local)
    {
        Tenant = tenant;
        Local = local;
    }

    [Id(0)] public string Tenant { get; }

    /// <summary>The id within the tenant (clinic, therapist or case); null for the tenant itself.</summary>
    [Id(1)] public string? Local { get; }

    /// <summary>The local id, for keys that must have one.</summary>
    public string LocalId => Local ?? throw new InvalidOperationException($"'{this}' is a tenant key.");

    public static GrainKey ForTenant(string tenant) => new(IdRules.Require(tenant, "tenant"), null);

    public static GrainKey Scoped(string tenant, string local) =>
        new(IdRules.Require(tenant, "tenant"), IdRules.Require(local, "id"));

    /// <summary>Parses a grain's string key; false for anything that is not a well-formed key.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out GrainKey? parsed)
    {
        parsed = null;
        if (key is null) return false;
        var slash = key.IndexOf(Separator, StringComparison.Ordinal);
        var tenant = slash < 0 ? key : key[..slash];
        var local = slash < 0 ? null : key[(slash + 1)..];
        if (!IdRules.IsValid(tenant) || (local is not null && !IdRules.IsValid(local))) return false;
        parsed = new GrainKey(tenant, local);
        return true;
    }

    public static GrainKey Parse(string key) =>
        TryParse(key, out var parsed) ? parsed.Value : throw new FormatException($"'{key}' is not a grain key.");

    public override string ToString() => Local is null ? Tenant : Tenant + Separator + Local;
}
