using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Bearer tokens this gateway has already validated, kept until they expire. A token's signature,
/// issuer, audience and claims cannot change, so a later request with the same token needs only
/// its lifetime checked again (with the same clock and skew as the first validation). Checking the
/// signature and building the claims again was about a tenth of an audited case read's CPU.
/// Entries are keyed by the token's SHA-256, so the cache holds no usable credential; it is
/// bounded (emptied when full: every token in it can be validated again).
/// </summary>
public sealed class ValidatedTokens(TokenLifetime lifetime, int capacity = ValidatedTokens.DefaultCapacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<TokenKey, Entry> _entries = new();

    public int Count => _entries.Count;

    /// <summary>The principal of an earlier validation of <paramref name="token"/>, if it is still within its lifetime.</summary>
    public bool TryGet(string token, out ClaimsPrincipal principal)
    {
        principal = null!;
        var key = TokenKey.Of(token);
        if (!_entries.TryGetValue(key, out var entry)) return false;
        if (!lifetime.IsValid(entry.NotBefore, entry.Expires))
        {
            _entries.TryRemove(key, out _);
            return false;
        }
        principal = entry.Principal;
        return true;
    }

    /// <summary>Keeps a principal the JWT handler has just validated, for the rest of its token's lifetime.</summary>
    public void Add(string token, ClaimsPrincipal principal, DateTime? notBefore, DateTime expires)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (_entries.Count >= capacity) _entries.Clear();
        _entries[TokenKey.Of(token)] = new Entry(principal, notBefore, expires);
    }

    private sealed record Entry(ClaimsPrincipal Principal, DateTime? NotBefore, DateTime Expires);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TokenKey(UInt128 Low, UInt128 High)
    {
        public static TokenKey Of(string token)
        {
            ArgumentNullException.ThrowIfNull(token);
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var buffer = length <= 2048 ? stackalloc byte[length] : new byte[length];
            var written = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return MemoryMarshal.Read<TokenKey>(hash);
        }
    }
}

/// <summary>
/// Whether a token is within its lifetime now, by the injected clock (testable with a fake one)
/// with the configured skew: the rule of the first validation and of every cached one.
/// </summary>
public sealed class TokenLifetime(TimeProvider time, TimeSpan skew)
{
    public TimeSpan Skew => skew;

    public bool IsValid(DateTime? notBefore, DateTime? expires)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp.ToUniversalTime() + skew
            && (notBefore is not { } nbf || now >= nbf.ToUniversalTime() - skew);
    }
}
