using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Ipt.Cluster.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// Out of the box the gateway does not write a log line for every request or every grain placement
/// (a quarter of a read's CPU, measured), keeps its own information lines and everyone's warnings,
/// and an operator's configuration still decides.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DefaultLogLevelsTests(GatewayFactory factory)
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting.Diagnostics", false)]
    [InlineData("Microsoft.AspNetCore.Routing.EndpointMiddleware", false)]
    [InlineData("Polly", false)]
    [InlineData("Ipt.Cluster.Gateway.Seeding.DemoSeeder", true)]
    [InlineData("Orleans.Runtime.Silo", true)]
    public void The_running_gateway_logs_information_only_from_quiet_categories(string category, bool informationShown)
    {
        var logger = factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);

        Assert.Equal(informationShown, logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void Configuration_from_the_environment_or_command_line_overrides_the_defaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(["--Logging:LogLevel:Microsoft.AspNetCore=Information"]);
        DefaultLogLevels.ApplyTo(configuration);

        var built = configuration.Build();

        Assert.Equal("Information", built["Logging:LogLevel:Microsoft.AspNetCore"]);
        Assert.Equal("Warning", built["Logging:LogLevel:Polly"]);
    }
}
