namespace Ipt.Bench.Run;

/// <summary>Names of the load phases (and of their SSE windows).</summary>
internal static class Phases
{
    public const string ClosedLoop = "clinic mix, closed loop";
    public const string Commands = "durable commands, closed loop";
    public const string FixedRate = "clinic mix, fixed rate";
    public const string WatchedRate = "commands on watched clinics, fixed rate";
    public const string PeerShape = "peer's load shape";
}
