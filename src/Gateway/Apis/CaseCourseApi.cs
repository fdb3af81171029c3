using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Apis.Requests;
using Ipt.Cluster.Gateway.Identity;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>The course of a case: phases, inventory, problem areas, formulation, contract, extensions, sessions, termination.</summary>
public static class CaseCourseApi
{
    private static readonly string[] Tags = ["Case course"];

    public static IEndpointRouteBuilder MapCaseCourseApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases/{caseId}").WithTags(Tags).RequireAuthorization(Policies.CaseWriter);

        api.MapPost("/phase", (string caseId, MovePhaseRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new MovePhase(r.To, r.Reason)))
            .WithName("MovePhase").WithSummary("Move the case to another phase, if its gate allows");
        api.MapPost("/inventory", (string caseId, Relationship r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RecordRelationship(r)))
            .WithName("RecordRelationship").WithSummary("Add or replace a person of the interpersonal inventory");
        api.MapPost("/problem-areas", (string caseId, SelectProblemAreaRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new SelectProblemArea(r.Code, r.DisputeStage, r.Note)))
            .WithName("SelectProblemArea").WithSummary("Select a problem area as a focus");
        api.MapDelete("/problem-areas/{code}", (string caseId, string code, string reason, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RemoveProblemArea(code, reason)))
            .WithName("RemoveProblemArea").WithSummary("Remove a problem area, with a reason (query parameter)");
        api.MapPut("/formulation", (string caseId, FormulationRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RecordFormulation(r.Text)))
            .WithName("RecordFormulation").WithSummary("Record the interpersonal formulation");
        api.MapPost("/formulation/acceptance", (string caseId, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new AcceptFormulation()))
            .WithName("AcceptFormulation").WithSummary("Record that the client accepted the formulation");
        api.MapPut("/contract", (string caseId, ContractRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new SetContract(r.Sessions, r.MaintenanceIntervalWeeks, r.MaintenanceSessions)))
            .WithName("SetContract").WithSummary("Set the treatment contract");
        api.MapPost("/extensions", (string caseId, ExtensionRequestBody r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RequestExtension(r.Sessions, r.Reason)))
            .WithName("RequestExtension").WithSummary("Ask a supervisor for more sessions");
        api.MapPost("/extensions/decision", (string caseId, ExtensionDecisionRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new DecideExtension(r.Approve, r.Note)))
            .WithName("DecideExtension").WithSummary("Approve or decline the pending extension (supervisor)")
            .RequireAuthorization(Policies.Supervisor);
        api.MapPost("/termination", (string caseId, TerminationRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new RecordTermination(r.ToTermination())))
            .WithName("RecordTermination").WithSummary("Record the termination review and the next step");
        api.MapPost("/sessions", (string caseId, LogSessionRequest r, HttpContext http, CaseCommandRunner run) =>
            run.RunAsync(http, caseId, new LogSession(r.Number, r.Date, r.Attendance, r.Techniques ?? [], r.Note)))
            .WithName("LogSession").WithSummary("Log the next session");
        return app;
    }
}
