using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Ipt.Bench.Run.Load;

/// <summary>Commit -> receive lag over a window, in ms, and what the dashboards (those open at its end) saw meanwhile.</summary>
internal sealed record LiveResult(string Window, int Connections, long Deltas, long Gaps, long Snapshots, double P50, double P99, double Max, int Reconnects);

/// <summary>
/// D supervisor dashboards held open on <c>/api/clinics/{clinic}/caseload/stream</c> (SSE) across
/// clinics. Each delta carries the server's commit timestamp: the lag is receive time minus that.
/// Event ids are projection versions, so a delta that is not the last id + 1 is a gap. Figures are
/// kept per named window (<see cref="Window"/>), so each load phase gets its own.
/// </summary>
internal sealed class SseWatchers : IAsyncDisposable
{
    private const string TimestampField = "\"serverTimestamp\":\"";
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<long>> _lags = new();
    private readonly ConcurrentDictionary<string, long[]> _counts = new();
    private readonly List<Task> _readers = [];
    private readonly SocketsHttpHandler _handler;
    private volatile string? _window;
    private volatile string? _lagWindow;
    private int _failed;
    private int _open;

    public SseWatchers(Uri gateway, IReadOnlyList<(string ClinicId, string Token)> dashboards)
    {
        _handler = new SocketsHttpHandler { MaxConnectionsPerServer = dashboards.Count + 16 };
        foreach (var (clinic, token) in dashboards) _readers.Add(Task.Run(() => ReadAsync(gateway, clinic, token)));
        Connections = dashboards.Count;
    }

    public int Connections { get; }

    public int Open => Volatile.Read(ref _open);

    /// <summary>Why the first refused or dropped stream failed, for the log.</summary>
    public string? FirstFailure { get; private set; }

    /// <summary>
    /// The window deltas and gaps are counted in now (null: not counted). Setting it stops the lag
    /// being recorded until <see cref="MeasureLag"/>: a phase counts every delta from its start, but
    /// measures lag only once its load is recorded, after its warm-up.
    /// </summary>
    public string? Window
    {
        get => _window;
        set
        {
            _lagWindow = null;
            _window = value;
        }
    }

    /// <summary>From now on the lag of the current window's deltas is recorded.</summary>
    public void MeasureLag() => _lagWindow = _window;

    public async Task WaitOpenAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (Open < Connections && clock.Elapsed < timeout) await Task.Delay(100);
    }

    public LiveResult Result(string window)
    {
        var report = new LatencyReport(_lags.GetValueOrDefault(window) ?? []);
        var counts = _counts.GetValueOrDefault(window) ?? new long[3];
        return new LiveResult(window, Open, counts[0], counts[1], counts[2], report.Ms(0.50), report.Ms(0.99), report.Ms(1.0), Volatile.Read(ref _failed));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _handler.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// One dashboard. Like a browser's EventSource it reconnects after a refused or dropped stream
    /// (a second later); each reconnect is counted, and a new stream starts with a snapshot.
    /// </summary>
    private async Task ReadAsync(Uri gateway, string clinic, string token)
    {
        using var http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var opened = false;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync($"/api/clinics/{clinic}/caseload/stream", HttpCompletionOption.ResponseHeadersRead, _stop.Token);
                response.EnsureSuccessStatusCode();
                if (!opened) Interlocked.Increment(ref _open);
                opened = true;
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(_stop.Token));
                long last = -1;
                string? kind = null;
                long id = 0;
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal)) kind = line[7..];
                    else if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..], CultureInfo.InvariantCulture);
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        Record(line, kind == "snapshot", last >= 0 && kind != "snapshot" && id != last + 1);
                        last = id;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Interlocked.Increment(ref _failed);
                FirstFailure ??= e.Message;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Record(string line, bool snapshot, bool gap)
    {
        var received = DateTimeOffset.UtcNow;
        if (Window is not { } window) return;
        var counts = _counts.GetOrAdd(window, _ => new long[3]);
        if (snapshot)
        {
            Interlocked.Increment(ref counts[2]);
            return;
        }
        Interlocked.Increment(ref counts[0]);
        if (gap) Interlocked.Increment(ref counts[1]);
        if (_lagWindow != window) return;
        // Only the timestamp is read: parsing every delta would make the load generator the bottleneck.
        var from = line.IndexOf(TimestampField, StringComparison.Ordinal);
        if (from < 0) return;
        from += TimestampField.Length;
        var at = DateTimeOffset.Parse(line.AsSpan(from, line.IndexOf('"', from) - from), CultureInfo.InvariantCulture);
        _lags.GetOrAdd(window, _ => []).Add((long)((received - at).TotalMilliseconds * Stopwatch.Frequency / 1000));
    }
}
