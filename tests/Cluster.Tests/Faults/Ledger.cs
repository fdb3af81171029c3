using System.Collections.Concurrent;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>What a writer knows about a request: acknowledged (2xx), refused (4xx: nothing written), or unknown.</summary>
internal enum Outcome { Ok, Failed, Unknown }

/// <summary>
/// One write: number <see cref="Number"/> of its case, a relationship (alias <c>p-N</c>) or a
/// PHQ-9 whose answers spell N in base 4, so every write is recognisable in the case's history.
/// </summary>
internal sealed record Operation(string Case, int Number)
{
    public bool IsQuestionnaire => Number % 3 == 0;

    public string IdempotencyKey => $"{(IsQuestionnaire ? "phq" : "rel")}-{Case}-{Number}";

    public string Alias => $"p-{Number}";

    /// <summary>Items 1-8 carry N in base 4 (0-3 each); item 9, the suicide item, stays 0.</summary>
    public int[] Answers()
    {
        var answers = new int[9];
        for (int i = 0, n = Number; i < 8; i++, n /= 4) answers[i] = n % 4;
        return answers;
    }

    public static int NumberOf(IReadOnlyList<int> answers)
    {
        var n = 0;
        for (var i = 7; i >= 0; i--) n = n * 4 + answers[i];
        return n;
    }
}

/// <summary>Every write sent, with its outcome; thread-safe.</summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<(string Case, int Number), Outcome> _outcomes = new();
    private readonly ConcurrentDictionary<string, int> _numbers = new();
    private long _retriedToOk;
    private long _rollingFailures;

    public Operation Next(string caseId) => new(caseId, _numbers.AddOrUpdate(caseId, 1, (_, n) => n + 1));

    public void Record(Operation op, Outcome outcome, bool retried)
    {
        _outcomes[(op.Case, op.Number)] = outcome;
        if (retried && outcome == Outcome.Ok) Interlocked.Increment(ref _retriedToOk);
    }

    public void RollingFailure() => Interlocked.Increment(ref _rollingFailures);

    public Outcome? OutcomeOf(string caseId, int number) => _outcomes.TryGetValue((caseId, number), out var o) ? o : null;

    public IEnumerable<int> Numbers(string caseId, Outcome outcome) =>
        _outcomes.Where(e => e.Key.Case == caseId && e.Value == outcome).Select(e => e.Key.Number);

    public int Count => _outcomes.Count;

    public int CountOf(Outcome outcome) => _outcomes.Values.Count(o => o == outcome);

    /// <summary>Requests that were unknown at first and acknowledged on a retry with the same Idempotency-Key.</summary>
    public long RetriedToOk => Interlocked.Read(ref _retriedToOk);

    public long RollingFailures => Interlocked.Read(ref _rollingFailures);
}
