using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class ContractTests
{
    [Theory]
    [InlineData(IptVariant.Standard, 12, 16)]
    [InlineData(IptVariant.Adolescent, 12, 12)]
    [InlineData(IptVariant.LateLife, 16, 16)]
    [InlineData(IptVariant.Brief, 8, 8)]
    [InlineData(IptVariant.Group, 8, 8)]
    public void Each_IPT_variant_has_its_default_contract_length(IptVariant variant, int min, int max)
    {
        var c = CaseBuilder.Opened(variant).InInitialPhase();

        foreach (var outside in new[] { min - 1, max + 1 })
        {
            var error = c.Refuse(new SetContract(outside, null, null));
            Assert.Equal(ErrorCodes.ContractBounds, error.Code);
            Assert.Equal("sessions", error.Field);
        }
        c.Accept(new SetContract(min, null, null));
        c.Accept(new SetContract(max, null, null));
        Assert.Equal(max, c.Case.Contract!.Sessions);
    }

    [Fact]
    public void A_tenant_may_set_its_own_bounds_for_a_variant_and_keep_the_defaults_for_the_others()
    {
        var settings = new TenantSettings { ContractBounds = [new SessionBounds(IptVariant.Standard, 8, 20)] };

        var standard = CaseBuilder.Opened(IptVariant.Standard, settings).InInitialPhase();
        standard.Accept(new SetContract(8, null, null));
        standard.Accept(new SetContract(20, null, null));
        Assert.Equal(ErrorCodes.ContractBounds, standard.Refuse(new SetContract(21, null, null)).Code);

        var brief = CaseBuilder.Opened(IptVariant.Brief, settings).InInitialPhase();
        Assert.Equal(ErrorCodes.ContractBounds, brief.Refuse(new SetContract(12, null, null)).Code);
    }

    [Fact]
    public void A_contract_cannot_be_shortened_below_the_sessions_already_attended()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 16).Sessions(13);

        var error = c.Refuse(new SetContract(12, null, null));

        Assert.Equal(ErrorCodes.ContractBelowSessions, error.Code);
        Assert.Contains("13", error.Message, StringComparison.Ordinal);
        c.Accept(new SetContract(14, null, null));
    }

    [Fact]
    public void An_extension_is_requested_by_the_therapist_and_approved_only_by_a_supervisor()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 12);
        c.Accept(new RequestExtension(4, "A second loss reopened the grief work"));
        Assert.Equal(new ExtensionRequest(4, "A second loss reopened the grief work", "ana"), c.Case.PendingExtension);

        var forbidden = c.Refuse(new DecideExtension(true, "approving my own request"), CaseBuilder.Therapist);
        Assert.Equal(ErrorKind.Forbidden, forbidden.Kind);
        Assert.Equal(ErrorCodes.RoleRequired, forbidden.Code);

        var approved = c.Accept(new DecideExtension(true, "Agreed in supervision"), CaseBuilder.Supervisor);

        Assert.Equal(new ExtensionDecided(true, 4, "Agreed in supervision"), approved.Facts()[0]);
        Assert.Equal(CaseBuilder.Supervisor, approved.Events[0].By);
        Assert.Null(c.Case.PendingExtension);
        Assert.Equal(12, c.Case.Contract!.Sessions);
        Assert.Equal(16, c.Case.Contract.TotalSessions);
    }

    [Fact]
    public void A_declined_extension_adds_no_sessions()
    {
        var c = CaseBuilder.Opened().InMiddlePhase(contract: 12).Do(new RequestExtension(4, "slow progress"));
        c.Accept(new DecideExtension(false, "Move to termination as planned"), CaseBuilder.Supervisor);
        Assert.Equal(12, c.Case.Contract!.TotalSessions);
        Assert.Null(c.Case.PendingExtension);
    }

    [Fact]
    public void Only_one_extension_request_waits_at_a_time_and_a_decision_needs_a_request()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        Assert.Equal(ErrorCodes.ExtensionNotRequested, c.Refuse(new DecideExtension(true, ""), CaseBuilder.Supervisor).Code);
        c.Do(new RequestExtension(2, "slow progress"));
        Assert.Equal(ErrorCodes.ExtensionPending, c.Refuse(new RequestExtension(2, "again")).Code);
    }

    [Fact]
    public void An_extension_needs_a_contract_to_extend()
    {
        var error = CaseBuilder.Opened().InInitialPhase().Refuse(new RequestExtension(2, "more time"));
        Assert.Equal("contract", error.Field);
    }

    [Fact]
    public void By_default_an_attended_session_past_the_contract_is_refused_until_an_extension_is_approved()
    {
        var c = CaseBuilder.Opened(IptVariant.Brief).InMiddlePhase(contract: 8).Sessions(8);

        var error = c.Refuse(new LogSession(null, c.Today, Attendance.Attended, [], null));
        Assert.Equal(ErrorCodes.PastContract, error.Code);

        c.Do(new RequestExtension(2, "needs two more sessions")).Do(new DecideExtension(true, "ok"), CaseBuilder.Supervisor);
        c.Session();
        Assert.Equal(9, c.Case.Sessions.Count);
    }

    [Fact]
    public void A_tenant_that_records_and_flags_keeps_the_session_and_flags_the_case_for_the_supervisor()
    {
        var settings = new TenantSettings { PastContract = PastContractPolicy.RecordAndFlag };
        var c = CaseBuilder.Opened(IptVariant.Brief, settings).InMiddlePhase(contract: 8).Sessions(8);

        var ninth = c.Session();

        Assert.Equal(9, c.Case.Sessions[^1].Number);
        Assert.Contains(new FlagRaised(CaseFlag.PastContractWithoutExtension), ninth.Facts());
        Assert.Contains(CaseFlag.PastContractWithoutExtension, c.Case.Flags);

        c.Do(new RequestExtension(2, "needs two more sessions"));
        var approved = c.Accept(new DecideExtension(true, "ok"), CaseBuilder.Supervisor);
        Assert.Contains(new FlagCleared(CaseFlag.PastContractWithoutExtension), approved.Facts());
    }

    [Fact]
    public void A_contract_is_agreed_before_termination()
    {
        var error = CaseBuilder.Opened().InTerminationPhase().Refuse(new SetContract(14, null, null));
        Assert.Equal(ErrorCodes.PhaseNotAllowed, error.Code);
    }
}
