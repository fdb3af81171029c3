using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Ipt.Cluster.Gateway.Errors;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>
/// Opaque paging cursors (base64url) and page sizes: a cursor that does not decode, or a limit
/// below 1, is a 400 naming the parameter; a limit above <see cref="MaxLimit"/> gets that many.
/// </summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static bool TryLimit(int? limit, out int size)
    {
        size = Math.Min(limit ?? DefaultLimit, MaxLimit);
        return size >= 1;
    }

    public static Problem LimitProblem() => GatewayProblems.Invalid("limit", $"'limit' is the page size: 1 to {MaxLimit}.");

    public static Problem CursorProblem() => GatewayProblems.Invalid("cursor", "The cursor is not one this API gave out.");

    public static string Encode(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    public static string Encode(long value) => Encode(value.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? cursor, out string value)
    {
        value = "";
        if (string.IsNullOrEmpty(cursor)) return true;
        if (cursor.Length > 200) return false;
        try
        {
            value = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryDecode(string? cursor, out long value)
    {
        value = 0;
        return TryDecode(cursor, out string text) && (text.Length == 0 || (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0));
    }
}
