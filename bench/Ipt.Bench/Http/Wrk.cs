using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ipt.Bench.Http;

/// <summary>
/// One wrk run's figures: requests per second, latency percentiles in ms, non-2xx answers (and, when
/// the script tallies them, what they were: "12 x 409 session.past-contract").
/// </summary>
internal sealed record WrkResult(string Name, double RequestsPerSecond, double P50, double P90, double P99, long Non2xx, long Errors)
{
    public string Answers { get; init; } = "";

    /// <summary>Tallied 4xx answers: requests refused. Every other non-2xx answer is a failure.</summary>
    public long Refused { get; init; }

    public override string ToString() =>
        $"{Name,-34} {RequestsPerSecond,9:F0} req/s  p50 {P50,6:F2}  p90 {P90,6:F2}  p99 {P99,6:F2} ms  non-2xx {Non2xx}  socket errors {Errors}";
}

/// <summary>
/// Drives HTTP load with wrk (Debian package <c>wrk</c>) on loopback: closed loop, fixed
/// connections and duration, so every run is bounded in time and targets 127.0.0.1 only.
/// </summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string name, string url, int seconds, int connections = 64,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyList<string>? paths = null)
    {
        if (!url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) throw new ArgumentException("Load goes to loopback only.", nameof(url));
        var script = Path.Combine(Path.GetTempPath(), $"ipt-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, LuaScript(headers ?? new Dictionary<string, string>(), paths));
        try
        {
            var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url }) info.ArgumentList.Add(arg);
            using var wrk = Start(info);
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            return Parse(name, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// Before a measurement of <paramref name="measuredSeconds"/>: unrecorded rounds of the same load,
    /// each half as long, until its throughput settles (<see cref="Settling"/>): the gateway's read
    /// measured 8k, 10k, 15k, 15k, 17k, 19k reads/s over its first six 5 s rounds. Returns the rounds run.
    /// </summary>
    public static Task<int> WarmUpAsync(string url, int measuredSeconds, int maxRounds = Settling.MaxRounds, int connections = 64,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyList<string>? paths = null)
    {
        var roundSeconds = Math.Max(1, measuredSeconds / 2);
        return Settling.WarmUpAsync(async () => (await RunAsync("warm-up", url, roundSeconds, connections, headers, paths)).RequestsPerSecond, maxRounds);
    }

    private static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("wrk did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Not on PATH: say what is missing rather than the runtime's "No such file or directory".
            throw new InvalidOperationException("The benchmark drives HTTP load with wrk, which is not installed here (apt-get install wrk).", e);
        }
    }

    private static string LuaScript(IReadOnlyDictionary<string, string> headers, IReadOnlyList<string>? paths)
    {
        var lines = headers.Select(h => $"wrk.headers[\"{h.Key}\"] = \"{h.Value}\"").ToList();
        if (paths is { Count: > 0 })
        {
            // Each request reads the next path in turn, so the load spreads over many resources.
            lines.Add("local paths = {" + string.Join(",", paths.Select(p => $"\"{p}\"")) + "}");
            lines.Add("local i = 0");
            lines.Add("request = function() i = i % #paths + 1; return wrk.format(\"GET\", paths[i]) end");
        }
        return string.Join('\n', lines) + '\n';
    }

    private static WrkResult Parse(string name, string output)
    {
        double Number(Regex pattern) => pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        double Percentile(string p)
        {
            var m = Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) return 0;
            var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }
        var errors = SocketErrors().Matches(output).Sum(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var answers = Answer().Matches(output).Select(m => (Status: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Code: m.Groups[2].Value,
            Count: long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))).ToList();
        return new WrkResult(name, Number(RequestsPerSecond()), Percentile("50"), Percentile("90"), Percentile("99"),
            (long)Number(Non2xx()), errors)
        {
            Answers = string.Join(", ", answers.Select(a => $"{a.Count} x {a.Status} {a.Code}")),
            Refused = answers.Where(a => a.Status is >= 400 and < 500).Sum(a => a.Count),
        };
    }

    // What a script's done() prints per kind of non-2xx answer: "answer <status> <problem code> <count>".
    [GeneratedRegex(@"^answer (\d+) (\S*) (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Answer();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"(?:connect|read|write|timeout) (\d+)")]
    private static partial Regex SocketErrors();
}
