using System.Globalization;
using Hl7.Fhir.Model;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>FHIR date and dateTime text of the contract's dates, always in UTC, to the second.</summary>
internal static class FhirDates
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static FhirDateTime Element(DateTimeOffset at) => new(DateTime(at));

    public static Period Period(DateTimeOffset start, DateTimeOffset? end) => new() { Start = DateTime(start), End = end is { } e ? DateTime(e) : null };
}
