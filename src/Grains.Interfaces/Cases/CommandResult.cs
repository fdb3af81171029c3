using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Cases;

/// <summary>
/// The answer to a case command: either the events it committed (durably, before this answer) and
/// the case's new version, or the error that refused it, in which case nothing changed.
/// <see cref="Replayed"/> is true when an idempotency key matched an earlier command: the events are
/// those of the first time, and nothing new was written.
/// </summary>
[GenerateSerializer, Immutable, Alias("ipt.CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<RecordedEvent> Events,
    [property: Id(2)] DomainError? Error,
    [property: Id(3)] bool Replayed)
{
    public bool Accepted => Error is null;

    public static CommandResult Refused(DomainError error, long version) => new(version, [], error, false);
}

/// <summary>A page of a case's history; pass <see cref="NextAfter"/> back to read on, null at the end.</summary>
[GenerateSerializer, Immutable, Alias("ipt.HistoryPage")]
public sealed record HistoryPage(
    [property: Id(0)] IReadOnlyList<RecordedEvent> Events,
    [property: Id(1)] long? NextAfter);
