using Ipt.Cluster.Cases;
using Ipt.Cluster.Live;

namespace Ipt.Cluster.Grains.Tests.Contracts;

internal static partial class ContractSamples
{
    public static readonly CaseloadRow Row = new("case-1", "Client A", "ana", CasePhase.Middle, ["role-dispute"], 5, 12, 11, [18, 14, 11],
        1, 2, 1, 3, [CaseFlag.SuicideRisk, CaseFlag.MilestoneAchieved], At, 42);

    public static readonly CaseloadCounts Counts = new(1,
        new Dictionary<CasePhase, int> { [CasePhase.Middle] = 1 },
        new Dictionary<string, int> { ["role-dispute"] = 1 },
        new Dictionary<CaseFlag, int> { [CaseFlag.SuicideRisk] = 1 });

    public static readonly TickerItem Ticker = new("case-1", 42, At, "score-submitted", "PHQ-9 submitted: 11");

    public static IReadOnlyList<object> Live =>
    [
        Row, Counts, Ticker,
        new CaseEventsCommitted("case-1", [Recorded], At, Row),
        new CaseEventBatches([new CaseEventsCommitted("case-1", [Recorded], At, Row)]),
        new CaseScope("case-1", "clinic-1", "ana", 7),
        new CaseReach(null, "ana", null),
        new CaseloadDelta("clinic-1", 1_772_440_200_000_001, At, [Row], ["case-2"], Counts, [Ticker]),
        new CaseloadSnapshot("clinic-1", 1_772_440_200_000_001, At, [Row], Counts, [Ticker]),
    ];
}
