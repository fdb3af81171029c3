using Ipt.Cluster.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// A stand-alone silo. Local mode (the default) runs one on localhost with the embedded store;
// cluster mode (PostgreSQL) is configured by the cluster-mode hosting extensions.
var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddIptLocalSilo(builder.Configuration));
await builder.Build().RunAsync();
