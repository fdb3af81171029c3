using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using Ipt.Cluster.Audit;

namespace Ipt.Cluster.Silo.Storage.Embedded;

/// <summary>How audit values are written to and read from <c>audit_log</c> columns.</summary>
internal static class AuditColumns
{
    /// <summary>Fixed width (100 ns precision, always 'Z'), so text order is time order.</summary>
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The tenant column value of records that have no tenant (see <see cref="EmbeddedAuditStore"/>).</summary>
    public const string NoTenant = "";

    public static string Tenant(string? tenantId) => tenantId ?? NoTenant;

    public static string? TenantOf(string column) => column.Length == 0 ? null : column;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset TimeOf(string column) =>
        new(DateTime.ParseExact(column, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    /// <summary>Refuses a record that lacks what every audit row must name (both stores check before appending).</summary>
    public static void ThrowIfIncomplete(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.Action);
        ArgumentException.ThrowIfNullOrEmpty(record.Resource);
        ArgumentException.ThrowIfNullOrEmpty(record.CorrelationId);
        _ = Outcome(record.Outcome);
    }

    // Names, not numbers: an exported log reads plainly and an enum renumbering cannot change its meaning.
    public static string Outcome(AuditOutcome outcome) =>
        Enum.IsDefined(outcome) ? outcome.ToString() : throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an audit outcome.");

    public static AuditOutcome OutcomeOf(string column) => Enum.Parse<AuditOutcome>(column, ignoreCase: false);

    /// <summary>The cursor after a page: the last row id shown, as base64url of its 8 bytes.</summary>
    public static string Cursor(long lastId)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, lastId);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The row id a cursor stands for; a cursor this store did not issue is a <see cref="FormatException"/>.</summary>
    public static long CursorOf(string cursor)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException error)
        {
            throw new FormatException("The audit cursor is not one this store issued.", error);
        }

        return bytes.Length == sizeof(long) && BinaryPrimitives.ReadInt64BigEndian(bytes) is > 0 and var id
            ? id
            : throw new FormatException("The audit cursor is not one this store issued.");
    }
}
