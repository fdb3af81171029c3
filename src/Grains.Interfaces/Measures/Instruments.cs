namespace Ipt.Cluster.Measures;

/// <summary>Codes of the built-in instruments. Tenant-defined ones use their own codes.</summary>
public static class Instruments
{
    public const string Phq9 = "phq-9";
    public const string Gad7 = "gad-7";
}

/// <summary>A scored range of an instrument's total, inclusive at both ends.</summary>
[GenerateSerializer, Immutable, Alias("ipt.ScoreBand")]
public sealed record ScoreBand(
    [property: Id(0)] int Min,
    [property: Id(1)] int Max,
    [property: Id(2)] string Label);

/// <summary>
/// A questionnaire a tenant defines for itself, for licensed instruments whose items the product
/// must not ship (IIP-32, SAS-SR, ORS/SRS): item count, the range of each answer, and bands.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.InstrumentDefinition")]
public sealed record InstrumentDefinition(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] int ItemCount,
    [property: Id(3)] int ItemMin,
    [property: Id(4)] int ItemMax,
    [property: Id(5)] IReadOnlyList<ScoreBand> Bands,
    [property: Id(6)] bool HigherIsWorse);

/// <summary>Jacobson-Truax reliable change settings for one instrument (a tenant setting).</summary>
[GenerateSerializer, Immutable, Alias("ipt.ReliableChangeSettings")]
public sealed record ReliableChangeSettings(
    [property: Id(0)] double StandardDeviation,
    [property: Id(1)] double TestRetestReliability);

/// <summary>Whether a change from baseline is larger than measurement error, and which way.</summary>
[GenerateSerializer, Alias("ipt.ReliableChange")]
public enum ReliableChange
{
    None = 0,
    Improved = 1,
    Deteriorated = 2,
}

/// <summary>A scored questionnaire: what the client answered and what it means.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("ipt.QuestionnaireScore")]
public sealed record QuestionnaireScore(
    [property: Id(0)] string Instrument,
    [property: Id(1)] IReadOnlyList<int> Answers,
    [property: Id(2)] int Total,
    [property: Id(3)] string Band,
    [property: Id(4)] bool SuicideItemPositive,
    [property: Id(5)] int? Baseline,
    [property: Id(6)] int? ChangeFromBaseline,
    [property: Id(7)] bool Response,
    [property: Id(8)] bool Remission,
    [property: Id(9)] ReliableChange ReliableChange,
    [property: Id(10)] int? Difficulty);
