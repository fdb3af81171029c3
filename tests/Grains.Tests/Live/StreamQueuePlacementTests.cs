using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Grains.Tests.Infrastructure;
using Ipt.Cluster.Live;
using Ipt.Cluster.Silo.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;

namespace Ipt.Cluster.Grains.Tests.Live;

/// <summary>
/// Clusters of two and three in-process silos whose eight stream queues are read every millisecond.
/// With Orleans' own placement the first silo activates every queue before the others join, and the
/// agents of the others then read theirs across the network, thousands of messages a second in an
/// idle cluster (measured by the first test with Orleans' placement: 3,490 a second; with queues
/// placed beside their first caller but never moved after: 1,005 with two silos, 3,506 with three).
/// With <see cref="StreamQueuePlacement"/> the queues move to their readers.
/// The count is of every Orleans message this process sends, so these tests run alone, after the
/// others: another class's cluster probing its membership beside them once pushed a quiet second over the bound.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class StreamQueuePlacementTests : IAsyncLifetime
{
    private const int Queues = 8;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.Properties["Streams:Queues"] = Queues.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.Properties["Streams:PullingPeriod"] = "00:00:00.001";
        builder.AddSiloBuilderConfigurator<StreamsOnly>();
        builder.AddClientBuilderConfigurator<ClientStreams>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Each_queue_settles_beside_the_agent_that_reads_it_so_an_idle_cluster_sends_almost_nothing_between_silos()
    {
        using var messages = new SentMessages();
        var lastSecond = await messages.QuietSecondAsync();
        Assert.True(lastSecond < QuietMessagesPerSecond, $"{lastSecond} messages crossed between the silos in the last idle second");
    }

    [Fact]
    public async Task When_a_silo_joins_the_queues_follow_their_new_readers_and_every_event_published_after_still_arrives_in_order()
    {
        using var messages = new SentMessages();
        var streams = _cluster.Client.GetStreamProvider(StreamNames.Provider);
        var received = Enumerable.Range(0, 16).Select(_ => new ConcurrentQueue<int>()).ToArray();
        for (var i = 0; i < received.Length; i++)
        {
            var inbox = received[i];
            await Probe(streams, i).SubscribeAsync((n, _) => { inbox.Enqueue(n); return Task.CompletedTask; });
        }

        await _cluster.StartAdditionalSiloAsync();
        for (var n = 0; n < 20; n++)
            foreach (var i in Enumerable.Range(0, received.Length)) await PublishAsync(Probe(streams, i), n);
        var lastSecond = await messages.QuietSecondAsync();
        Assert.True(lastSecond < QuietMessagesPerSecond, $"{lastSecond} messages crossed between the three silos in the last idle second");

        for (var n = 100; n < 120; n++)
            foreach (var i in Enumerable.Range(0, received.Length)) await PublishAsync(Probe(streams, i), n);
        var deadline = Stopwatch.StartNew();
        while (received.Any(r => !r.Contains(119)) && deadline.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(50);
        foreach (var inbox in received)
            Assert.Equal(Enumerable.Range(100, 20), inbox.Where(n => n >= 100));
    }

    /// <summary>
    /// Publishes as the product does, backing off while the queue refuses: a queue on its way to the new
    /// silo rejects what reaches it mid-move ("Migrating to a new location"), and the publisher retries.
    /// </summary>
    private static async Task PublishAsync(IAsyncStream<int> stream, int n) =>
        Assert.Null(await CaseEventPublisher.TrySendAsync(() => stream.OnNextAsync(n), CaseEventPublisher.BackOff));

    private static IAsyncStream<int> Probe(IStreamProvider streams, int i) =>
        streams.GetStream<int>(StreamId.Create("placement-probe", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    // What an idle cluster still sends once its queues are home: membership probes and the like.
    // Eight queues read every 1 ms from the wrong silo are thousands of messages a second.
    private const long QuietMessagesPerSecond = 40;

    /// <summary>Counts the messages every silo and client of this process sends over a connection (local calls are not sent).</summary>
    private sealed class SentMessages : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _sent;

        public SentMessages()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "orleans-messaging-sent-messages-size") l.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _sent));
            _listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _sent));
            _listener.Start();
        }

        /// <summary>The messages of the first second under the quiet bound, or of the last second before 45 s have passed.</summary>
        public async Task<long> QuietSecondAsync()
        {
            var last = long.MaxValue;
            var deadline = Stopwatch.StartNew();
            while (last >= QuietMessagesPerSecond && deadline.Elapsed < TimeSpan.FromSeconds(45))
            {
                var before = Interlocked.Read(ref _sent);
                await Task.Delay(TimeSpan.FromSeconds(1));
                last = Interlocked.Read(ref _sent) - before;
            }
            Assert.True(Interlocked.Read(ref _sent) > 0, "no message was counted at all: has the instrument's name changed?");
            return last;
        }

        public void Dispose() => _listener.Dispose();
    }

    private sealed class StreamsOnly : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(StorageNames.Main).AddIptStreams();
    }

    private sealed class ClientStreams : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.AddIptStreams();
    }
}
