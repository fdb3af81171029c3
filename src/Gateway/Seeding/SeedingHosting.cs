using Ipt.Cluster.Gateway.Hosting;

namespace Ipt.Cluster.Gateway.Seeding;

public static class SeedingHosting
{
    public const string EnabledKey = "Seeding:Demo";

    /// <summary>Local mode seeds the demo tenant once, unless <c>Seeding:Demo</c> is false.</summary>
    public static WebApplicationBuilder AddDemoSeeding(this WebApplicationBuilder builder)
    {
        if (GatewaySettings.Mode(builder.Configuration) == GatewayMode.Local && builder.Configuration.GetValue(EnabledKey, true))
            builder.Services.AddHostedService<DemoSeeder>();
        return builder;
    }
}
