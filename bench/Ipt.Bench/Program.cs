using Ipt.Bench;

// Usage: dotnet run -c Release --project bench/Ipt.Bench -- store|audit [--seconds 10] [--writers 64] [--batch 256]
return args.FirstOrDefault() switch
{
    "store" => await StoreBench.RunAsync(BenchArgs.Parse(args.Skip(1))),
    "audit" => await AuditBench.RunAsync(BenchArgs.Parse(args.Skip(1))),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ipt.Bench store|audit [--seconds N] [--writers N] [--batch N]");
    return 2;
}
