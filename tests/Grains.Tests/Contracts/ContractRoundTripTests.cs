using System.Reflection;

namespace Ipt.Cluster.Grains.Tests.Contracts;

/// <summary>
/// Guards the wire format of the contracts: every serializable type has a sample, every sample
/// survives the Orleans serializer, and bytes written by an earlier build still read back the
/// same (so an [Id] renumbered or reused, or an [Alias] changed, fails here and not in production).
/// </summary>
public sealed class ContractRoundTripTests
{
    private static readonly Dictionary<Type, object> Samples = ContractSamples.All.ToDictionary(s => s.GetType());

    /// <summary>Every concrete type with [GenerateSerializer], enums and exceptions aside.</summary>
    private static IEnumerable<Type> ContractTypes() => ContractJson.Contracts.GetTypes().Where(t =>
        t.GetCustomAttribute<GenerateSerializerAttribute>() is not null
        && !t.IsAbstract && !t.IsEnum && !typeof(Exception).IsAssignableFrom(t));

    [Fact]
    public void Every_serializable_contract_type_has_a_sample()
    {
        Assert.Contains(typeof(Ipt.Cluster.Cases.CaseState), ContractTypes());
        var missing = ContractTypes().Where(t => !Samples.ContainsKey(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Add a sample to ContractSamples for: " + string.Join(", ", missing));
        Assert.Equal(ContractSamples.All.Count, Samples.Count);
    }

    [Fact]
    public void Every_sample_survives_the_Orleans_serializer_unchanged()
    {
        Assert.All(ContractSamples.All, sample =>
        {
            var copy = ContractSerializer.Read(ContractSerializer.Write(sample));
            Assert.IsType(sample.GetType(), copy);
            Assert.Equal(ContractJson.Of(sample), ContractJson.Of(copy));
        });
    }

    [Fact]
    public void Bytes_written_by_earlier_builds_read_back_as_todays_samples()
    {
        if (GoldenFile.Updating)
        {
            var path = GoldenFile.Write(ContractSamples.All.Select(s => (s.GetType().FullName!, ContractSerializer.Write(s))));
            Console.WriteLine($"Golden contract file written to {path}; review the diff and commit it.");
        }
        var golden = GoldenFile.Read();

        var missing = Samples.Keys.Select(t => t.FullName!).Where(name => !golden.ContainsKey(name)).ToList();
        Assert.True(GoldenFile.Updating || missing.Count == 0,
            $"The golden contract file has no line for: {string.Join(", ", missing)}. Run these tests once with " +
            $"{GoldenFile.UpdateVariable}=1 to rewrite tests/Grains.Tests/Contracts/golden.txt, review the diff and commit it.");

        foreach (var (typeName, base64) in golden)
        {
            var sample = Samples.Values.SingleOrDefault(s => s.GetType().FullName == typeName);
            Assert.True(sample is not null, $"The golden file has a line for {typeName}, which has no sample: a contract type was removed or renamed.");
            var read = ContractSerializer.Read(Convert.FromBase64String(base64));
            Assert.True(ContractJson.Of(sample) == ContractJson.Of(read),
                $"{typeName} no longer reads back as its sample from the golden bytes: an [Id] or [Alias] changed, or the sample did." +
                $"{Environment.NewLine}golden:  {ContractJson.Of(read)}{Environment.NewLine}sample:  {ContractJson.Of(sample)}");
        }
    }
}
