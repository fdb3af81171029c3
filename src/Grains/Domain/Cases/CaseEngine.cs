using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>The outcome of handling one command: new events and the state after them, a replay, or a refusal.</summary>
public sealed record CaseDecision(
    IReadOnlyList<RecordedEvent> Events,
    CaseState? NewState,
    IdempotencyRecord? Replay,
    DomainError? Error);

/// <summary>
/// Handles a command from start to end, purely: idempotency, the decision, the milestones and
/// flags it triggers, sequence numbers, and the state after. The grain only loads, commits and
/// publishes what this returns.
/// </summary>
public static class CaseEngine
{
    public const int MaxIdempotencyKeyLength = 128;

    public static CaseDecision Handle(CaseState? state, CaseCommand command, string? idempotencyKey, CaseContext context)
    {
        string? fingerprint = null;
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > MaxIdempotencyKeyLength || idempotencyKey.Any(char.IsControl))
                return Refuse(DomainError.Invalid(ErrorCodes.OutOfRange, "idempotencyKey",
                    $"An idempotency key has 1-{MaxIdempotencyKeyLength} printable characters."));
            fingerprint = CommandFingerprint.Of(command);
            if (state is not null && Seen(state.RecentCommands, idempotencyKey) is { } seen)
            {
                return seen.CommandFingerprint == fingerprint
                    ? new CaseDecision([], state, seen, null)
                    : Refuse(DomainError.Conflict(ErrorCodes.IdempotencyReuse, "idempotencyKey",
                        "This idempotency key was used for a different request."));
            }
        }

        var decided = CaseDecider.Decide(state, command, context);
        if (!decided.IsOk) return Refuse(decided.Error!);

        var version = state?.Version ?? 0;
        var recorded = new List<RecordedEvent>();
        var next = state;
        void Commit(CaseEvent e)
        {
            var r = new RecordedEvent(++version, context.Now, context.Actor, e);
            next = CaseEvolution.Apply(next, r, context.CaseId);
            recorded.Add(r);
        }

        foreach (var e in decided.Value!) Commit(e);
        foreach (var e in MilestoneTriggers.After(next!, decided.Value!, context).ToList()) Commit(e);
        var flags = CaseFlags.Derive(next!, context.Now, context.Policy);
        foreach (var raised in flags.Except(next!.Flags)) Commit(new FlagRaised(raised));
        foreach (var cleared in next!.Flags.Except(flags).ToList()) Commit(new FlagCleared(cleared));

        if (recorded.Count == 0) return new CaseDecision([], state, null, null);
        if (fingerprint is not null)
        {
            // Carried by the command's last event, so a replay of the history remembers the key too.
            var record = new IdempotencyRecord(idempotencyKey!, fingerprint, recorded[0].Sequence, version);
            recorded[^1] = recorded[^1] with { Completes = record };
            next = CaseEvolution.Remember(next!, record);
        }
        return new CaseDecision(recorded, next, null, null);
    }

    // Newest first: a retry follows its first attempt closely.
    private static IdempotencyRecord? Seen(IReadOnlyList<IdempotencyRecord> recent, string key)
    {
        for (var i = recent.Count - 1; i >= 0; i--)
            if (string.Equals(recent[i].Key, key, StringComparison.Ordinal)) return recent[i];
        return null;
    }

    private static CaseDecision Refuse(DomainError error) => new([], null, null, error);
}
