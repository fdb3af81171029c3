using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Tests;

public sealed class ResultTests
{
    [Fact]
    public void An_ok_result_carries_its_value_and_no_error()
    {
        var result = Result<int>.Ok(7);
        Assert.True(result.IsOk);
        Assert.Equal(7, result.Value);
        Assert.Null(result.Error);
    }

    [Fact]
    public void A_failed_result_carries_the_error_that_refused_the_input()
    {
        var error = DomainError.Invalid(ErrorCodes.Required, "name", "A name is required.");
        Result<string> result = error;
        Assert.False(result.IsOk);
        Assert.Same(error, result.Error);
        Assert.Null(result.Value);
    }
}
