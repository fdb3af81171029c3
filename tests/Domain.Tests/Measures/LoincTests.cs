using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class LoincTests
{
    public static TheoryData<string> EveryCodeInTheTable() => new(AllCodes());

    private static List<string> AllCodes()
    {
        var codes = new List<string> { Loinc.Difficulty };
        foreach (var (instrument, items) in new[] { (Instruments.Phq9, 9), (Instruments.Gad7, 7) })
        {
            codes.Add(Loinc.Panel(instrument)!);
            codes.Add(Loinc.Total(instrument)!);
            for (var i = 0; i < items; i++) codes.Add(Loinc.Item(instrument, i)!);
        }
        for (var value = 0; value <= 3; value++) codes.Add(Loinc.Answer(value));
        return codes;
    }

    [Theory]
    [MemberData(nameof(EveryCodeInTheTable))]
    public void Every_code_in_the_table_has_a_valid_check_digit(string code) =>
        Assert.True(LoincCheckDigit.IsValid(code), $"{code} has a wrong check digit");

    [Fact]
    public void The_table_holds_21_distinct_question_codes_and_4_answer_codes() =>
        Assert.Equal(25, AllCodes().Distinct().Count());

    [Theory]
    [InlineData("12345", 5)]
    [InlineData("44249", 1)]
    [InlineData("69689", 8)]
    [InlineData("LA6568", 5)]
    [InlineData("LA6571", 9)]
    public void Check_digit_follows_the_loinc_mod_10_algorithm(string body, int expected) =>
        Assert.Equal(expected, LoincCheckDigit.Compute(body));

    [Theory]
    [InlineData("69689-0")]
    [InlineData("69698-8")]
    [InlineData("44261-5")]
    [InlineData("LA6568-1")]
    [InlineData("44261")]
    [InlineData("44261-")]
    [InlineData("-6")]
    [InlineData("")]
    public void A_mistyped_or_malformed_code_is_not_valid(string code) =>
        Assert.False(LoincCheckDigit.IsValid(code));

    [Fact]
    public void Gad7_items_6_and_7_are_irritability_then_feeling_afraid()
    {
        Assert.Equal("69689-8", Loinc.Item(Instruments.Gad7, 5));
        Assert.Equal("69736-7", Loinc.Item(Instruments.Gad7, 6));
    }

    [Fact]
    public void Phq9_item_9_and_the_difficulty_item_have_their_own_codes()
    {
        Assert.Equal("44260-8", Loinc.Item(Instruments.Phq9, Phq9.SuicideItemIndex));
        Assert.Equal("69722-7", Loinc.Difficulty);
    }

    [Theory]
    [InlineData(Instruments.Phq9, "44249-1", "44261-6", "44250-9")]
    [InlineData(Instruments.Gad7, "69737-5", "70274-6", "69725-0")]
    public void Panel_total_and_first_item_are_pinned(string instrument, string panel, string total, string first)
    {
        Assert.Equal(panel, Loinc.Panel(instrument));
        Assert.Equal(total, Loinc.Total(instrument));
        Assert.Equal(first, Loinc.Item(instrument, 0));
    }

    [Fact]
    public void Answers_0_to_3_map_to_the_shared_frequency_answer_codes() =>
        Assert.Equal(
            new[] { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" },
            Enumerable.Range(0, 4).Select(value => Loinc.Answer(value)));

    [Fact]
    public void A_tenant_defined_instrument_has_no_loinc_code()
    {
        Assert.Null(Loinc.Panel("iip-32-local"));
        Assert.Null(Loinc.Total("iip-32-local"));
        Assert.Null(Loinc.Item("iip-32-local", 0));
    }

    [Fact]
    public void An_item_past_the_end_of_a_built_in_instrument_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Loinc.Item(Instruments.Gad7, 7));
}
