using System.Security.Cryptography;
using System.Text.Json;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// A short hash of a command's type and content, kept with its idempotency key so that the same
/// key sent with a different body is recognised as a client bug, not replayed.
/// </summary>
internal static class CommandFingerprint
{
    public static string Of(CaseCommand command)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(command, command.GetType());
        var hash = SHA256.HashData([.. System.Text.Encoding.UTF8.GetBytes(command.GetType().Name), .. json]);
        return Convert.ToHexString(hash, 0, 16);
    }
}
