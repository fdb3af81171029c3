using Ipt.Cluster.Cases;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ipt.Cluster.Grains.Tests.Contracts;

/// <summary>The Orleans serializer as a silo builds it for the contracts, without a silo.</summary>
internal static class ContractSerializer
{
    private static readonly Lazy<Serializer> Instance = new(() => new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(CaseState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>());

    /// <summary>Serialized as <see cref="object"/>, so the bytes carry the type's alias as the wire does.</summary>
    public static byte[] Write(object value) => Instance.Value.SerializeToArray<object>(value);

    public static object Read(byte[] bytes) =>
        Instance.Value.Deserialize<object>(bytes) ?? throw new InvalidOperationException("The bytes hold null.");
}
