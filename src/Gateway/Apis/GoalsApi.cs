using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>Goals (from a template or custom; agreed, rated on GAS, revised with a reason) and their milestones.</summary>
public static class GoalsApi
{
    private static readonly string[] Tags = ["Goals and milestones"];

    public static IEndpointRouteBuilder MapGoalsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/cases/{caseId}").WithTags(Tags);
        read.MapGet("/goals", GetGoals).WithName("GetGoals").WithSummary("Goals, milestones and the GAS T-score (the client may read its own)")
            .RequireAuthorization(Policies.CaseReader);

        var api = app.MapGroup("/api/cases/{caseId}").WithTags(Tags).RequireAuthorization(Policies.CaseWriter);
        api.MapPost("/goals", (string caseId, ProposeGoalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new ProposeGoal(r.TemplateId, r.Title, r.ProblemArea, r.Context, r.Weight, r.Scale)))
            .WithName("ProposeGoal").WithSummary("Propose a goal from a template or a custom one");
        api.MapPost("/goals/{goalId}/agreement", (string caseId, string goalId, AgreeGoalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AgreeGoal(goalId, r.TherapistAgrees, r.ClientAgrees)))
            .WithName("AgreeGoal").WithSummary("Record that therapist and client agree on a goal");
        api.MapPost("/goals/{goalId}/rating", (string caseId, string goalId, RateGoalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RateGoal(goalId, r.Level, r.Note)))
            .WithName("RateGoal").WithSummary("Rate a goal on its Goal Attainment Scale (-2..+2)");
        api.MapPost("/goals/{goalId}/achievement", (string caseId, string goalId, AchieveRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AchieveGoal(goalId, r.Note)))
            .WithName("AchieveGoal").WithSummary("Mark a goal achieved");
        api.MapPost("/goals/{goalId}/drop", (string caseId, string goalId, DropGoalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new DropGoal(goalId, r.Reason)))
            .WithName("DropGoal").WithSummary("Drop a goal, with a reason");
        api.MapPost("/goals/{goalId}/revision", (string caseId, string goalId, ReviseGoalRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new ReviseGoal(goalId, r.Reason, r.Title, r.Context, r.Scale)))
            .WithName("ReviseGoal").WithSummary("Replace a goal with a revised one, keeping the old with the reason");
        api.MapPost("/goals/{goalId}/milestones", (string caseId, string goalId, AddMilestoneRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AddMilestone(goalId, r.Title, r.Target.ToTarget(), r.DueSession, r.DueDate)))
            .WithName("AddMilestone").WithSummary("Add a milestone to a goal");
        api.MapPost("/milestones/{milestoneId}/progress", (string caseId, string milestoneId, MilestoneProgressRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RecordMilestoneProgress(milestoneId, r.Increment)))
            .WithName("RecordMilestoneProgress").WithSummary("Add to a count milestone's progress");
        api.MapPost("/milestones/{milestoneId}/achievement", (string caseId, string milestoneId, AchieveRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AchieveMilestone(milestoneId, r.Note)))
            .WithName("AchieveMilestone").WithSummary("Mark a milestone achieved, with evidence");
        return app;
    }

    public static async Task<Results<Ok<GoalsView>, ProblemHttpResult>> GetGoals(string caseId, HttpContext http, CaseAccess access)
    {
        if (await access.FindAsync(http.User.Caller(), caseId, http.RequestAborted) is not { } found) return GatewayProblems.ResourceNotFound().ToResult();
        var gas = await found.Grain.GetGasScoreAsync(http.RequestAborted);
        return TypedResults.Ok(new GoalsView(caseId, found.State.Goals, found.State.Milestones, gas));
    }
}
