using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Ipt.Cluster.Gateway.Fhir;

namespace Ipt.Cluster.Fhir.Tests.Infrastructure;

/// <summary>An exported case read the way a receiver reads it: from its JSON.</summary>
internal sealed class Exported
{
    public Exported(CaseScript script, FhirContext? context = null)
    {
        Script = script;
        Json = FhirJson.Serialize(CaseBundleMapper.ToBundle(script.Case, script.History, context ?? TreatedCases.Context()));
        Bundle = Parse<Bundle>(Json);
    }

    public CaseScript Script { get; }

    public string Json { get; }

    public Bundle Bundle { get; }

    public IEnumerable<T> All<T>() where T : Resource => Bundle.Entry.Select(e => e.Resource).OfType<T>();

    public T Resolve<T>(ResourceReference reference) where T : Resource =>
        Assert.IsAssignableFrom<T>(Bundle.Entry.Single(e => e.FullUrl == reference.Reference).Resource);

    public static T Parse<T>(string json) where T : Resource => new FhirJsonDeserializer().Deserialize<T>(json)
        ?? throw new InvalidOperationException("The JSON holds no resource.");

    /// <summary>Every (system, code) pair of the JSON: codings, and the answer codings of questionnaire items.</summary>
    public static IEnumerable<(string System, string Code)> Codings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Walk(document.RootElement).ToList();
    }

    private static IEnumerable<(string, string)> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("system", out var system) && element.TryGetProperty("code", out var code)
                && system.ValueKind == JsonValueKind.String && code.ValueKind == JsonValueKind.String)
                yield return (system.GetString()!, code.GetString()!);
            foreach (var property in element.EnumerateObject())
            {
                foreach (var found in Walk(property.Value)) yield return found;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Walk(item)) yield return found;
            }
        }
    }
}
