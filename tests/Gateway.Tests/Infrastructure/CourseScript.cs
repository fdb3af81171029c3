namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>Request bodies of a typical IPT course, as a client of the API sends them.</summary>
public static class CourseScript
{
    public static readonly DateOnly Start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-120);

    public static object Session(int number, string attendance = "attended") => new
    {
        number,
        date = Start.AddDays(7 * number),
        attendance,
        techniques = new[] { "communicationAnalysis", "rolePlay" },
        note = "worked on the dispute",
    };

    /// <summary>PHQ-9 answers adding up to <paramref name="total"/>, item 9 at <paramref name="item9"/>.</summary>
    public static object Phq9(int total, int item9 = 0)
    {
        var answers = new int[9];
        answers[8] = item9;
        var left = total - item9;
        for (var i = 0; i < 8 && left > 0; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i];
        }
        return new { instrument = "phq-9", answers };
    }

    public static object Partner() => new
    {
        personAlias = "partner-j", relationshipType = "partner", closeness = "inner", support = 2, conflict = 4,
        expectations = "expects more help at home", whatChanged = "arguments since the move", confiding = false,
    };

    /// <summary>Opens nothing: carries an opened case through the initial phase to an agreed 12-session contract.</summary>
    public static async Task ThroughInitialPhase(HttpClient therapist, string caseId)
    {
        var c = $"/api/cases/{caseId}";
        await therapist.Post($"{c}/questionnaires", Phq9(16)).Ok();
        await therapist.Post($"{c}/phase", new { to = "initial" }).Ok();
        await therapist.Post($"{c}/sessions", Session(1)).Ok();
        await therapist.Post($"{c}/inventory", Partner()).Ok();
        await therapist.Post($"{c}/problem-areas", new { code = "role-dispute", disputeStage = "renegotiation", note = "with partner" }).Ok();
        await therapist.Put($"{c}/formulation", new { text = "Depression began with the dispute over roles after the move." }).Ok();
        await therapist.PostAsync($"{c}/formulation/acceptance", null).Ok();
        await therapist.Put($"{c}/contract", new { sessions = 12 }).Ok();
    }
}
