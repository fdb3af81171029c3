using Ipt.Cluster.Cases;
using Ipt.Cluster.Grains.Cases;
using Ipt.Cluster.Ids;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ipt.Cluster.Grains.Tests.Live;

public sealed class CaseEventPublisherTests
{
    private static readonly TimeSpan[] FastBackOff = [TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(4)];
    private static readonly GrainKey Clinic = GrainKey.Scoped("t1", "north");

    private static readonly CaseEventBatches Batch = new([new("case-1",
        [new RecordedEvent(1, DateTimeOffset.UtcNow, Actor.System, new JournalEntryAdded("x"))], DateTimeOffset.UtcNow,
        new("case-1", "Client A", "ana", CasePhase.Intake, [], 0, null, null, [], 0, 0, 0, 0, [], DateTimeOffset.UtcNow, 1))]);

    [Fact]
    public async Task A_full_queue_is_retried_with_back_off_until_the_batch_goes_through()
    {
        var attempts = 0;
        var publisher = new CaseEventPublisher(NullLogger<CaseEventPublisher>.Instance, FastBackOff);

        var sent = await publisher.PublishAsync(() => ++attempts < 3 ? throw new InvalidOperationException("queue full") : Task.CompletedTask, Clinic, Batch);

        Assert.True(sent);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task Publishing_that_keeps_failing_gives_up_without_throwing_so_the_command_still_succeeds()
    {
        var attempts = 0;
        var publisher = new CaseEventPublisher(NullLogger<CaseEventPublisher>.Instance, FastBackOff);

        var sent = await publisher.PublishAsync(() => { attempts++; throw new InvalidOperationException("queue full"); }, Clinic, Batch);

        Assert.False(sent);
        Assert.Equal(FastBackOff.Length + 1, attempts);
    }
}
