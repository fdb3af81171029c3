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

    /// <summary>
    /// CPU time of the server's processes so far: the live ones, plus the backends that exited, which
    /// the postmaster has reaped into its children's time (without them the total could fall when a
    /// pooled connection closed between two readings).
    /// </summary>
    public TimeSpan Used()
    {
        if (postmaster == 0 || !Directory.Exists("/proc")) return TimeSpan.Zero;
        var ticks = 0L;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid)) continue;
            if (Stat(pid) is not { } stat) continue;
            if (pid == postmaster) ticks += stat.Ticks + stat.ReapedChildTicks;
            else if (stat.Parent == postmaster) ticks += stat.Ticks;
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static (int Parent, long Ticks, long ReapedChildTicks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name (which may hold spaces) start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // gone, or not ours to read
        }
    }
}
