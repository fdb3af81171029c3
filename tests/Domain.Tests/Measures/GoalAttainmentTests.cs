using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Tests.Measures;

public sealed class GoalAttainmentTests
{
    [Fact]
    public void Three_equal_goals_at_plus_1_plus_1_and_0_give_59_13() =>
        Assert.Equal(59.13, GoalAttainment.TScore([(1, 1), (1, 1), (1, 0)]));

    [Fact]
    public void One_goal_at_plus_2_gives_70() =>
        Assert.Equal(70.0, GoalAttainment.TScore([(1, 2)]));

    [Fact]
    public void One_goal_at_minus_2_gives_30() =>
        Assert.Equal(30.0, GoalAttainment.TScore([(1, -2)]));

    [Fact]
    public void Every_goal_at_the_expected_outcome_gives_50() =>
        Assert.Equal(50.0, GoalAttainment.TScore([(1, 0), (2, 0), (3, 0)]));

    [Fact]
    public void No_goals_give_no_score() =>
        Assert.Null(GoalAttainment.TScore([]));

    [Fact]
    public void A_heavier_goal_counts_for_more()
    {
        var heavyAchieved = GoalAttainment.TScore([(3, 1), (1, -1)]);
        var lightAchieved = GoalAttainment.TScore([(1, 1), (3, -1)]);
        Assert.True(heavyAchieved > 50 && lightAchieved < 50, $"{heavyAchieved} / {lightAchieved}");
    }

    [Fact]
    public void Scaling_all_weights_together_does_not_change_the_score() =>
        Assert.Equal(GoalAttainment.TScore([(1, 1), (1, 1), (1, 0)]), GoalAttainment.TScore([(2.5, 1), (2.5, 1), (2.5, 0)]));

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    [InlineData(2)]
    public void Levels_from_minus_2_to_plus_2_are_accepted(int level) =>
        Assert.Null(GoalAttainment.ValidateLevel(level, "goals[0].level"));

    [Theory]
    [InlineData(-3)]
    [InlineData(3)]
    public void A_level_outside_minus_2_to_plus_2_is_refused_naming_the_field(int level)
    {
        var error = GoalAttainment.ValidateLevel(level, "goals[0].level");
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.GasLevel, error.Code);
        Assert.Equal("goals[0].level", error.Field);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_weight_that_is_not_above_0_is_refused(double weight)
    {
        Assert.Equal(ErrorCodes.OutOfRange, GoalAttainment.ValidateWeight(weight, "goals[1].weight")?.Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([(weight, 1)]));
    }

    [Fact]
    public void A_positive_weight_is_accepted() =>
        Assert.Null(GoalAttainment.ValidateWeight(0.5, "goals[1].weight"));

    [Fact]
    public void Scoring_a_level_outside_the_scale_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoalAttainment.TScore([(1, 3)]));
}
