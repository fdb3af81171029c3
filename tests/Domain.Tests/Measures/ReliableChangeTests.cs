using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class ReliableChangeTests
{
    private static ScoringSettings With(string instrument, double sd, double r) => ScoringSettings.Default with
    {
        ReliableChange = new Dictionary<string, ReliableChangeSettings> { [instrument] = new(sd, r) },
    };

    [Fact]
    public void Default_thresholds_are_5_54_points_for_phq9_and_4_for_gad7()
    {
        Assert.Equal(5.54, ReliableChangeRule.Threshold(ReliableChangeDefaults.Phq9));
        Assert.Equal(4.00, ReliableChangeRule.Threshold(ReliableChangeDefaults.Gad7));
    }

    [Theory]
    [InlineData(20, 14, ReliableChange.Improved)]
    [InlineData(20, 15, ReliableChange.None)]
    [InlineData(8, 13, ReliableChange.None)]
    [InlineData(8, 14, ReliableChange.Deteriorated)]
    public void Phq9_needs_a_6_point_change_by_default(int baseline, int total, ReliableChange expected) =>
        Assert.Equal(expected, Answers.ScorePhq9(total, baseline).ReliableChange);

    [Theory]
    [InlineData(15, 11, ReliableChange.Improved)]
    [InlineData(15, 12, ReliableChange.None)]
    [InlineData(5, 8, ReliableChange.None)]
    [InlineData(5, 9, ReliableChange.Deteriorated)]
    public void Gad7_needs_a_4_point_change_by_default(int baseline, int total, ReliableChange expected) =>
        Assert.Equal(expected, Answers.ScoreGad7(total, baseline).ReliableChange);

    [Theory]
    [InlineData(20, 13, ReliableChange.Improved)]
    [InlineData(20, 14, ReliableChange.None)]
    [InlineData(5, 12, ReliableChange.Deteriorated)]
    public void A_threshold_of_exactly_7_counts_a_7_point_change_despite_floating_point(int baseline, int total, ReliableChange expected)
    {
        // 1.96 * (7 / 1.96) * sqrt(2 * 0.5) is 7 on paper and not quite 7 in binary.
        var settings = With(Instruments.Phq9, 7 / 1.96, 0.5);
        Assert.Equal(7.0, ReliableChangeRule.Threshold(settings.ReliableChange[Instruments.Phq9]));
        Assert.Equal(expected, Answers.ScorePhq9(total, baseline, settings).ReliableChange);
    }

    [Theory]
    [InlineData(20, 12, ReliableChange.Improved)]
    [InlineData(20, 13, ReliableChange.None)]
    public void A_tenant_with_a_wider_SD_and_lower_r_needs_a_bigger_change(int baseline, int total, ReliableChange expected)
    {
        // 1.96 * 6 * sqrt(2 * 0.2) = 7.44: the default's 6 and 7 points are no longer enough.
        Assert.Equal(expected, Answers.ScorePhq9(total, baseline, With(Instruments.Phq9, 6.0, 0.8)).ReliableChange);
    }

    [Fact]
    public void An_instrument_without_settings_gets_no_reliable_change_verdict() =>
        Assert.Equal(ReliableChange.None, Answers.ScoreGad7(0, baseline: 21, With(Instruments.Phq9, 5.0, 0.84)).ReliableChange);

    [Fact]
    public void Where_higher_is_better_a_rise_is_an_improvement() =>
        Assert.Equal(ReliableChange.Improved, ReliableChangeRule.Classify(+6, ReliableChangeDefaults.Phq9, higherIsWorse: false));

    [Fact]
    public void Default_settings_are_valid()
    {
        Assert.Null(ReliableChangeRule.Validate(ReliableChangeDefaults.Phq9, "phq-9"));
        Assert.Null(ReliableChangeRule.Validate(ReliableChangeDefaults.Gad7, "gad-7"));
    }

    [Theory]
    [InlineData(0.0, 0.8, "rc.standardDeviation")]
    [InlineData(double.NaN, 0.8, "rc.standardDeviation")]
    [InlineData(5.0, 1.0, "rc.testRetestReliability")]
    [InlineData(5.0, -0.1, "rc.testRetestReliability")]
    public void Settings_without_a_positive_SD_or_with_r_outside_0_to_1_are_refused(double sd, double r, string field)
    {
        var error = ReliableChangeRule.Validate(new ReliableChangeSettings(sd, r), "rc");
        Assert.Equal(ErrorCodes.OutOfRange, error?.Code);
        Assert.Equal(field, error?.Field);
    }
}
