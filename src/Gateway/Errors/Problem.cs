using Microsoft.AspNetCore.Mvc;

namespace Ipt.Cluster.Gateway.Errors;

/// <summary>
/// One error answer: an RFC 9457 problem with a stable <c>type</c> per error kind
/// (<see cref="TypeBase"/> + <see cref="Code"/>), the code and the offending field as extensions.
/// </summary>
public sealed record Problem(int Status, string Code, string Title, string Detail, string? Field = null)
{
    public const string TypeBase = "https://ipt-cluster.dev/problems/";

    public static string TypeFor(string code) => TypeBase + code;

    public ProblemDetails ToProblemDetails()
    {
        var details = new ProblemDetails { Status = Status, Type = TypeFor(Code), Title = Title, Detail = Detail };
        details.Extensions["code"] = Code;
        if (Field is not null) details.Extensions["field"] = Field;
        return details;
    }
}
