using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Tenants;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Tests.Tenants;

public sealed class TenantSettingsTests
{
    private static readonly InstrumentDefinition Ors = new("ors", "Outcome Rating Scale", 4, 0, 10,
        [new ScoreBand(0, 24, "clinical"), new ScoreBand(25, 40, "non-clinical")], HigherIsWorse: false);

    [Fact]
    public void The_default_settings_are_sound() => Assert.Null(TenantRules.CheckSettings(new TenantSettings()));

    [Fact]
    public void Settings_with_overrides_and_a_sound_custom_instrument_are_accepted()
    {
        var settings = new TenantSettings
        {
            Taxonomy = ProblemAreaTaxonomy.ThreeAreas,
            ContractBounds = [new SessionBounds(IptVariant.Standard, 8, 20)],
            ReliableChange = new Dictionary<string, ReliableChangeSettings> { [Instruments.Phq9] = new(5.7, 0.84) },
            NoContactDays = 14,
            PastContract = PastContractPolicy.RecordAndFlag,
            CustomInstruments = [Ors],
        };
        Assert.Null(TenantRules.CheckSettings(settings));
    }

    [Fact]
    public void Missing_settings_are_refused() => Assert.Equal(ErrorCodes.Required, TenantRules.CheckSettings(null)?.Code);

    [Fact]
    public void Contract_bounds_whose_minimum_exceeds_their_maximum_are_refused()
    {
        var error = TenantRules.CheckSettings(new TenantSettings { ContractBounds = [new SessionBounds(IptVariant.Brief, 10, 8)] });
        Assert.Equal((ErrorCodes.OutOfRange, "contractBounds[0].max"), (error?.Code, error?.Field));
    }

    [Fact]
    public void Contract_bounds_of_zero_sessions_are_refused()
    {
        var error = TenantRules.CheckSettings(new TenantSettings
        {
            ContractBounds = [new SessionBounds(IptVariant.Brief, 6, 10), new SessionBounds(IptVariant.Group, 0, 8)],
        });
        Assert.Equal("contractBounds[1].min", error?.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public void No_contact_days_must_be_a_day_to_a_year(int days)
    {
        var error = TenantRules.CheckSettings(new TenantSettings { NoContactDays = days });
        Assert.Equal((ErrorCodes.OutOfRange, "noContactDays"), (error?.Code, error?.Field));
    }

    [Fact]
    public void Assessing_every_zero_sessions_is_refused() =>
        Assert.Equal("assessmentEverySessions", TenantRules.CheckSettings(new TenantSettings { AssessmentEverySessions = 0 })?.Field);

    [Theory]
    [InlineData(0.0, 0.84, "reliableChange.phq-9.standardDeviation")]
    [InlineData(-5.0, 0.84, "reliableChange.phq-9.standardDeviation")]
    [InlineData(5.0, 1.0, "reliableChange.phq-9.testRetestReliability")]
    [InlineData(5.0, -0.1, "reliableChange.phq-9.testRetestReliability")]
    public void Reliable_change_settings_need_a_positive_deviation_and_a_reliability_below_one(double sd, double r, string field)
    {
        var settings = new TenantSettings
        {
            ReliableChange = new Dictionary<string, ReliableChangeSettings> { [Instruments.Phq9] = new(sd, r) },
        };
        var error = TenantRules.CheckSettings(settings);
        Assert.Equal((ErrorCodes.OutOfRange, field), (error?.Code, error?.Field));
    }

    [Fact]
    public void A_custom_instrument_whose_bands_leave_a_gap_is_refused()
    {
        var gap = Ors with { Bands = [new ScoreBand(0, 20, "clinical"), new ScoreBand(25, 40, "non-clinical")] };
        var error = TenantRules.CheckSettings(new TenantSettings { CustomInstruments = [gap] });
        Assert.Equal((ErrorCodes.InstrumentDefinition, "customInstruments[0].bands"), (error?.Code, error?.Field));
    }

    [Fact]
    public void A_custom_instrument_may_not_redefine_the_PHQ9()
    {
        var error = TenantRules.CheckSettings(new TenantSettings { CustomInstruments = [Ors, Ors with { Code = Instruments.Phq9 }] });
        Assert.Equal((ErrorCodes.InstrumentDefinition, "customInstruments[1].code"), (error?.Code, error?.Field));
    }

    [Fact]
    public void A_variant_given_two_sets_of_bounds_is_refused_since_the_first_would_win_unseen()
    {
        var error = TenantRules.CheckSettings(new TenantSettings
        {
            ContractBounds = [new SessionBounds(IptVariant.Brief, 6, 10), new SessionBounds(IptVariant.Standard, 12, 16), new SessionBounds(IptVariant.Brief, 8, 12)],
        });
        Assert.Equal((ErrorCodes.Duplicate, "contractBounds[2].variant"), (error?.Code, error?.Field));
    }

    [Fact]
    public void An_instrument_code_defined_twice_is_refused()
    {
        var error = TenantRules.CheckSettings(new TenantSettings { CustomInstruments = [Ors, Ors with { Name = "Another" }] });
        Assert.Equal((ErrorCodes.Duplicate, "customInstruments[1].code"), (error?.Code, error?.Field));
    }

    [Fact]
    public void An_unknown_taxonomy_is_refused() =>
        Assert.Equal("taxonomy", TenantRules.CheckSettings(new TenantSettings { Taxonomy = (ProblemAreaTaxonomy)7 })?.Field);
}
