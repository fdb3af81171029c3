using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain;

/// <summary>A value or the domain error that refused it. Rules return this instead of throwing.</summary>
public readonly record struct Result<T>(T? Value, DomainError? Error)
{
    public bool IsOk => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(DomainError error) => new(default, error);

    public static implicit operator Result<T>(DomainError error) => Fail(error);
}
