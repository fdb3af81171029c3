using System.Buffers;
using System.Diagnostics;

namespace Ipt.Bench.Run.Load;

/// <summary>One phase of HTTP load: every kind's figures over the measured window.</summary>
internal sealed record PhaseResult(string Name, string Shape, double Seconds, IReadOnlyList<KindResult> Kinds, long Skipped)
{
    public double TotalPerSecond => Kinds.Sum(k => k.PerSecond);

    public double EventsPerSecond => Kinds.Sum(k => k.EventsPerSecond);
}

/// <summary>
/// Drives a server (the gateway, or the peer) over HTTP on 127.0.0.1 with a request mix, per-kind figures. Closed loop: C
/// connections each send the next request when the last answered (the throughput the system gives).
/// Fixed rate: requests start on a schedule whatever the answers do, and latency counts from the
/// scheduled start, so a stall shows in the figures instead of slowing the load (no coordinated omission).
/// </summary>
internal sealed class HttpLoad(Uri target, IRequestMix mix) : IDisposable
{
    private const int MaxInFlight = 2048;
    private const int WarmUpSeconds = 2;
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = MaxInFlight, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = target, Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// <paramref name="connections"/> callers, each sending its next request when the last is answered;
    /// recorded after <paramref name="warmupSeconds"/>, when <paramref name="measuring"/> is called.
    /// </summary>
    public async Task<PhaseResult> ClosedLoopAsync(string name, int connections, int seconds, Action? measuring = null, int warmupSeconds = WarmUpSeconds)
    {
        var recorders = new Recorders(mix.Kinds);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(warmupSeconds + seconds));
        var recording = 0;
        var workers = Enumerable.Range(0, connections).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + seconds);
            while (!stop.IsCancellationRequested)
            {
                var kind = mix.NextKind(random);
                await SendAsync(kind, random, Stopwatch.GetTimestamp(), Volatile.Read(ref recording) == 1 ? recorders[kind] : null);
            }
        })).ToList();
        await Task.Delay(TimeSpan.FromSeconds(warmupSeconds));
        var clock = Stopwatch.StartNew();
        Volatile.Write(ref recording, 1);
        measuring?.Invoke();
        await Task.WhenAll(workers);
        return recorders.Result(name, $"closed loop, {connections} connections", clock.Elapsed, 0);
    }

    /// <summary>
    /// <paramref name="perSecond"/> requests started on a schedule, whatever the answers do. The first
    /// <paramref name="warmupSeconds"/> of the schedule are not recorded (the client opens its
    /// connections then, as the closed loop's warm-up and wrk's do); <paramref name="measuring"/> is
    /// called when the recorded part begins.
    /// </summary>
    public async Task<PhaseResult> FixedRateAsync(string name, int perSecond, int seconds, Action? measuring = null, int warmupSeconds = WarmUpSeconds)
    {
        var recorders = new Recorders(mix.Kinds);
        var random = new Random(perSecond);
        var inFlight = new List<Task>();
        long skipped = 0;
        var running = 0;
        var clock = Stopwatch.StartNew();
        var unrecorded = (long)perSecond * warmupSeconds;
        var total = unrecorded + (long)perSecond * seconds;
        var recordedFrom = TimeSpan.Zero;
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            // One reading of the clock: read twice, the wait could come out between -2 and -1 ms,
            // which Task.Delay takes as -1, "forever" (a full run once hung here for ten minutes).
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            if (i == unrecorded)
            {
                recordedFrom = clock.Elapsed;
                measuring?.Invoke();
            }
            var recorder = i < unrecorded ? null : recorders;
            if (Volatile.Read(ref running) >= MaxInFlight)
            {
                if (recorder is not null) skipped++;
                continue;
            }
            var kind = mix.NextKind(random);
            // Latency counts from when the request was due, not from when it could be sent.
            var dueTimestamp = Stopwatch.GetTimestamp() - (long)((clock.Elapsed - due).TotalSeconds * Stopwatch.Frequency);
            Interlocked.Increment(ref running);
            var request = mix.Build(kind, random);
            inFlight.Add(Task.Run(async () =>
            {
                try { await SendAsync(request, kind, dueTimestamp, recorder?[kind]); }
                finally { Interlocked.Decrement(ref running); }
            }));
        }
        var elapsed = clock.Elapsed - recordedFrom;
        await Task.WhenAll(inFlight);
        return recorders.Result(name, $"fixed rate, {perSecond} requests/s", elapsed, skipped);
    }

    public void Dispose() => _http.Dispose();

    private Task SendAsync(string kind, Random random, long started, KindRecorder? recorder) =>
        SendAsync(mix.Build(kind, random), kind, started, recorder);

    private async Task SendAsync(HttpRequestMessage request, string kind, long started, KindRecorder? recorder)
    {
        try
        {
            using (request)
            using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
            {
                if (response.IsSuccessStatusCode && !mix.IsCommand(kind))
                {
                    await DrainAsync(response.Content);
                    recorder?.Ok(KindRecorder.Since(started), 0);
                    return;
                }
                var body = await response.Content.ReadAsStringAsync();
                if (recorder is null) return;
                if (response.IsSuccessStatusCode) recorder.Ok(KindRecorder.Since(started), mix.IsCommand(kind) ? CountEvents(body) : 0);
                else recorder.Failed(KindRecorder.Since(started), transport: false, Answer((int)response.StatusCode, body));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            recorder?.Failed(KindRecorder.Since(started), transport: true, e.GetType().Name);
        }
    }

    /// <summary>
    /// Reads a body whole, as a client would, without keeping it. A caseload's body is tens of
    /// kilobytes: read into a string each time, it went to the large object heap, and the load
    /// generator's own background collections, every second or two, took CPU from the gateway on the
    /// cores they share.
    /// </summary>
    private static async Task DrainAsync(HttpContent content)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await using var stream = await content.ReadAsStreamAsync();
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>"409 case.version-conflict": the status and the problem's code, when the body is a problem.</summary>
    private static string Answer(int status, string body)
    {
        try
        {
            using var problem = System.Text.Json.JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("code", out var code)) return $"{status} {code.GetString()}";
        }
        catch (System.Text.Json.JsonException)
        {
            // not a problem document
        }
        return status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Events the command committed: each event view in the answer has one "sequence".</summary>
    private static int CountEvents(string body)
    {
        var count = 0;
        for (var at = body.IndexOf("\"sequence\":", StringComparison.Ordinal); at >= 0; at = body.IndexOf("\"sequence\":", at + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private sealed class Recorders(IEnumerable<string> kinds)
    {
        private readonly Dictionary<string, KindRecorder> _byKind = kinds.ToDictionary(k => k, k => new KindRecorder(k));

        public KindRecorder this[string kind] => _byKind[kind];

        public PhaseResult Result(string name, string shape, TimeSpan window, long skipped) =>
            new(name, shape, window.TotalSeconds, [.. _byKind.Values.Select(r => r.Result(window)).Where(k => k.Requests > 0)], skipped);
    }
}
