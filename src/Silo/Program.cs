using Ipt.Cluster.Silo.Hosting;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.Extensions.Hosting;

// A stand-alone silo.
//   (default)        Mode=Local: one silo on localhost with the embedded store.
//   --Mode=Cluster   one silo of a cluster: membership, grain state, reminders, cases and audit in
//                    PostgreSQL (Storage:Postgres:ConnectionString), ports from Orleans:SiloPort and
//                    Orleans:GatewayPort.
//   migrate          applies the PostgreSQL schema (idempotent) and exits.
//   tenant-export    --tenant T --out FOLDER: every row of the tenant, one NDJSON file per table.
//   tenant-erase     --tenant T --confirm T: deletes them all (refused while a silo runs).
if (args.FirstOrDefault() == "migrate") return await PostgresMigrateCommand.RunAsync(args[1..]);
if (args.FirstOrDefault() is TenantCommand.Export or TenantCommand.Erase) return await TenantCommand.RunAsync(args[0], args[1..]);

var builder = Host.CreateApplicationBuilder(HostArguments.WithoutConfigReload(args));
DefaultLogLevels.ApplyTo(builder.Configuration);
var cluster = string.Equals(builder.Configuration["Mode"], "Cluster", StringComparison.OrdinalIgnoreCase);
builder.Services.AddIptTelemetry(builder.Configuration, "ipt-silo");
builder.UseOrleans(silo =>
{
    if (cluster) silo.AddIptClusterSilo(builder.Configuration);
    else silo.AddIptLocalSilo(builder.Configuration);
});
await builder.Build().RunAsync();
return 0;

// The silo's entry point stays internal: the dashboard brings in ASP.NET Core, whose generator
// would otherwise make it public and clash with the gateway's Program in test hosts.
internal sealed partial class Program;
