namespace Ipt.Bench.Run.Load;

/// <summary>The request kinds of a clinic's working day, and their share of the mix.</summary>
internal static class RequestKind
{
    public const string SessionLog = "session log";
    public const string Phq9 = "PHQ-9 submission";
    public const string GoalRating = "goal rating";
    public const string MilestoneUpdate = "milestone update";
    public const string CaseRead = "case read";
    public const string CaseloadRead = "caseload read";
    public const string GoalsRead = "goals read";

    /// <summary>
    /// Reads outnumber writes, as in any clinic: therapists open a case before and after a session,
    /// supervisors keep caseloads open; each session brings a log, often a PHQ-9, sometimes a goal or
    /// milestone update.
    /// </summary>
    public static readonly (string Kind, int Weight)[] Mix =
    [
        (CaseRead, 30), (CaseloadRead, 15), (SessionLog, 15), (Phq9, 20), (GoalRating, 10), (MilestoneUpdate, 10),
    ];

    /// <summary>The work the FHIR peer is given, in our API: goals and PHQ-9s (Observations) written and read.</summary>
    public static readonly (string Kind, int Weight)[] PeerShape = [(Phq9, 25), (GoalRating, 25), (GoalsRead, 25), (CaseRead, 25)];

    /// <summary>Durable commands alone: the throughput of acknowledged writes.</summary>
    public static readonly (string Kind, int Weight)[] CommandsOnly = [(SessionLog, 15), (Phq9, 20), (GoalRating, 10), (MilestoneUpdate, 10)];

    public static readonly string[] Commands = [SessionLog, Phq9, GoalRating, MilestoneUpdate];

    public static bool IsCommand(string kind) => Commands.Contains(kind);
}
