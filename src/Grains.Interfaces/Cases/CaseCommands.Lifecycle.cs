namespace Ipt.Cluster.Cases;

[GenerateSerializer, Immutable, Alias("ipt.cmd.OpenCase")]
public sealed record OpenCase([property: Id(0)] string ClinicId, [property: Id(1)] string TherapistId,
    [property: Id(2)] string ClientAlias, [property: Id(3)] IptVariant Variant) : CaseCommand;

/// <summary>Moves the case to <see cref="To"/> if the phase gate allows it; closing early needs a reason.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.MovePhase")]
public sealed record MovePhase([property: Id(0)] CasePhase To, [property: Id(1)] string? Reason) : CaseCommand;

/// <summary>Adds a person to the interpersonal inventory, or replaces the entry with the same alias.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.RecordRelationship")]
public sealed record RecordRelationship([property: Id(0)] Relationship Relationship) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.SelectProblemArea")]
public sealed record SelectProblemArea([property: Id(0)] string Code, [property: Id(1)] DisputeStage? DisputeStage,
    [property: Id(2)] string? Note) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.RemoveProblemArea")]
public sealed record RemoveProblemArea([property: Id(0)] string Code, [property: Id(1)] string Reason) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.RecordFormulation")]
public sealed record RecordFormulation([property: Id(0)] string Text) : CaseCommand;

/// <summary>Records that the client accepted the current formulation (the gate out of the initial phase needs it).</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.AcceptFormulation")]
public sealed record AcceptFormulation : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.SetContract")]
public sealed record SetContract([property: Id(0)] int Sessions, [property: Id(1)] int? MaintenanceIntervalWeeks,
    [property: Id(2)] int? MaintenanceSessions) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.RequestExtension")]
public sealed record RequestExtension([property: Id(0)] int Sessions, [property: Id(1)] string Reason) : CaseCommand;

/// <summary>A supervisor approves or declines the pending extension request.</summary>
[GenerateSerializer, Immutable, Alias("ipt.cmd.DecideExtension")]
public sealed record DecideExtension([property: Id(0)] bool Approve, [property: Id(1)] string Note) : CaseCommand;

[GenerateSerializer, Immutable, Alias("ipt.cmd.RecordTermination")]
public sealed record RecordTermination([property: Id(0)] Termination Termination) : CaseCommand;
