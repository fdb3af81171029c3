using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class MeasureSummaryTests
{
    [Fact]
    public void The_summary_kept_measure_by_measure_says_what_all_the_measures_say()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        void Gad7(params int[] answers) => c.Accept(new SubmitQuestionnaire(Instruments.Gad7, answers, null, null));
        var steps = new Action[]
        {
            () => Gad7(1, 1, 1, 1, 1, 0, 0), () => c.Phq9(8), () => Gad7(2, 2, 1, 1, 1, 1, 1), () => c.Phq9(14),
            () => c.Phq9(9), () => Gad7(1, 1, 1, 1, 1, 1, 0), () => c.Phq9(15, item9: 1), () => Gad7(3, 3, 2, 2, 2, 1, 1),
        };

        foreach (var step in steps)
        {
            step();
            var measures = c.Case.Measures;
            var summary = c.Case.MeasureSummary!;
            Assert.Equal(measures.LastOrDefault(m => m.Score.Instrument == Instruments.Phq9), summary.LatestPhq9);
            Assert.Equal(measures.Count(m => m.Score.Instrument == Instruments.Phq9), summary.Phq9Count);
            var deteriorated = measures.GroupBy(m => m.Score.Instrument)
                .Where(g => g.Last().Score.ReliableChange == ReliableChange.Deteriorated).Select(g => g.Key).Order();
            Assert.Equal(deteriorated, summary.DeterioratedInstruments.Order());
        }
        Assert.Equal(new[] { Instruments.Gad7, Instruments.Phq9 }, c.Case.MeasureSummary!.DeterioratedInstruments.Order());
    }

    [Fact]
    public void A_case_from_a_snapshot_written_before_the_summary_was_kept_gets_the_same_flags_and_summary()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        c.Phq9(8);
        c.Phq9(14);
        var kept = c.Case;
        var older = kept with { MeasureSummary = null };

        Assert.Contains(CaseFlag.ReliableDeterioration, kept.Flags);
        Assert.Equal(CaseFlags.Derive(kept, c.Now, c.Policy), CaseFlags.Derive(older, c.Now, c.Policy));
        var restored = CaseEvolution.Replay(older, [], older.CaseId)!.MeasureSummary!;
        Assert.Equal((kept.MeasureSummary!.LatestPhq9, kept.MeasureSummary.Phq9Count), (restored.LatestPhq9, restored.Phq9Count));
        Assert.Equal(kept.MeasureSummary.DeterioratedInstruments.ToArray(), restored.DeterioratedInstruments.ToArray());
    }
}
