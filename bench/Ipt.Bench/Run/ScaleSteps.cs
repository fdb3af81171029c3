using Ipt.Bench.Run.Seeding;

namespace Ipt.Bench.Run;

/// <summary>
/// Latency (ms) of a read and of a durable command on cases not active before, with S cases stored;
/// and of the store's load alone (no activation), the part of a cold read that grows with the file.
/// </summary>
internal sealed record ScaleStep(int StoredCases, double SeedSeconds, double ReadP50, double ReadP95, double ReadP99,
    double CommandP50, double CommandP95, double CommandP99, double LoadP50, double LoadP99);

/// <summary>
/// How latency changes as the store grows: a store per step (10k, 100k, 1M cases), each in a silo
/// of its own, all running at once; reads, PHQ-9 submissions and the store's load alone, each on a
/// case not active before (so every one loads from the store, the part that grows), sampled in
/// rounds that take turns over the stores, so the machine's drift over the minutes of a run falls
/// on every step alike (one store measured after another put the first step's warm-up and the
/// moment's noise into the ratio: the same code measured 0.54x-1.28x). The cases are filled in bulk
/// straight into the product's case store: 64 realistic histories decided by the domain engine,
/// copied under new case ids (deciding a million courses one by one would take most of an hour).
/// </summary>
internal static class ScaleSteps
{
    private const int Templates = 64;
    private const int Rounds = 10;

    /// <summary>The step alone, in a folder of its own removed afterwards.</summary>
    public static async Task<int> RunAsync(RunOptions options)
    {
        var work = Path.Combine(Path.GetTempPath(), "ipt-scale-" + Guid.NewGuid().ToString("N"));
        try
        {
            var steps = await MeasureAsync(work, options, DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            if (steps.Count > 1)
            {
                Console.WriteLine($"  largest vs smallest: reads {steps[^1].ReadP50 / steps[0].ReadP50:F2}x, commands {steps[^1].CommandP50 / steps[0].CommandP50:F2}x, store load {steps[^1].LoadP50 / steps[0].LoadP50:F2}x (p50)");
            }

            return 0;
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Refuses steps too small for the samples. Called when the options are read, so that a run
    /// stops at once rather than after its HTTP phases.
    /// </summary>
    public static void CheckSteps(RunOptions options)
    {
        // Every sample takes a case of its own: three kinds, the warm-up and the recorded rounds.
        var needed = 3 * (WarmUpSamples(options) + options.ScaleSamples);
        if (options.ScaleSteps.Length == 0 || options.ScaleSteps.Min() < needed)
        {
            throw new ArgumentException($"--scale: {options.ScaleSamples:N0} samples of each kind need {needed:N0} cases in the smallest step; it stores {(options.ScaleSteps.Length == 0 ? 0 : options.ScaleSteps.Min()):N0}.");
        }
    }

    private static int WarmUpSamples(RunOptions options) => Math.Max(50, options.ScaleSamples / 10);

    public static async Task<List<ScaleStep>> MeasureAsync(string dataDirectory, RunOptions options, string run)
    {
        var warmUp = WarmUpSamples(options);

        var tenant = "scale-" + run;
        var templates = Enumerable.Range(0, Templates)
            .Select(seed => CaseHistoryScript.Run("template", "clinic-0", "th-0", seed, DateTimeOffset.UtcNow)).ToArray();
        var stores = new List<FilledStore>();
        try
        {
            foreach (var target in options.ScaleSteps)
            {
                stores.Add(await FilledStore.StartAsync(Path.Combine(dataDirectory, target.ToString(System.Globalization.CultureInfo.InvariantCulture)), tenant, target, templates));
            }

            // Unrecorded warm-up of every path on every store, so no step carries the JIT and pool start-up.
            foreach (var store in stores) await store.SampleAsync(warmUp, record: false);
            var perRound = Math.Max(1, options.ScaleSamples / Rounds);
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var store in stores) await store.SampleAsync(perRound, record: true);
            }

            var steps = stores.Select(store => store.Step()).ToList();
            foreach (var step in steps)
            {
                Console.WriteLine($"  {step.StoredCases,9:N0} stored cases: read (cold) p50 {step.ReadP50:F2} p99 {step.ReadP99:F2} ms; PHQ-9 (cold) p50 {step.CommandP50:F2} p99 {step.CommandP99:F2} ms; store load alone p50 {step.LoadP50:F2} p99 {step.LoadP99:F2} ms");
            }

            return steps;
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }
}
