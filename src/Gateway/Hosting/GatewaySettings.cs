namespace Ipt.Cluster.Gateway.Hosting;

/// <summary>How the gateway reaches the cluster: an in-process silo (local) or a client of a separate cluster.</summary>
public enum GatewayMode { Local, Cluster }

/// <summary>The gateway's own configuration keys, read in one place.</summary>
public static class GatewaySettings
{
    public const string ModeKey = "Mode";
    public const string DataDirectoryKey = "Storage:Embedded:DataDirectory";
    public const string DefaultDataDirectory = ".data";
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static GatewayMode Mode(IConfiguration configuration) =>
        Enum.TryParse<GatewayMode>(configuration[ModeKey], ignoreCase: true, out var mode) ? mode : GatewayMode.Local;

    /// <summary>The local data folder (signing key, embedded store); relative paths resolve against the current directory.</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } dir ? dir : DefaultDataDirectory);
}
