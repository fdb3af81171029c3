using Ipt.Cluster.Cases;
using Ipt.Cluster.Gateway.Errors;
using Ipt.Cluster.Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Apis;

/// <summary>
/// Runs one case command for the caller, on the case only if it is within the caller's reach (else
/// the 404 of a missing case), passes the <c>Idempotency-Key</c> header on, and maps the answer.
/// </summary>
public sealed class CaseCommandRunner(CaseAccess access)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> RunAsync(HttpContext http, string caseId, CaseCommand command)
    {
        // Finding the case stops when the caller leaves; the command itself, once sent, runs to its
        // commit or refusal (no token): never half-done, and audited with its real outcome. A caller
        // who left does not know that outcome and retries with the same Idempotency-Key.
        if (await access.ReachForCommandAsync(http.User.Caller(), caseId, http.RequestAborted) is not var (grain, reach)
            || await grain.ExecuteWithinAsync(reach, command, IdempotencyKey(http)) is not { } result)
        {
            return GatewayProblems.ResourceNotFound().ToResult();
        }
        if (result.Error is { } error) return error.ToResult();
        if (result.Replayed) http.Response.Headers[ReplayedHeader] = "true";
        return TypedResults.Ok(CommandResponse.From(caseId, result));
    }

    public static string? IdempotencyKey(HttpContext http) =>
        http.Request.Headers[IdempotencyHeader] is { Count: > 0 } values ? values.ToString() : null;
}
