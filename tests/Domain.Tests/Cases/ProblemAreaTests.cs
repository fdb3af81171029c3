using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class ProblemAreaTests
{
    private static readonly TenantSettings ThreeAreas = new() { Taxonomy = ProblemAreaTaxonomy.ThreeAreas };

    [Theory]
    [InlineData("grief")]
    [InlineData("role-transition")]
    [InlineData("interpersonal-deficits")]
    public void The_default_taxonomy_offers_the_four_ISIPT_areas(string code)
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        c.Accept(new SelectProblemArea(code, null, "focus agreed in session 2"));
        Assert.Equal(new ProblemArea(code, null, "focus agreed in session 2"), Assert.Single(c.Case.ProblemAreas));
    }

    [Theory]
    [InlineData("grief-loss")]
    [InlineData("transitions")]
    [InlineData("sensitivity")]
    public void The_default_taxonomy_refuses_areas_it_does_not_teach(string code)
    {
        var error = CaseBuilder.Opened().InInitialPhase().Refuse(new SelectProblemArea(code, null, null));
        Assert.Equal(ErrorCodes.ProblemAreaUnknown, error.Code);
        Assert.Equal("code", error.Field);
    }

    [Theory]
    [InlineData("grief-loss")]
    [InlineData("transitions")]
    public void A_tenant_on_the_three_area_taxonomy_uses_the_IPT_Institute_areas(string code)
    {
        var c = CaseBuilder.Opened(settings: ThreeAreas).InInitialPhase();
        c.Accept(new SelectProblemArea(code, null, null));
        Assert.Equal(code, Assert.Single(c.Case.ProblemAreas).Code);
        Assert.Equal(["grief-loss", "disputes", "transitions"], c.Policy.ProblemAreas);
    }

    [Theory]
    [InlineData("grief")]
    [InlineData("role-dispute")]
    [InlineData("interpersonal-deficits")]
    public void A_tenant_on_the_three_area_taxonomy_refuses_the_four_area_codes(string code)
    {
        var error = CaseBuilder.Opened(settings: ThreeAreas).InInitialPhase()
            .Refuse(new SelectProblemArea(code, DisputeStage.Impasse, null));
        Assert.Equal(ErrorCodes.ProblemAreaUnknown, error.Code);
    }

    [Fact]
    public void A_role_dispute_needs_its_stage()
    {
        var c = CaseBuilder.Opened().InInitialPhase();

        var error = c.Refuse(new SelectProblemArea(ProblemAreaTaxonomies.RoleDispute, null, null));
        Assert.Equal(ErrorCodes.RoleDisputeStage, error.Code);
        Assert.Equal("disputeStage", error.Field);

        c.Accept(new SelectProblemArea(ProblemAreaTaxonomies.RoleDispute, DisputeStage.Impasse, null));
        Assert.Equal(DisputeStage.Impasse, Assert.Single(c.Case.ProblemAreas).DisputeStage);
    }

    [Fact]
    public void A_dispute_in_the_three_area_taxonomy_also_needs_its_stage()
    {
        var c = CaseBuilder.Opened(settings: ThreeAreas).InInitialPhase();
        Assert.Equal(ErrorCodes.RoleDisputeStage, c.Refuse(new SelectProblemArea("disputes", null, null)).Code);
        c.Accept(new SelectProblemArea("disputes", DisputeStage.Renegotiation, null));
    }

    [Theory]
    [InlineData("grief")]
    [InlineData("role-transition")]
    [InlineData("interpersonal-deficits")]
    public void An_area_that_is_not_a_dispute_takes_no_stage(string code)
    {
        var error = CaseBuilder.Opened().InInitialPhase().Refuse(new SelectProblemArea(code, DisputeStage.Dissolution, null));
        Assert.Equal(ErrorCodes.RoleDisputeStage, error.Code);
    }

    [Fact]
    public void The_focus_is_one_problem_area_at_most_two()
    {
        var c = CaseBuilder.Opened().InInitialPhase()
            .WithFocus(ProblemAreaTaxonomies.Grief)
            .WithFocus(ProblemAreaTaxonomies.RoleTransition);

        var error = c.Refuse(new SelectProblemArea(ProblemAreaTaxonomies.InterpersonalDeficits, null, null));

        Assert.Equal(ErrorCodes.ProblemAreaLimit, error.Code);
        Assert.Equal(2, c.Case.ProblemAreas.Count);
    }

    [Fact]
    public void The_same_area_cannot_be_selected_twice()
    {
        var c = CaseBuilder.Opened().InInitialPhase().WithFocus(ProblemAreaTaxonomies.Grief);
        var error = c.Refuse(new SelectProblemArea(ProblemAreaTaxonomies.Grief, null, null));
        Assert.Equal(ErrorCodes.ProblemAreaDuplicate, error.Code);
    }

    [Fact]
    public void A_removed_area_frees_its_place_for_another()
    {
        var c = CaseBuilder.Opened().InInitialPhase().WithFocus(ProblemAreaTaxonomies.Grief).WithFocus(ProblemAreaTaxonomies.RoleTransition);
        c.Do(new RemoveProblemArea(ProblemAreaTaxonomies.Grief, "the loss is not what troubles her now"));
        c.Accept(new SelectProblemArea(ProblemAreaTaxonomies.InterpersonalDeficits, null, null));
        Assert.Equal(["role-transition", "interpersonal-deficits"], c.Case.ProblemAreas.Select(a => a.Code));
    }

    [Fact]
    public void The_middle_phase_keeps_at_least_one_focus()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var error = c.Refuse(new RemoveProblemArea(ProblemAreaTaxonomies.Grief, "changed my mind"));
        Assert.Equal(ErrorCodes.PhaseGate, error.Code);
    }
}
