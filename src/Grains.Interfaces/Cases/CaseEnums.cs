namespace Ipt.Cluster.Cases;

/// <summary>Where a case is in the IPT course. Maintenance (IPT-M) follows termination for clients in remission.</summary>
[GenerateSerializer, Alias("ipt.CasePhase")]
public enum CasePhase { Intake = 0, Initial = 1, Middle = 2, Termination = 3, Maintenance = 4, Closed = 5 }

/// <summary>The adaptation of IPT the case follows; it sets the default contract length.</summary>
[GenerateSerializer, Alias("ipt.IptVariant")]
public enum IptVariant { Standard = 0, Adolescent = 1, LateLife = 2, Brief = 3, Group = 4 }

/// <summary>Inner, middle or outer circle of the interpersonal inventory's closeness diagram.</summary>
[GenerateSerializer, Alias("ipt.Closeness")]
public enum Closeness { Inner = 0, Middle = 1, Outer = 2 }

/// <summary>Stages of a role dispute (Weissman): they decide the strategy.</summary>
[GenerateSerializer, Alias("ipt.DisputeStage")]
public enum DisputeStage { Renegotiation = 0, Impasse = 1, Dissolution = 2 }

/// <summary>The part of the client's life a goal is about (the article's relationship contexts).</summary>
[GenerateSerializer, Alias("ipt.RelationshipContext")]
public enum RelationshipContext { Family = 0, Work = 1, Romantic = 2, Friendship = 3, Other = 4 }

[GenerateSerializer, Alias("ipt.GoalStatus")]
public enum GoalStatus { Proposed = 0, Agreed = 1, InProgress = 2, Achieved = 3, Revised = 4, Dropped = 5 }

[GenerateSerializer, Alias("ipt.MilestoneStatus")]
public enum MilestoneStatus { Pending = 0, Achieved = 1, Missed = 2 }

/// <summary>What a milestone measures: a questionnaire total crossing a threshold, a GAS level, or a count.</summary>
[GenerateSerializer, Alias("ipt.MilestoneTargetKind")]
public enum MilestoneTargetKind { InstrumentThreshold = 0, GasLevel = 1, Count = 2 }

[GenerateSerializer, Alias("ipt.Attendance")]
public enum Attendance { Attended = 0, Missed = 1, Cancelled = 2 }

/// <summary>Techniques named in the IPT manuals and the seed article.</summary>
[GenerateSerializer, Alias("ipt.Technique")]
public enum Technique
{
    CommunicationAnalysis = 0,
    RolePlay = 1,
    InterpersonalInventory = 2,
    Formulation = 3,
    EncouragementOfAffect = 4,
    DecisionAnalysis = 5,
    Clarification = 6,
}

/// <summary>What follows termination: the next contract.</summary>
[GenerateSerializer, Alias("ipt.NextStep")]
public enum NextStep { End = 0, Maintenance = 1, Referral = 2 }

/// <summary>Signals a supervisor expects, derived from the case; the last four are good news.</summary>
[GenerateSerializer, Alias("ipt.CaseFlag")]
public enum CaseFlag
{
    SuicideRisk = 0,
    ReliableDeterioration = 1,
    NotOnTrack = 2,
    MissedSessions = 3,
    PastContractWithoutExtension = 4,
    NoContact = 5,
    AssessmentOverdue = 6,
    TerminationNotStarted = 7,
    Response = 20,
    Remission = 21,
    MilestoneAchieved = 22,
    GoalAchieved = 23,
}
