using Ipt.Bench;

// Usage: dotnet run -c Release --project bench/Ipt.Bench -- store|audit|cases|fhir [--seconds 10] [--writers 64] [--batch 256] [--cases 2000]
return args.FirstOrDefault() switch
{
    "store" => await StoreBench.RunAsync(BenchArgs.Parse(args.Skip(1))),
    "audit" => await AuditBench.RunAsync(BenchArgs.Parse(args.Skip(1))),
    "cases" => await CaseCommandBench.RunAsync(BenchArgs.Parse(args.Skip(1))),
    "fhir" => FhirExportBench.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Ipt.Bench store|audit|cases|fhir [--seconds N] [--writers N] [--batch N] [--cases N]");
    return 2;
}
