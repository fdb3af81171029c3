using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

/// <summary>
/// Carries one case through <see cref="CaseEngine.Handle"/> the way the grain does: every accepted
/// decision's state is where the next command starts, and its events join the case's history.
/// The clock only moves when a test moves it; each logged session is a week after the last.
/// </summary>
internal sealed class CaseBuilder(TenantSettings? settings = null)
{
    public const string CaseId = "case-1";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Therapist = new("ana", Roles.Therapist);
    public static readonly Actor Supervisor = new("ben", Roles.Supervisor);
    public static readonly Actor Client = new("client-1", Roles.Client);

    public CasePolicy Policy { get; } = settings is null ? CasePolicy.Default : new CasePolicy(settings);

    public CaseState? State { get; private set; }

    /// <summary>The current state of a case that is open.</summary>
    public CaseState Case => State ?? throw new InvalidOperationException("The case is not open.");

    public List<RecordedEvent> History { get; } = [];

    public DateTimeOffset Now { get; private set; } = Start;

    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static CaseBuilder Opened(IptVariant variant = IptVariant.Standard, TenantSettings? settings = null) =>
        new CaseBuilder(settings).Do(new OpenCase("clinic-1", Therapist.UserId, "Client A", variant));

    public CaseContext Context(Actor? by = null) => new(CaseId, by ?? Therapist, Now, Policy);

    /// <summary>Sends a command and keeps its outcome if it was accepted.</summary>
    public CaseDecision Send(CaseCommand command, Actor? by = null, string? key = null)
    {
        var decision = CaseEngine.Handle(State, command, key, Context(by));
        if (decision.Error is null && decision.NewState is not null)
        {
            State = decision.NewState;
            History.AddRange(decision.Events);
        }
        return decision;
    }

    public CaseDecision Accept(CaseCommand command, Actor? by = null, string? key = null)
    {
        var decision = Send(command, by, key);
        Assert.True(decision.Error is null, $"{command.GetType().Name} was refused: {decision.Error?.Code} {decision.Error?.Message}");
        return decision;
    }

    public CaseBuilder Do(CaseCommand command, Actor? by = null)
    {
        Accept(command, by);
        return this;
    }

    /// <summary>Sends a command that must be refused, and checks that nothing changed.</summary>
    public DomainError Refuse(CaseCommand command, Actor? by = null, string? key = null)
    {
        var before = State;
        var decision = Send(command, by, key);
        Assert.True(decision.Error is not null, $"{command.GetType().Name} was accepted");
        Assert.Empty(decision.Events);
        Assert.Null(decision.NewState);
        Assert.Same(before, State);
        return decision.Error;
    }

    public CaseBuilder AfterDays(double days)
    {
        Now = Now.AddDays(days);
        return this;
    }

    public CaseDecision ReviewFlags() => Accept(new ReviewFlags(), Actor.System);

    public CaseBuilder InInitialPhase() => Do(new MovePhase(CasePhase.Initial, null));

    public CaseBuilder WithInventory() => Do(new RecordRelationship(Partner));

    public CaseBuilder WithFocus(string code = ProblemAreaTaxonomies.Grief, DisputeStage? stage = null) =>
        Do(new SelectProblemArea(code, stage, null));

    public CaseBuilder WithAcceptedFormulation() =>
        Do(new RecordFormulation(Formulation)).Do(new AcceptFormulation());

    public CaseBuilder WithContract(int sessions) => Do(new SetContract(sessions, null, null));

    /// <summary>Completes the initial phase's gate and moves the case into the middle phase.</summary>
    public CaseBuilder InMiddlePhase(int contract = 12) => InInitialPhase().WithInventory().WithFocus()
        .WithAcceptedFormulation().WithContract(contract).Do(new MovePhase(CasePhase.Middle, null));

    public CaseBuilder InTerminationPhase(int contract = 12) => InMiddlePhase(contract).Do(new MovePhase(CasePhase.Termination, null));

    /// <summary>Logs the next session, a week after the last one.</summary>
    public CaseDecision Session(Attendance attendance = Attendance.Attended, params Technique[] techniques)
    {
        AfterDays(7);
        return Accept(new LogSession(null, Today, attendance, techniques, null));
    }

    public CaseBuilder Sessions(int count, Attendance attendance = Attendance.Attended)
    {
        for (var i = 0; i < count; i++) Session(attendance);
        return this;
    }

    public CaseDecision Phq9(int total, int item9 = 0) =>
        Accept(new SubmitQuestionnaire(Instruments.Phq9, Phq9Answers(total, item9), null, null));

    /// <summary>A PHQ-9 answer sheet with the given total; item 9 (thoughts of self-harm) is answered <paramref name="item9"/>.</summary>
    public static int[] Phq9Answers(int total, int item9 = 0)
    {
        var answers = new int[9];
        answers[8] = item9;
        var rest = total - item9;
        for (var i = 0; i < 8 && rest > 0; i++)
        {
            answers[i] = Math.Min(3, rest);
            rest -= answers[i];
        }
        return rest == 0 ? answers : throw new ArgumentOutOfRangeException(nameof(total));
    }

    public static readonly Relationship Partner = new("partner-j", "partner", Closeness.Inner, 2, 4,
        "Expects her to take on the household alone", "Argues more since the move", Confiding: false);

    public const string Formulation =
        "Depression began with the move and the growing dispute with the partner over roles at home.";

    public static Termination TerminationPlan(NextStep next) => new(
        "PHQ-9 fell from 18 to 6; arguments at home resolve by talking",
        ["withdrawing from friends", "sleeping badly for a week"],
        "Call the clinic and use the communication analysis worksheet",
        next,
        next == NextStep.Maintenance ? 4 : null,
        next == NextStep.Maintenance ? 6 : null,
        next == NextStep.Referral ? "community psychiatry" : null);
}

/// <summary>Reading what a decision did.</summary>
internal static class DecisionFacts
{
    /// <summary>The events of the decision, without their envelope.</summary>
    public static IReadOnlyList<CaseEvent> Facts(this CaseDecision decision) => [.. decision.Events.Select(e => e.Event)];
}
