using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Ids;

/// <summary>
/// The one rule for every id in the product: lower-case letters, digits and '-', 1 to 64
/// characters, starting with a letter or digit. It keeps keys safe in URLs, SQL, logs and file
/// names, and makes '/' the unambiguous separator of <see cref="GrainKey"/>.
/// </summary>
public static class IdRules
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id[0] == '-') return false;
        foreach (var c in id)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')) return false;
        }
        return true;
    }

    /// <summary>The error for an invalid id in <paramref name="field"/>, or null when it is valid.</summary>
    public static DomainError? Check(string? id, string field) => IsValid(id)
        ? null
        : DomainError.Invalid(ErrorCodes.InvalidId, field,
            $"'{field}' must be 1-{MaxLength} characters of a-z, 0-9 and '-', not starting with '-'.");

    internal static string Require(string id, string field) =>
        IsValid(id) ? id : throw new FormatException(Check(id, field)!.Message);
}
