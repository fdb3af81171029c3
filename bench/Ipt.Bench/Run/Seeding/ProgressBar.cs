using System.Diagnostics;

namespace Ipt.Bench.Run.Seeding;

/// <summary>
/// A one-line progress bar with the rate so far; when the output is not a terminal (CI logs) it
/// prints a line every tenth instead of redrawing.
/// </summary>
internal sealed class ProgressBar(string title, long total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _done;
    private int _lastTenth = -1;
    private long _lastDrawn;

    public void Advance(long by = 1)
    {
        var done = Interlocked.Add(ref _done, by);
        var tenth = (int)(done * 10 / Math.Max(1, total));
        if (Console.IsOutputRedirected)
        {
            if (tenth > Volatile.Read(ref _lastTenth) && Interlocked.Exchange(ref _lastTenth, tenth) < tenth) Console.WriteLine(Line(done));
            return;
        }
        var now = _clock.ElapsedMilliseconds;
        if (done == total || now - Interlocked.Read(ref _lastDrawn) > 200)
        {
            Interlocked.Exchange(ref _lastDrawn, now);
            lock (this) Console.Write("\r" + Line(done));
        }
    }

    public TimeSpan Finish()
    {
        if (!Console.IsOutputRedirected) Console.WriteLine();
        return _clock.Elapsed;
    }

    private string Line(long done)
    {
        var width = 30;
        var filled = (int)(done * width / Math.Max(1, total));
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        return $"  {title} [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} ({rate:N0}/s)";
    }
}
