namespace Ipt.Cluster.Measures;

/// <summary>
/// The LOINC Mod 10 check digit (LOINC Users' Guide, appendix C). Answer and part codes
/// ("LA...", "LP...") use the variant LOINC adopted from OpenMRS, where each character counts as
/// its ASCII value minus 48; for plain digits that is exactly the classic algorithm.
/// </summary>
public static class LoincCheckDigit
{
    /// <summary>The check digit for the part of a code before the hyphen, e.g. "44249" gives 1.</summary>
    public static int Compute(string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(body);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            // Positions count from the right; the 1st, 3rd, 5th... are doubled and their digits summed.
            var value = body[body.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? (2 * value) - (value / 5 * 9) : value;
        }
        return (10 - (Math.Abs(sum) % 10)) % 10;
    }

    /// <summary>True when <paramref name="code"/> is "body-digit" and the digit matches the body.</summary>
    public static bool IsValid(string? code)
    {
        if (string.IsNullOrEmpty(code)) return false;
        var hyphen = code.IndexOf('-', StringComparison.Ordinal);
        if (hyphen < 1 || hyphen != code.Length - 2 || !char.IsAsciiDigit(code[^1])) return false;
        var body = code[..hyphen];
        foreach (var c in body)
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c)) return false;
        }
        return Compute(body) == code[^1] - '0';
    }
}
