namespace Ipt.Bench.Run.Load;

/// <summary>What a load phase sends: the kinds, which one next, and the request for it.</summary>
internal interface IRequestMix
{
    IEnumerable<string> Kinds { get; }

    bool IsCommand(string kind);

    string NextKind(Random random);

    HttpRequestMessage Build(string kind, Random random);
}
