using System.Data.Common;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Persistence;
using Orleans.Serialization;

namespace Ipt.Cluster.Silo.Storage;

/// <summary>
/// How both case stores read what they stored: payloads in the Orleans serializer's format, and a
/// case's load as rows of (kind, number, payload), kind 0 the snapshot and 1 an event after it.
/// </summary>
internal static class CaseRows
{
    public static async Task<StoredCase?> ReadCaseAsync(DbDataReader reader, Serializer serializer, CancellationToken cancellationToken)
    {
        CaseState? snapshot = null;
        var later = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var payload = reader.GetFieldValue<byte[]>(2);
            if (reader.GetInt32(0) == 0) snapshot = Decode<CaseState>(serializer, payload);
            else later.Add(Decode<RecordedEvent>(serializer, payload));
        }

        return StoredCase.Of(snapshot, later);
    }

    public static T Decode<T>(Serializer serializer, byte[] payload) where T : class =>
        serializer.Deserialize<T>(payload) ?? throw new InvalidDataException($"A stored {typeof(T).Name} decoded to null.");
}
