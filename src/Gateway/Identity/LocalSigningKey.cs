using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// Local mode's HMAC-SHA256 key: 32 random bytes created on first run in the data folder and reused
/// after, so tokens minted by the token command stay valid across restarts of the gateway.
/// </summary>
public static class LocalSigningKey
{
    private const int KeyBytes = 32;

    public static SymmetricSecurityKey LoadOrCreate(string dataDirectory) =>
        LoadOrCreateFile(Path.Combine(dataDirectory, TokenSettings.SigningKeyFile));

    /// <summary>The key in <paramref name="path"/>, created there (and its folder) on first use.</summary>
    public static SymmetricSecurityKey LoadOrCreateFile(string path)
    {
        path = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) TryCreate(path);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != KeyBytes)
            throw new InvalidOperationException($"The signing key file '{TokenSettings.SigningKeyFile}' is not {KeyBytes} bytes; delete it to make a new one.");
        return new SymmetricSecurityKey(bytes) { KeyId = "local" };
    }

    private static void TryCreate(string path)
    {
        try
        {
            // CreateNew: when two processes start at once, one writes and the other reads what it wrote.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var file = new FileStream(path, options);
            file.Write(RandomNumberGenerator.GetBytes(KeyBytes));
            file.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
    }
}
