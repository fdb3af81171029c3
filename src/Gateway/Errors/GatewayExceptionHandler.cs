using System.Text.Json;
using Ipt.Cluster.Security;
using Ipt.Cluster.Silo.Storage.Postgres;
using Microsoft.AspNetCore.Diagnostics;

namespace Ipt.Cluster.Gateway.Errors;

/// <summary>
/// Turns exceptions into problems. What a client sent (unreadable JSON, wrong types, unknown enum
/// values, an oversize or over-deep body) is a 4xx naming the field; a call into another tenant
/// is the same 404 as a missing resource; only the gateway's own faults are 5xx.
/// </summary>
public sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Classify(exception);
        if (problem.Status >= 500) LogFault(exception);
        else if (exception is TenantIsolationException) LogIsolation(httpContext.Request.Path);
        await ProblemWriter.WriteAsync(httpContext, problem);
        return true;
    }

    public static Problem Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => GatewayProblems.Large(),
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when IsMissingBody(bad.Message) =>
            GatewayProblems.Malformed(null, "A JSON body is required."),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when ParameterOf(bad.Message) is { } parameter =>
            GatewayProblems.Invalid(parameter, $"'{parameter}' is missing or not a valid value."),
        // The framework's own message names its internals (parameter names, services): the kind's text instead.
        BadHttpRequestException bad when bad.StatusCode < 500 => GatewayProblems.ForStatus(bad.StatusCode),
        JsonException json => FromJson(json),
        TenantIsolationException => GatewayProblems.ResourceNotFound(),
        TimeoutException or OrleansMessageRejectionException or SiloUnavailableException => GatewayProblems.Unavailable(),
        // The state of record failed (a full pool, a restarting server): transient, retry with the same key.
        System.Data.Common.DbException => GatewayProblems.Unavailable(),
        Orleans.Serialization.UnavailableExceptionFallbackException { ExceptionType: { } type }
            when type.StartsWith(PostgresStoreExtensions.Invariant + ".", StringComparison.Ordinal) => GatewayProblems.Unavailable(),
        OperationCanceledException => GatewayProblems.Unavailable(),
        _ => new Problem(StatusCodes.Status500InternalServerError, GatewayProblems.ServerError, "Server error", "The gateway failed; the error is logged."),
    };

    private static Problem FromJson(JsonException json)
    {
        var field = FieldOf(json.Path);
        var message = json.Message;
        if (message.Contains("maximum configured depth", StringComparison.Ordinal)) return GatewayProblems.Deep(field);
        // A field the request does not take (a typo, or one only the server sets) would otherwise be dropped unseen.
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return GatewayProblems.Invalid(field, $"'{field ?? "body"}' is not a field of this request.");
        if (message.Contains("missing required properties", StringComparison.Ordinal))
            return GatewayProblems.Invalid(MissingProperty(message) ?? field, "A required field is missing.");
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.Contains("null", StringComparison.Ordinal))
            return GatewayProblems.Invalid(field, $"'{field ?? "body"}' has a value of the wrong type or an unknown value.");
        return GatewayProblems.Malformed(field, "The body is not well-formed JSON.");
    }

    // "Implicit body inferred for parameter ... but no body was provided", "Required parameter ... was not provided from body".
    private static bool IsMissingBody(string message) =>
        message.Contains("no body was provided", StringComparison.Ordinal) || message.Contains("not provided from body", StringComparison.Ordinal);

    /// <summary>The parameter named in a binding failure: <c>Required parameter "string reason" was not provided...</c>.</summary>
    private static string? ParameterOf(string message)
    {
        var open = message.IndexOf("parameter \"", StringComparison.Ordinal);
        if (open < 0) return null;
        var start = open + "parameter \"".Length;
        var close = message.IndexOf('"', start);
        if (close < 0) return null;
        var name = message[start..close].Split(' ')[^1];
        return name.Length > 0 && name != "body" && name != "r" && name != "request" ? name : null;
    }

    /// <summary>"$.goals[0].title" becomes "goals[0].title"; the root is no field.</summary>
    private static string? FieldOf(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The first name in "... missing required properties including: 'answers', 'instrument'."</summary>
    private static string? MissingProperty(string message)
    {
        var at = message.IndexOf("including", StringComparison.Ordinal);
        var colon = at < 0 ? -1 : message.IndexOf(':', at);
        if (colon < 0) return null;
        var first = message[(colon + 1)..].Split(',')[0].Trim().TrimEnd('.').Trim('\'', '"', ' ');
        return first.Length > 0 ? first : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled gateway fault")]
    private partial void LogFault(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The silo denied a call into another tenant on {Path}")]
    private partial void LogIsolation(string path);
}
