using System.Globalization;

namespace Ipt.Bench;

internal sealed record BenchArgs(int Seconds, int Writers, int Batch, int Cases)
{
    public static BenchArgs Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal) { ["--seconds"] = 10, ["--writers"] = 64, ["--batch"] = 256, ["--cases"] = 2000 };
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!values.ContainsKey(name) || !e.MoveNext()) throw new ArgumentException($"Unknown or incomplete option '{name}'.");
            values[name] = int.Parse(e.Current, CultureInfo.InvariantCulture);
        }

        return new BenchArgs(values["--seconds"], values["--writers"], values["--batch"], values["--cases"]);
    }
}
