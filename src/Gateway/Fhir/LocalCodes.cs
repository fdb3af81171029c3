using Ipt.Cluster.Cases;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// The code of each contract enum value in its local code system. Spelled out, not derived from
/// the enum names, so renaming a C# member never changes what a receiver has stored.
/// </summary>
public static class LocalCodes
{
    public static string Of(IptVariant variant) => variant switch
    {
        IptVariant.Standard => "standard",
        IptVariant.Adolescent => "adolescent",
        IptVariant.LateLife => "late-life",
        IptVariant.Brief => "brief",
        IptVariant.Group => "group",
        _ => throw Unknown(variant),
    };

    public static string Of(CasePhase phase) => phase switch
    {
        CasePhase.Intake => "intake",
        CasePhase.Initial => "initial",
        CasePhase.Middle => "middle",
        CasePhase.Termination => "termination",
        CasePhase.Maintenance => "maintenance",
        CasePhase.Closed => "closed",
        _ => throw Unknown(phase),
    };

    public static string Of(Technique technique) => technique switch
    {
        Technique.CommunicationAnalysis => "communication-analysis",
        Technique.RolePlay => "role-play",
        Technique.InterpersonalInventory => "interpersonal-inventory",
        Technique.Formulation => "formulation",
        Technique.EncouragementOfAffect => "encouragement-of-affect",
        Technique.DecisionAnalysis => "decision-analysis",
        Technique.Clarification => "clarification",
        _ => throw Unknown(technique),
    };

    public static string Of(DisputeStage stage) => stage switch
    {
        DisputeStage.Renegotiation => "renegotiation",
        DisputeStage.Impasse => "impasse",
        DisputeStage.Dissolution => "dissolution",
        _ => throw Unknown(stage),
    };

    public static string Of(CaseFlag flag) => flag switch
    {
        CaseFlag.SuicideRisk => "suicide-risk",
        CaseFlag.ReliableDeterioration => "reliable-deterioration",
        CaseFlag.NotOnTrack => "not-on-track",
        CaseFlag.MissedSessions => "missed-sessions",
        CaseFlag.PastContractWithoutExtension => "past-contract-without-extension",
        CaseFlag.NoContact => "no-contact",
        CaseFlag.AssessmentOverdue => "assessment-overdue",
        CaseFlag.TerminationNotStarted => "termination-not-started",
        CaseFlag.Response => "response",
        CaseFlag.Remission => "remission",
        CaseFlag.MilestoneAchieved => "milestone-achieved",
        CaseFlag.GoalAchieved => "goal-achieved",
        _ => throw Unknown(flag),
    };

    /// <summary>A GAS level -2..+2 as its code: "-2", "-1", "0", "+1", "+2".</summary>
    public static string GasLevel(int level) => level switch
    {
        -2 or -1 or 0 => level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        1 or 2 => "+" + level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "A GAS level is -2..+2."),
    };

    private static ArgumentOutOfRangeException Unknown<T>(T value) where T : struct, Enum =>
        new(typeof(T).Name, value, $"No FHIR code for {typeof(T).Name}.{value}.");
}
