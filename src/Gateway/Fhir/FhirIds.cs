using System.Security.Cryptography;
using System.Text;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Deterministic resource ids: a name-based (version 5) UUID of the tenant-qualified name, so the
/// same case exported twice gives the same ids and a receiver updates instead of duplicating, and
/// ids of two tenants never collide. The id doubles as the <c>urn:uuid:</c> fullUrl.
/// </summary>
public static class FhirIds
{
    // A fixed namespace for the product's names; changing it would re-key every receiver's data.
    private static readonly Guid Namespace = new("6f1b8c1e-2d4a-5b7e-9c3f-1a2b3c4d5e6f");

    public static string For(params string[] parts)
    {
        var name = Encoding.UTF8.GetBytes(string.Join('/', parts));
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; it names, it does not protect.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }

    public static string Urn(string id) => "urn:uuid:" + id;
}
