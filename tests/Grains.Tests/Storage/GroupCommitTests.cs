using Ipt.Cluster.Persistence;
using Ipt.Cluster.Silo.Storage.Embedded;
using Ipt.Cluster.StoreContracts;

namespace Ipt.Cluster.Grains.Tests.Storage;

public sealed class GroupCommitTests
{
    [Fact]
    public async Task In_one_batch_a_conflicting_or_failing_write_fails_alone_while_the_others_commit()
    {
        await using var store = new TempStore();
        var contested = StoreSamples.NewCase();
        await store.Cases.CommitAsync(StoreSamples.Commit(contested, 0));
        var fresh = Enumerable.Range(0, 5).Select(_ => StoreSamples.NewCase()).ToArray();

        // Hold the writer inside a batch so that everything queued meanwhile forms the next batch.
        var gate = new GateRequest();
        var held = store.Database.WriteAsync(gate, CancellationToken.None);
        await gate.Entered;
        var batchesBefore = store.Database.CommittedBatches;

        var ok = fresh.Select(key => store.Cases.CommitAsync(StoreSamples.Commit(key, 0))).ToList();
        var stale = store.Cases.CommitAsync(StoreSamples.Commit(contested, 0, note: "stale"));
        var poisoned = store.Database.WriteAsync(new HalfWrittenRequest(contested), CancellationToken.None);
        var current = store.Cases.CommitAsync(StoreSamples.Commit(contested, 1));
        gate.Release();

        await held;
        await Task.WhenAll(ok);
        await current;
        await Assert.ThrowsAsync<CaseVersionConflictException>(() => stale);
        await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned);
        Assert.Equal(batchesBefore + 2, store.Database.CommittedBatches);
        foreach (var key in fresh) Assert.Equal(1, (await store.Cases.LoadAsync(key))!.Version);
        var history = await store.Cases.ReadHistoryAsync(contested, 0, 100);
        Assert.Equal([1L, 2L], history.Select(e => e.Sequence));
        Assert.Equal("note 2", StoreSamples.NoteOf(history[1]));
    }

    [Fact]
    public async Task Many_concurrent_writers_each_land_exactly_once_with_no_gaps()
    {
        await using var store = new TempStore();
        var cases = Enumerable.Range(0, 16).Select(_ => StoreSamples.NewCase()).ToArray();
        const int Writers = 64, CommitsPerWriter = 32;

        // Four writers race on each case: each reads the version, commits on top, retries on conflict.
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var key = cases[writer % cases.Length];
            for (var done = 0; done < CommitsPerWriter;)
            {
                var version = (await store.Cases.LoadAsync(key))?.Version ?? 0;
                try
                {
                    await store.Cases.CommitAsync(StoreSamples.Commit(key, version, note: $"w{writer}"));
                    done++;
                }
                catch (CaseVersionConflictException)
                {
                }
            }
        })));

        var total = 0L;
        foreach (var key in cases)
        {
            var version = (await store.Cases.LoadAsync(key))!.Version;
            var history = await store.Cases.ReadHistoryAsync(key, 0, 10_000);
            Assert.Equal(Enumerable.Range(1, (int)version).Select(i => (long)i), history.Select(e => e.Sequence));
            total += version;
        }

        Assert.Equal(Writers * CommitsPerWriter, total);
    }

    [Fact]
    public async Task Writes_queued_at_shutdown_are_committed_before_the_database_closes()
    {
        await using var store = new TempStore();
        var cases = Enumerable.Range(0, 200).Select(_ => StoreSamples.NewCase()).ToArray();

        var writes = cases.Select(key => store.Cases.CommitAsync(StoreSamples.Commit(key, 0))).ToArray();
        await store.ReopenAsync();

        await Task.WhenAll(writes);
        foreach (var key in cases) Assert.Equal(1, (await store.Cases.LoadAsync(key))!.Version);
    }

    /// <summary>Blocks the writer until released, to make the next batch deterministic.</summary>
    private sealed class GateRequest() : WriteRequest<bool>(CancellationToken.None)
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new();

        public Task Entered => _entered.Task;

        public void Release() => _release.Set();

        protected override bool Apply(WriteSession session)
        {
            _entered.SetResult();
            _release.Wait(TimeSpan.FromSeconds(30));
            return true;
        }
    }

    /// <summary>Writes part of its data, then throws: its savepoint must undo that part only.</summary>
    private sealed class HalfWrittenRequest(Ipt.Cluster.Ids.GrainKey caseKey) : WriteRequest<bool>(CancellationToken.None)
    {
        protected override bool Apply(WriteSession session)
        {
            var insert = session.Statement("INSERT INTO case_events (tenant, case_id, seq, at, payload) VALUES ($t, $c, 99, 0, x'00')");
            insert.Parameters.AddWithValue("$t", caseKey.Tenant);
            insert.Parameters.AddWithValue("$c", caseKey.LocalId);
            insert.ExecuteNonQuery();
            throw new InvalidOperationException("Fails after a partial write.");
        }
    }
}
