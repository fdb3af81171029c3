using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Grains.Tests.Infrastructure;

/// <summary>The commands of a typical IPT course, to carry a test case along quickly.</summary>
public static class CaseScript
{
    public static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120);

    public static OpenCase Open() => new(TestTenant.Clinic, TestTenant.Therapist, "Client A", IptVariant.Standard);

    public static RecordRelationship Partner() => new(new Relationship("partner-j", "partner", Closeness.Inner, 2, 4,
        "expects more help at home", "arguments since the move", Confiding: false));

    public static SubmitQuestionnaire Phq9(params int[] answers) => new(Instruments.Phq9, answers, null, null);

    /// <summary>PHQ-9 answers adding up to <paramref name="total"/> with item 9 at <paramref name="item9"/>.</summary>
    public static SubmitQuestionnaire Phq9Total(int total, int item9 = 0)
    {
        var answers = new int[9];
        answers[8] = item9;
        var left = total - item9;
        for (var i = 0; i < 8 && left > 0; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i];
        }
        return Phq9(answers);
    }

    public static LogSession Session(int number, Attendance attendance = Attendance.Attended) =>
        new(number, Start.AddDays(7 * number), attendance, [Technique.CommunicationAnalysis, Technique.RolePlay], "worked on the dispute");

    /// <summary>Opens a case and completes the initial phase: inventory, focus, accepted formulation, contract.</summary>
    public static async Task OpenThroughInitialPhase(TestTenant tenant, string caseId, int contract = 12)
    {
        await tenant.Do(caseId, Open());
        await tenant.Do(caseId, Phq9Total(16));
        await tenant.Do(caseId, new MovePhase(CasePhase.Initial, null));
        await tenant.Do(caseId, Session(1));
        await tenant.Do(caseId, Partner());
        await tenant.Do(caseId, new SelectProblemArea("role-dispute", DisputeStage.Renegotiation, "with partner"));
        await tenant.Do(caseId, new RecordFormulation("Depression began with the dispute over roles after the move."));
        await tenant.Do(caseId, new AcceptFormulation());
        await tenant.Do(caseId, new SetContract(contract, null, null));
    }
}
