using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class CustomInstrumentTests
{
    // An ORS-like instrument: 4 items 0-10, higher is better, clinical cut-off 25.
    private static readonly InstrumentDefinition Ors = new(
        "ors-local", "Outcome Rating Scale (licensed)", 4, 0, 10,
        [new ScoreBand(25, 40, "non-clinical"), new ScoreBand(0, 24, "clinical")],
        HigherIsWorse: false);

    private static ScoringSettings Tenant(params (string Code, ReliableChangeSettings Settings)[] reliableChange) => new(
        reliableChange.ToDictionary(e => e.Code, e => e.Settings), [Ors]);

    private static Result<QuestionnaireScore> Score(int[] answers, int? baseline = null, ScoringSettings? settings = null) =>
        QuestionnaireScoring.Score("ors-local", answers, null, baseline, settings ?? Tenant());

    [Fact]
    public void The_definition_of_an_ors_like_instrument_is_valid() =>
        Assert.Null(InstrumentDefinitions.Validate(Ors));

    [Theory]
    [InlineData(new[] { 6, 6, 6, 6 }, 24, "clinical")]
    [InlineData(new[] { 10, 5, 5, 5 }, 25, "non-clinical")]
    [InlineData(new[] { 10, 10, 10, 10 }, 40, "non-clinical")]
    public void A_custom_instrument_totals_its_answers_and_bands_from_its_definition(int[] answers, int total, string band)
    {
        var score = Answers.Ok(Score(answers));
        Assert.Equal(total, score.Total);
        Assert.Equal(band, score.Band);
        Assert.Equal("ors-local", score.Instrument);
    }

    [Fact]
    public void A_custom_instrument_has_no_suicide_item_response_or_remission()
    {
        var score = Answers.Ok(Score([0, 0, 0, 1], baseline: 40));
        Assert.False(score.SuicideItemPositive);
        Assert.False(score.Response);
        Assert.False(score.Remission);
    }

    [Fact]
    public void A_custom_instrument_checks_count_and_range_like_the_built_ins()
    {
        Assert.Equal(ErrorCodes.AnswerCount, Answers.Refused(Score([1, 2, 3])).Code);
        var range = Answers.Refused(Score([1, 2, 11, 3]));
        Assert.Equal(ErrorCodes.AnswerRange, range.Code);
        Assert.Equal("answers[2]", range.Field);
        Assert.Contains("0..10", range.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reliable_change_on_a_custom_instrument_needs_a_tenant_setting()
    {
        Assert.Equal(ReliableChange.None, Answers.Ok(Score([10, 10, 10, 10], baseline: 10)).ReliableChange);
        var withSetting = Tenant(("ors-local", new ReliableChangeSettings(5.0, 0.8)));
        // Higher is better on this instrument, so a 30-point rise is an improvement.
        Assert.Equal(ReliableChange.Improved, Answers.Ok(Score([10, 10, 10, 10], baseline: 10, withSetting)).ReliableChange);
        Assert.Equal(ReliableChange.Deteriorated, Answers.Ok(Score([1, 1, 1, 1], baseline: 30, withSetting)).ReliableChange);
    }

    [Fact]
    public void A_broken_stored_definition_is_reported_instead_of_scored()
    {
        var broken = Ors with { Bands = [new ScoreBand(0, 20, "low")] };
        var error = Answers.Refused(QuestionnaireScoring.Score("ors-local", [1, 1, 1, 1], null, null, new ScoringSettings(new Dictionary<string, ReliableChangeSettings>(), [broken])));
        Assert.Equal(ErrorCodes.InstrumentDefinition, error.Code);
    }

    [Fact]
    public void A_tenant_cannot_shadow_a_built_in_instrument()
    {
        var fake = Ors with { Code = Instruments.Phq9 };
        Assert.Equal("code", InstrumentDefinitions.Validate(fake)?.Field);
        var score = Answers.ScorePhq9(12, settings: ScoringSettings.Default with { Instruments = [fake] });
        Assert.Equal(BandLabels.Moderate, score.Band);
    }

    public static TheoryData<InstrumentDefinition, string> BrokenDefinitions() => new()
    {
        { Ors with { Code = "ORS" }, "code" },
        { Ors with { Code = "-ors" }, "code" },
        { Ors with { Code = Instruments.Gad7 }, "code" },
        { Ors with { Name = " " }, "name" },
        { Ors with { ItemCount = 0 }, "itemCount" },
        { Ors with { ItemCount = 101 }, "itemCount" },
        { Ors with { ItemMin = -1 }, "itemMin" },
        { Ors with { ItemMax = 101 }, "itemMax" },
        { Ors with { ItemMin = 10, ItemMax = 10 }, "itemMax" },
        { Ors with { Bands = [] }, "bands" },
        { Ors with { Bands = [new(0, 24, "clinical"), new(25, 40, "")] }, "bands[1].label" },
        { Ors with { Bands = [new(0, 25, "clinical"), new(25, 40, "non-clinical")] }, "bands" },
        { Ors with { Bands = [new(0, 23, "clinical"), new(25, 40, "non-clinical")] }, "bands" },
        { Ors with { Bands = [new(1, 24, "clinical"), new(25, 40, "non-clinical")] }, "bands" },
        { Ors with { Bands = [new(0, 24, "clinical"), new(25, 39, "non-clinical")] }, "bands" },
        { Ors with { Bands = [new(0, 24, "clinical"), new(25, 41, "non-clinical")] }, "bands" },
        { Ors with { Bands = [new(0, 24, "clinical"), new(40, 25, "non-clinical")] }, "bands[1]" },
    };

    [Theory]
    [MemberData(nameof(BrokenDefinitions))]
    public void A_broken_definition_is_refused_naming_the_field(InstrumentDefinition definition, string field)
    {
        var error = InstrumentDefinitions.Validate(definition);
        Assert.Equal(ErrorCodes.InstrumentDefinition, error?.Code);
        Assert.Equal(field, error?.Field);
    }

    [Fact]
    public void A_one_item_instrument_with_one_band_from_0_to_100_is_valid() =>
        Assert.Null(InstrumentDefinitions.Validate(new InstrumentDefinition(
            "vas-mood", "Mood today", 1, 0, 100, [new ScoreBand(0, 100, "any")], HigherIsWorse: false)));
}
