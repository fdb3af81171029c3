namespace Ipt.Cluster;

/// <summary>Names of the storage providers grains use, in one place.</summary>
public static class StorageNames
{
    /// <summary>The product's grain storage: <c>[PersistentState(stateName, StorageNames.Main)]</c>.</summary>
    public const string Main = "ipt";
}
