namespace Ipt.Cluster.Gateway.Seeding;

public sealed class DemoSeeder : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
