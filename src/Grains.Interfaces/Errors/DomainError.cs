namespace Ipt.Cluster.Errors;

/// <summary>
/// Why a command was refused. <see cref="Code"/> is stable (clients and the gateway's problem
/// types key on it); <see cref="Field"/> names the offending input; nothing changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.DomainError")]
public sealed record DomainError(
    [property: Id(0)] ErrorKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string Field,
    [property: Id(3)] string Message)
{
    public static DomainError Invalid(string code, string field, string message) => new(ErrorKind.Invalid, code, field, message);
    public static DomainError NotFound(string code, string field, string message) => new(ErrorKind.NotFound, code, field, message);
    public static DomainError Conflict(string code, string field, string message) => new(ErrorKind.Conflict, code, field, message);
    public static DomainError Forbidden(string code, string field, string message) => new(ErrorKind.Forbidden, code, field, message);
}

/// <summary>The kind of refusal, which the gateway maps to an HTTP status.</summary>
[GenerateSerializer, Alias("ipt.ErrorKind")]
public enum ErrorKind
{
    /// <summary>The input breaks a rule on its own (400/422).</summary>
    Invalid = 0,
    /// <summary>The thing named does not exist, or belongs to another tenant (404).</summary>
    NotFound = 1,
    /// <summary>The input is fine, but the current state does not allow it (409).</summary>
    Conflict = 2,
    /// <summary>The caller's role may not do this (403).</summary>
    Forbidden = 3,
}
