using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>FHIR JSON of our resources, with the strict engine: a resource that breaks the model fails here, not at the receiver.</summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";
    public const string NdjsonContentType = "application/fhir+ndjson";

    private static readonly IFhirSerializationEngine Engine = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);

    public static string Serialize(Resource resource) => Engine.SerializeToJson(resource);
}
