using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>Opaque paging cursors (base64url); a cursor that does not decode is a 400 naming <c>cursor</c>.</summary>
public static class Cursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public static int Limit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

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
