using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>One case of a bulk export: its state, its history and its context.</summary>
public sealed record CaseExport(CaseState Case, IReadOnlyList<RecordedEvent> History, FhirContext Context);

/// <summary>
/// A clinic's cases as FHIR NDJSON, one resource per line: the code systems first, then each case's
/// resources and the AuditEvent of its export. Resources shared by cases (the organizations, the
/// practitioners) are written once. Stateful (it remembers what it wrote), so use one per export;
/// the caller streams a case's lines as soon as the case is read.
/// </summary>
public sealed class NdjsonExport
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>All the lines of an export of <paramref name="cases"/>, lazily.</summary>
    public static IEnumerable<string> Lines(IEnumerable<CaseExport> cases)
    {
        var export = new NdjsonExport();
        foreach (var line in export.Header()) yield return line;
        foreach (var exported in cases)
        {
            foreach (var line in export.Case(exported)) yield return line;
        }
    }

    public IEnumerable<string> Header() => Write(FhirCodeSystems.Resources());

    public IEnumerable<string> Case(CaseExport exported)
    {
        ArgumentNullException.ThrowIfNull(exported);
        var resources = CaseBundleMapper.Resources(exported.Case, exported.History, exported.Context)
            .Append(ExportAudit.For(exported.Case, exported.Context, ExportIds.Of(exported.Case, exported.Context)));
        return Write(resources);
    }

    private IEnumerable<string> Write(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            // The strict serializer writes one line: NDJSON needs no further escaping.
            if (resource.Id is { } id && _written.Add(id)) yield return FhirJson.Serialize(resource);
        }
    }
}
