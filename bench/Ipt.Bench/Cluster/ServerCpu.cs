using System.Globalization;
using Npgsql;

namespace Ipt.Bench.Cluster;

/// <summary>
/// CPU time used by the PostgreSQL server (the postmaster and all its backends), read from
/// /proc: the database's share of the work behind each durable command. Linux only; zero elsewhere.
/// </summary>
internal sealed class ServerCpu(int postmaster)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static async Task<ServerCpu> FindAsync(string connectionString)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var command = source.CreateCommand("SELECT pg_backend_pid()");
        var backend = (int)(await command.ExecuteScalarAsync())!;
        return new ServerCpu(Stat(backend) is { } stat ? stat.Parent : 0);
    }

    /// <summary>CPU time of the server's processes so far (those that exited are not counted).</summary>
    public TimeSpan Used()
    {
        if (postmaster == 0 || !Directory.Exists("/proc")) return TimeSpan.Zero;
        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            if (Stat(pid) is { } stat && (pid == postmaster || stat.Parent == postmaster)) ticks += stat.Ticks;
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long Ticks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone, or not ours to read
        }
    }
}
