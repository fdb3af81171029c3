using System.Diagnostics.CodeAnalysis;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain;

/// <summary>
/// The outcome of a domain rule: a value, or the <see cref="DomainError"/> that refused the input.
/// Rules return it instead of throwing, because a refusal is an expected answer to a command.
/// </summary>
public readonly record struct Result<T>
{
    private Result(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(DomainError error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator Result<T>(DomainError error) => Fail(error);
}
