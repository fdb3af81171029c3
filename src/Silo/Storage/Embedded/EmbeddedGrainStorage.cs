using System.Globalization;
using Ipt.Cluster.Ids;
using Orleans.Serialization;
using Orleans.Storage;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>
/// Orleans grain storage on the embedded database's <c>grain_state</c> table, written through the
/// same group-commit writer as cases. ETags are the row's version number; a write or clear with
/// a stale ETag throws <see cref="InconsistentStateException"/>. State types must be
/// <c>[GenerateSerializer]</c> types: they are stored with the Orleans serializer.
/// </summary>
public sealed class EmbeddedGrainStorage(string name, EmbeddedDatabase database, Serializer serializer) : IGrainStorage
{
    /// <summary>The provider name grains use in <c>[PersistentState(stateName, name)]</c>.</summary>
    public string Name { get; } = name;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = RowOf(stateName, grainId);
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT etag, payload FROM grain_state WHERE grain_type = $type AND grain_key = $key AND state_name = $state";
        row.Bind(command.Parameters);
        using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        // A cleared state keeps its row (and etag) with no payload: the grain starts from its default.
        grainState.RecordExists = !reader.IsDBNull(1);
        if (grainState.RecordExists) grainState.State = serializer.Deserialize<T>(reader.GetFieldValue<byte[]>(1));
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var request = new WriteGrainStateRequest(RowOf(stateName, grainId), grainState.ETag, serializer.SerializeToArray(grainState.State));
        var etag = await database.WriteAsync(request, CancellationToken.None);
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = await database.WriteAsync(new ClearGrainStateRequest(RowOf(stateName, grainId), grainState.ETag), CancellationToken.None);
        grainState.ETag = etag?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
    }

    private static GrainStateRow RowOf(string stateName, GrainId grainId)
    {
        var key = grainId.Key.ToString()!;
        // Application grain keys start with their tenant; Orleans' own grains have none.
        var tenant = GrainKey.TryParse(key, out var parsed) ? parsed.Value.Tenant : null;
        return new GrainStateRow(grainId.Type.ToString()!, key, stateName, tenant);
    }
}
