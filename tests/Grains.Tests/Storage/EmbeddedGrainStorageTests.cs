using Orleans.Storage;

namespace Ipt.Cluster.Grains.Tests.Storage;

public sealed class EmbeddedGrainStorageTests
{
    private static readonly GrainId Tenant = GrainId.Create("tenant", "acme");

    [Fact]
    public async Task Written_state_reads_back_with_its_etag()
    {
        await using var store = new TempStore();
        var written = new GrainState<TestSettings>(new TestSettings { Name = "Acme", SessionLimit = 16 });

        await store.Grains.WriteStateAsync("settings", Tenant, written);

        var read = new GrainState<TestSettings>(new TestSettings());
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("Acme", read.State!.Name);
        Assert.Equal(16, read.State!.SessionLimit);
    }

    [Fact]
    public async Task State_never_written_reads_as_absent_and_keeps_the_default()
    {
        await using var store = new TempStore();
        var read = new GrainState<TestSettings>(new TestSettings { Name = "default" });

        await store.Grains.ReadStateAsync("settings", Tenant, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal("default", read.State!.Name);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_the_stored_state_is_kept()
    {
        await using var store = new TempStore();
        var first = new GrainState<TestSettings>(new TestSettings { Name = "first" });
        await store.Grains.WriteStateAsync("settings", Tenant, first);
        var staleEtag = first.ETag;
        first.State = new TestSettings { Name = "second" };
        await store.Grains.WriteStateAsync("settings", Tenant, first);

        var stale = new GrainState<TestSettings>(new TestSettings { Name = "stale" }) { ETag = staleEtag };
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Grains.WriteStateAsync("settings", Tenant, stale));

        var read = new GrainState<TestSettings>(new TestSettings());
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.Equal("second", read.State!.Name);
    }

    [Fact]
    public async Task A_first_write_over_existing_state_is_refused()
    {
        await using var store = new TempStore();
        await store.Grains.WriteStateAsync("settings", Tenant, new GrainState<TestSettings>(new TestSettings { Name = "kept" }));

        var blind = new GrainState<TestSettings>(new TestSettings { Name = "blind" });
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Grains.WriteStateAsync("settings", Tenant, blind));
    }

    [Fact]
    public async Task Cleared_state_reads_as_absent_and_an_activation_from_before_the_clear_cannot_write()
    {
        await using var store = new TempStore();
        var state = new GrainState<TestSettings>(new TestSettings { Name = "to erase" });
        await store.Grains.WriteStateAsync("settings", Tenant, state);
        var before = new GrainState<TestSettings>(new TestSettings()) { ETag = state.ETag };

        await store.Grains.ClearStateAsync("settings", Tenant, state);

        var read = new GrainState<TestSettings>(new TestSettings { Name = "default" });
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.False(read.RecordExists);
        Assert.Equal("default", read.State!.Name);
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Grains.WriteStateAsync("settings", Tenant, before));
        read.State = new TestSettings { Name = "again" };
        await store.Grains.WriteStateAsync("settings", Tenant, read);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_refused()
    {
        await using var store = new TempStore();
        var state = new GrainState<TestSettings>(new TestSettings { Name = "kept" });
        await store.Grains.WriteStateAsync("settings", Tenant, state);
        var stale = new GrainState<TestSettings>(new TestSettings()) { ETag = "999" };

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.Grains.ClearStateAsync("settings", Tenant, stale));

        var read = new GrainState<TestSettings>(new TestSettings());
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.Equal("kept", read.State!.Name);
    }

    [Fact]
    public async Task Two_named_states_of_one_grain_are_stored_apart()
    {
        await using var store = new TempStore();
        await store.Grains.WriteStateAsync("settings", Tenant, new GrainState<TestSettings>(new TestSettings { Name = "settings" }));
        await store.Grains.WriteStateAsync("quotas", Tenant, new GrainState<TestSettings>(new TestSettings { Name = "quotas" }));

        var read = new GrainState<TestSettings>(new TestSettings());
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.Equal("settings", read.State!.Name);
    }

    [Fact]
    public async Task Grain_state_survives_closing_and_reopening_the_database()
    {
        await using var store = new TempStore();
        var state = new GrainState<TestSettings>(new TestSettings { Name = "durable" });
        await store.Grains.WriteStateAsync("settings", Tenant, state);

        await store.ReopenAsync();

        var read = new GrainState<TestSettings>(new TestSettings());
        await store.Grains.ReadStateAsync("settings", Tenant, read);
        Assert.Equal("durable", read.State!.Name);
        Assert.Equal(state.ETag, read.ETag);
    }
}
