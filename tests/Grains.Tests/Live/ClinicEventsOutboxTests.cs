using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Grains.Telemetry;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ipt.Cluster.Grains.Tests.Live;

/// <summary>The silo's outbox, delivering to a stand-in for the clinic grain that the test controls.</summary>
public sealed class ClinicEventsOutboxTests
{
    private static readonly GrainKey North = GrainKey.Scoped("t1", "north");
    private static readonly GrainKey South = GrainKey.Scoped("t1", "south");
    private static readonly TimeSpan[] FastBackOff = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(4)];

    private readonly ConcurrentQueue<(GrainKey Clinic, CaseEventBatches Message)> _received = new();

    [Fact]
    public async Task Each_clinic_receives_its_cases_batches_in_commit_order_gathered_into_fewer_calls_than_batches()
    {
        var outbox = Outbox((clinic, message) => Record(clinic, message));

        for (var sequence = 1; sequence <= 200; sequence++)
        {
            outbox.Enqueue(North, Batch("case-n", sequence));
            outbox.Enqueue(South, Batch("case-s", sequence));
            if (sequence % 20 == 0) await Task.Delay(3);
        }

        await Until(() => Sequences(North).Count == 200 && Sequences(South).Count == 200);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), Sequences(North));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), Sequences(South));
        Assert.InRange(_received.Count(r => r.Clinic == North), 1, 199);
    }

    [Fact]
    public async Task A_clinic_that_does_not_answer_holds_up_only_its_own_lane_whose_next_call_carries_what_gathered_meanwhile()
    {
        var northAnswers = new TaskCompletionSource();
        var outbox = Outbox(async (clinic, message) =>
        {
            await Record(clinic, message);
            if (clinic == North) await northAnswers.Task;
        });
        outbox.Enqueue(North, Batch("case-n", 1));
        await Until(() => Sequences(North).Count == 1);

        outbox.Enqueue(North, Batch("case-n", 2));
        outbox.Enqueue(North, Batch("case-n", 3));
        outbox.Enqueue(South, Batch("case-s", 1));

        await Until(() => Sequences(South).Count == 1);
        Assert.Equal([1L], Sequences(North));
        northAnswers.SetResult();
        await Until(() => Sequences(North).Count == 3);
        var calls = _received.Where(r => r.Clinic == North).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal([2L, 3L], calls[1].Message.Batches.Select(b => b.Events[0].Sequence));
    }

    [Fact]
    public async Task A_clinic_that_keeps_failing_loses_that_call_after_the_back_off_and_its_lane_goes_on_with_the_next()
    {
        var failing = true;
        var attempts = 0;
        var outbox = Outbox((clinic, message) =>
        {
            Interlocked.Increment(ref attempts);
            return Volatile.Read(ref failing) ? throw new TimeoutException("the clinic did not answer") : Record(clinic, message);
        });

        outbox.Enqueue(North, Batch("case-n", 1));
        await Until(() => Volatile.Read(ref attempts) == FastBackOff.Length + 1);
        Volatile.Write(ref failing, false);
        outbox.Enqueue(North, Batch("case-n", 2));

        await Until(() => Sequences(North).Count == 1);
        Assert.Equal([2L], Sequences(North));
    }

    private ClinicEventsOutbox Outbox(Func<GrainKey, CaseEventBatches, Task> deliver)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        return new ClinicEventsOutbox(deliver, new CaseEventPublisher(NullLogger<CaseEventPublisher>.Instance, FastBackOff),
            new IptMetrics(meters), NullLogger<ClinicEventsOutbox>.Instance);
    }

    private Task Record(GrainKey clinic, CaseEventBatches message)
    {
        _received.Enqueue((clinic, message));
        return Task.CompletedTask;
    }

    private List<long> Sequences(GrainKey clinic) =>
        [.. _received.Where(r => r.Clinic == clinic).SelectMany(r => r.Message.Batches).Select(b => b.Events[0].Sequence)];

    private static CaseEventsCommitted Batch(string caseId, long sequence) => new(caseId,
        [new RecordedEvent(sequence, DateTimeOffset.UtcNow, Actor.System, new JournalEntryAdded("x"))], DateTimeOffset.UtcNow,
        new(caseId, "Client A", "ana", CasePhase.Intake, [], 0, null, null, [], 0, 0, 0, 0, [], DateTimeOffset.UtcNow, sequence));

    private static async Task Until(Func<bool> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < until, "the outbox did not deliver the expected batches within 10 s");
            await Task.Delay(5);
        }
    }
}
