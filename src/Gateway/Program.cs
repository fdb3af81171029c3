using Ipt.Cluster.Gateway.Hosting;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Silo.Hosting;

if (TokenCommand.IsInvoked(args)) return TokenCommand.Run(args);

var builder = WebApplication.CreateBuilder(HostArguments.WithoutConfigReload(args));
DefaultLogLevels.ApplyTo(builder.Configuration);
builder.AddIptGateway();
var app = builder.Build();
app.MapIptGateway();
app.Run();
return 0;

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
