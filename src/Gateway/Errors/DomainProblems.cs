using Ipt.Cluster.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Ipt.Cluster.Gateway.Errors;

/// <summary>Domain refusals as problems: Invalid 422, NotFound 404, Conflict 409, Forbidden 403; the type keyed by the code.</summary>
public static class DomainProblems
{
    public static Problem ToProblem(this DomainError error) => new(StatusOf(error.Kind), error.Code, TitleOf(error.Kind), error.Message, error.Field);

    public static ProblemHttpResult ToResult(this DomainError error) => error.ToProblem().ToResult();

    public static ProblemHttpResult ToResult(this Problem problem) => TypedResults.Problem(problem.ToProblemDetails());

    private static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status422UnprocessableEntity,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string TitleOf(ErrorKind kind) => kind switch
    {
        ErrorKind.NotFound => "Not found",
        ErrorKind.Conflict => "Conflict with the current state",
        ErrorKind.Forbidden => "Forbidden",
        _ => "Invalid request",
    };
}
