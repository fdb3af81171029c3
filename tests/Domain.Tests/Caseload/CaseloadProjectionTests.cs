using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Caseload;
using Ipt.Cluster.Live;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Domain.Tests.Caseload;

public sealed class CaseloadProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private const long Start = 1_000;

    [Fact]
    public void The_batches_of_one_message_become_one_delta_with_every_row_counted_once_and_the_version_one_higher()
    {
        var projection = new CaseloadProjection("north", Start);

        var outcome = projection.Apply([Batch("a", 1, 1, T0.AddMilliseconds(3)), Batch("b", 1, 1, T0), Batch("a", 2, 2, T0.AddMilliseconds(5))]);

        var delta = Assert.IsType<CaseloadDelta>(outcome.Delta);
        Assert.Empty(outcome.Gaps);
        Assert.Equal(Start + 1, delta.Version);
        Assert.Equal(["a", "b"], delta.Changed.Select(r => r.CaseId).Order());
        Assert.Equal(2, delta.Changed.Single(r => r.CaseId == "a").CaseVersion);
        Assert.Equal(2, delta.Counts.Cases);
        Assert.Equal(3, delta.Ticker.Count);
        Assert.Equal(T0, delta.ServerTimestamp); // the oldest commit it carries: lag counts from there
    }

    [Fact]
    public void A_batch_already_applied_is_ignored_and_a_message_of_repeats_makes_no_delta()
    {
        var projection = new CaseloadProjection("north", Start);
        projection.Apply([Batch("a", 1, 2, T0)]);

        var outcome = projection.Apply([Batch("a", 1, 2, T0), Batch("a", 2, 2, T0)]);

        Assert.Null(outcome.Delta);
        Assert.Empty(outcome.Gaps);
        Assert.Equal(Start + 1, projection.Version);
    }

    [Fact]
    public void A_batch_that_skips_sequences_is_a_gap_its_case_and_later_batches_are_left_to_a_rebuild_while_the_others_apply()
    {
        var projection = new CaseloadProjection("north", Start);
        projection.Apply([Batch("a", 1, 1, T0)]);

        var outcome = projection.Apply([Batch("a", 3, 3, T0), Batch("a", 4, 4, T0), Batch("b", 1, 1, T0)]);

        Assert.Equal(["a"], outcome.Gaps);
        var delta = Assert.IsType<CaseloadDelta>(outcome.Delta);
        Assert.Equal(["b"], delta.Changed.Select(r => r.CaseId));
        Assert.Equal(1, projection.Snapshot(T0).Rows.Single(r => r.CaseId == "a").CaseVersion);

        var rebuilt = projection.Rebuild("a", Row("a", 4), T0);

        Assert.Equal(Start + 3, rebuilt!.Version);
        Assert.Equal(4, projection.Snapshot(T0).Rows.Single(r => r.CaseId == "a").CaseVersion);
    }

    private static CaseEventsCommitted Batch(string caseId, long first, long last, DateTimeOffset committedAt) => new(caseId,
        [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(n => new RecordedEvent(n, committedAt, Actor.System, new GoalAgreed("goal-" + n)))],
        committedAt, Row(caseId, last));

    private static CaseloadRow Row(string caseId, long version) =>
        new(caseId, "Client " + caseId, "ana", CasePhase.Middle, ["grief"], 1, 12, null, [], 0, 0, 0, 0, [], T0, version);
}
