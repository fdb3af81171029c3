namespace Ipt.Cluster.Silo.Hosting;

/// <summary>
/// The live pipeline's memory-stream queues, bound from <c>Streams</c>. Every silo and every
/// cluster client (gateway) of one cluster must use the same <see cref="Queues"/>: a stream's queue
/// is its hash modulo the count.
/// </summary>
public sealed class StreamQueueOptions
{
    public const string Section = "Streams";

    /// <summary>
    /// How many queues the cluster's streams hash onto (Orleans' default: 8). Each has one pulling
    /// agent, placed on some silo, which reads it every <see cref="PullingPeriod"/>. Two queues read
    /// every 5 ms measured the same idle CPU as eight every 10 ms and a dashboard lag p99 of 37-48 ms
    /// against 44-54 (README, Benchmark). Keep it at least the number of silos that should share
    /// the delivery work.
    /// </summary>
    public int Queues { get; set; } = 2;

    /// <summary>
    /// How often each pulling agent reads its queue: a message waits up to this long, twice on its
    /// way from a case to a browser (Orleans' default: 100 ms). 1 ms against 5 ms halved the
    /// dashboards' median lag in the benchmark (7.5-8.0 against 13.0-14.0 ms) and brought its p99
    /// under 50 ms (29-46 against 48-75 ms); an idle local gateway pays ~6% of a core more for it,
    /// most of it thread-pool workers spinning between the agents' ticks (README, Benchmark, "Since").
    /// </summary>
    public TimeSpan PullingPeriod { get; set; } = TimeSpan.FromMilliseconds(1);
}
