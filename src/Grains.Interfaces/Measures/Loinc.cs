namespace Ipt.Cluster.Measures;

/// <summary>
/// LOINC codes of the built-in instruments, pinned here because public code gets some wrong
/// (a bad check digit on GAD-7 item 6, items 6 and 7 swapped). A test checks every check digit.
/// Tenant-defined instruments have no LOINC code: the methods return null for them. It is data,
/// kept with the contracts so every reader (the scoring rules, the FHIR export) takes codes from it.
/// </summary>
public static class Loinc
{
    public const string System = "http://loinc.org";

    /// <summary>PHQ-9 "how difficult have these problems made it..." item; carried, not scored.</summary>
    public const string Difficulty = "69722-7";

    private static readonly string[] Phq9Items =
    [
        "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8",
    ];

    private static readonly string[] Gad7Items =
    [
        "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7",
    ];

    /// <summary>Answer codes for "not at all" (0) to "nearly every day" (3), shared by PHQ-9 and GAD-7.</summary>
    private static readonly string[] Answers = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

    public static string? Panel(string instrument) => instrument switch
    {
        Instruments.Phq9 => "44249-1",
        Instruments.Gad7 => "69737-5",
        _ => null,
    };

    public static string? Total(string instrument) => instrument switch
    {
        Instruments.Phq9 => "44261-6",
        Instruments.Gad7 => "70274-6",
        _ => null,
    };

    /// <summary>The code of the item at <paramref name="index"/> (0-based, as in the answers list).</summary>
    public static string? Item(string instrument, int index)
    {
        var items = instrument switch
        {
            Instruments.Phq9 => Phq9Items,
            Instruments.Gad7 => Gad7Items,
            _ => null,
        };
        if (items is null) return null;
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, items.Length);
        return items[index];
    }

    /// <summary>The answer code for an item value 0..3.</summary>
    public static string Answer(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(value, Answers.Length);
        return Answers[value];
    }
}
