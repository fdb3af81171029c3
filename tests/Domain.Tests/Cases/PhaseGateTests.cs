using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class PhaseGateTests
{
    [Fact]
    public void A_new_case_opens_in_intake_and_moves_to_the_initial_phase()
    {
        var c = CaseBuilder.Opened();
        Assert.Equal(CasePhase.Intake, c.Case.Phase);

        var moved = c.Accept(new MovePhase(CasePhase.Initial, null));

        Assert.Equal(new PhaseChanged(CasePhase.Intake, CasePhase.Initial, null), Assert.Single(moved.Facts()));
        Assert.Equal(CasePhase.Initial, c.Case.Phase);
    }

    [Fact]
    public void The_initial_phase_is_left_only_once_inventory_focus_formulation_acceptance_and_contract_exist_in_that_order()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        var toMiddle = new MovePhase(CasePhase.Middle, null);

        AssertGate(c.Refuse(toMiddle), "inventory");
        c.WithInventory();
        AssertGate(c.Refuse(toMiddle), "problemAreas");
        c.WithFocus();
        AssertGate(c.Refuse(toMiddle), "formulation");
        c.Do(new RecordFormulation(CaseBuilder.Formulation));
        var notAccepted = c.Refuse(toMiddle);
        AssertGate(notAccepted, "formulation");
        Assert.Contains("accepted", notAccepted.Message, StringComparison.Ordinal);
        c.Do(new AcceptFormulation());
        AssertGate(c.Refuse(toMiddle), "contract");
        c.WithContract(12);

        c.Accept(toMiddle);
        Assert.Equal(CasePhase.Middle, c.Case.Phase);
    }

    [Fact]
    public void The_client_cannot_accept_a_formulation_that_was_never_written()
    {
        var error = CaseBuilder.Opened().InInitialPhase().Refuse(new AcceptFormulation());
        Assert.Equal(ErrorCodes.FormulationMissing, error.Code);
    }

    [Fact]
    public void The_middle_phase_moves_on_to_termination()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Accept(new MovePhase(CasePhase.Termination, null));
        Assert.Equal(CasePhase.Termination, c.Case.Phase);
    }

    [Fact]
    public void Termination_ends_the_case_only_after_the_termination_is_recorded()
    {
        var c = CaseBuilder.Opened().InTerminationPhase();
        var close = new MovePhase(CasePhase.Closed, null);

        Assert.Equal(ErrorCodes.TerminationMissing, c.Refuse(close).Code);
        c.Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.End)));
        c.Accept(close);

        Assert.Equal(CasePhase.Closed, c.Case.Phase);
    }

    [Fact]
    public void A_termination_with_a_referral_also_closes_the_case()
    {
        var c = CaseBuilder.Opened().InTerminationPhase()
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.Referral)));
        c.Accept(new MovePhase(CasePhase.Closed, null));
        Assert.Equal(CasePhase.Closed, c.Case.Phase);
    }

    [Fact]
    public void A_case_whose_next_step_is_maintenance_goes_to_maintenance_not_to_closed()
    {
        var c = CaseBuilder.Opened().InTerminationPhase()
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.Maintenance)));

        AssertGate(c.Refuse(new MovePhase(CasePhase.Closed, null)), "to");
        c.Accept(new MovePhase(CasePhase.Maintenance, null));

        Assert.Equal(CasePhase.Maintenance, c.Case.Phase);
        Assert.Equal(4, c.Case.Contract!.MaintenanceIntervalWeeks);
        Assert.Equal(6, c.Case.Contract.MaintenanceSessions);
    }

    [Fact]
    public void A_case_that_ends_after_termination_cannot_go_to_maintenance()
    {
        var c = CaseBuilder.Opened().InTerminationPhase()
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.End)));
        AssertGate(c.Refuse(new MovePhase(CasePhase.Maintenance, null)), "to");
    }

    [Fact]
    public void A_termination_plan_for_maintenance_needs_a_booster_schedule()
    {
        var c = CaseBuilder.Opened().InTerminationPhase();
        var plan = CaseBuilder.TerminationPlan(NextStep.Maintenance) with { BoosterIntervalWeeks = null };

        var error = c.Refuse(new RecordTermination(plan));

        Assert.Equal(ErrorCodes.TerminationPlan, error.Code);
        Assert.Equal("boosterIntervalWeeks", error.Field);
    }

    [Fact]
    public void Maintenance_ends_by_closing_the_case()
    {
        var c = CaseBuilder.Opened().InTerminationPhase()
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.Maintenance)))
            .Do(new MovePhase(CasePhase.Maintenance, null));
        c.Accept(new MovePhase(CasePhase.Closed, null));
        Assert.Equal(CasePhase.Closed, c.Case.Phase);
    }

    public static TheoryData<CasePhase> EarlyPhases => [CasePhase.Intake, CasePhase.Initial, CasePhase.Middle];

    [Theory]
    [MemberData(nameof(EarlyPhases))]
    public void Closing_before_termination_needs_a_reason(CasePhase phase)
    {
        var c = CaseBuilder.Opened();
        if (phase >= CasePhase.Initial) c.InInitialPhase();
        if (phase == CasePhase.Middle) c.WithInventory().WithFocus().WithAcceptedFormulation().WithContract(12).Do(new MovePhase(CasePhase.Middle, null));
        Assert.Equal(phase, c.Case.Phase);

        var error = c.Refuse(new MovePhase(CasePhase.Closed, "  "));
        Assert.Equal(ErrorCodes.Required, error.Code);
        Assert.Equal("reason", error.Field);

        var closed = c.Accept(new MovePhase(CasePhase.Closed, "Client moved abroad"));
        Assert.Contains(new PhaseChanged(phase, CasePhase.Closed, "Client moved abroad"), closed.Facts());
    }

    [Theory]
    [InlineData(CasePhase.Middle)]
    [InlineData(CasePhase.Termination)]
    [InlineData(CasePhase.Maintenance)]
    [InlineData(CasePhase.Intake)]
    public void An_intake_case_cannot_skip_the_initial_phase(CasePhase to)
    {
        var error = CaseBuilder.Opened().Refuse(new MovePhase(to, null));
        Assert.Equal(ErrorCodes.PhaseTransition, error.Code);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void A_case_in_the_middle_phase_cannot_go_back_to_the_initial_phase()
    {
        var error = CaseBuilder.Opened().InMiddlePhase().Refuse(new MovePhase(CasePhase.Initial, null));
        Assert.Equal(ErrorCodes.PhaseTransition, error.Code);
    }

    [Fact]
    public void Termination_is_recorded_only_in_the_termination_phase()
    {
        var error = CaseBuilder.Opened().InMiddlePhase().Refuse(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.End)));
        Assert.Equal(ErrorCodes.PhaseNotAllowed, error.Code);
    }

    private static void AssertGate(DomainError error, string field)
    {
        Assert.Equal(ErrorCodes.PhaseGate, error.Code);
        Assert.Equal(field, error.Field);
    }
}
