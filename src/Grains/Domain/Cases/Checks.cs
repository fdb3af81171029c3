using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>Small input checks shared by the case rules; each returns the error or null.</summary>
internal static class Checks
{
    public const int ShortText = 200;
    public const int LongText = 4000;

    public static DomainError? Text(string? value, string field, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? DomainError.Invalid(ErrorCodes.Required, field, $"'{field}' is required.") : null;
        return value.Length > max
            ? DomainError.Invalid(ErrorCodes.TooLong, field, $"'{field}' must be at most {max} characters.")
            : null;
    }

    public static DomainError? Range(int value, int min, int max, string field) => value < min || value > max
        ? DomainError.Invalid(ErrorCodes.OutOfRange, field, $"'{field}' must be between {min} and {max}, not {value}.")
        : null;

    public static DomainError? Defined<TEnum>(TEnum value, string field) where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? null
            : DomainError.Invalid(ErrorCodes.UnknownValue, field, $"'{field}' has no value {value}.");

    /// <summary>The first error of several independent checks.</summary>
    public static DomainError? First(params DomainError?[] errors) => errors.FirstOrDefault(e => e is not null);
}
