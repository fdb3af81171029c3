using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Grains.Tests.Contracts;

/// <summary>
/// Compares contract values by their JSON: records with list members have no value equality on
/// the lists. Abstract contract types (CaseCommand, CaseEvent) are written with their concrete
/// type, so a RecordedEvent's event is compared in full.
/// </summary>
internal static class ContractJson
{
    public static readonly Assembly Contracts = typeof(CaseState).Assembly;

    private static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WithConcreteTypes } },
    };

    public static string Of(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    private static void WithConcreteTypes(JsonTypeInfo info)
    {
        if (!info.Type.IsAbstract || info.Type.Assembly != Contracts || info.Kind != JsonTypeInfoKind.Object) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions();
        foreach (var type in Contracts.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(info.Type)))
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, type.Name));
    }
}
