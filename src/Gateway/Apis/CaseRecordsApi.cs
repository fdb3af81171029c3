using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Identity;
using Ipt.Cluster.Measures;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>What the client contributes: questionnaires (item answers in, the score out) and journal entries.</summary>
public static class CaseRecordsApi
{
    public static IEndpointRouteBuilder MapCaseRecordsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{caseId}").WithTags("Measures and journal");
        api.MapPost("/questionnaires", SubmitQuestionnaire).WithName("SubmitQuestionnaire")
            .WithSummary("Submit a questionnaire's item answers; the case scores them").RequireAuthorization(Policies.MeasureWriter);
        api.MapPost("/journal", (string caseId, JournalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AddJournalEntry(r.Text)))
            .WithName("AddJournalEntry").WithSummary("Add a journal entry (the client)").RequireAuthorization(Policies.Client);
        return app;
    }

    /// <summary>The scored questionnaire, with the case version and every event it caused (flags, milestones).</summary>
    public sealed record QuestionnaireResponse(string CaseId, long Version, QuestionnaireScore Score, IReadOnlyList<EventView> Events);

    public static async Task<Results<Ok<QuestionnaireResponse>, ProblemHttpResult>> SubmitQuestionnaire(
        string caseId, QuestionnaireRequest r, HttpContext http, CaseCommandRunner run)
    {
        var answer = await run.RunAsync(http, caseId, new SubmitQuestionnaire(r.Instrument, r.Answers, r.Difficulty, r.SessionNumber));
        if (answer.Result is not Ok<CommandResponse> { Value: { } ok }) return (ProblemHttpResult)answer.Result;
        var score = ok.Events.Select(e => e.Data).OfType<QuestionnaireScored>().First().Score;
        return TypedResults.Ok(new QuestionnaireResponse(ok.CaseId, ok.Version, score, ok.Events));
    }
}
