namespace Ipt.Cluster.Gateway.Errors;

/// <summary>The gateway's own error kinds (the domain's are keyed by <c>DomainError.Code</c>).</summary>
public static class GatewayProblems
{
    public const string MalformedJson = "request.malformed-json";
    public const string InvalidValue = "request.invalid-value";
    public const string TooLarge = "request.too-large";
    public const string TooDeep = "request.too-deep";
    public const string MethodNotAllowed = "request.method-not-allowed";
    public const string UnsupportedMediaType = "request.unsupported-media-type";
    public const string NotAcceptable = "request.not-acceptable";
    public const string UnauthenticatedCode = "auth.unauthenticated";
    public const string ForbiddenCode = "auth.forbidden";
    public const string NotFound = "resource.not-found";
    public const string RateLimited = "rate.limited";
    public const string ClusterUnavailable = "cluster.unavailable";
    public const string AuditUnavailable = "audit.unavailable";
    public const string ServerError = "server.error";

    /// <summary>
    /// The one answer for anything the caller cannot see: missing, of another tenant, or outside
    /// the caller's scope. The same status and body, so an answer never tells which.
    /// </summary>
    public static Problem ResourceNotFound() =>
        new(StatusCodes.Status404NotFound, NotFound, "Not found", "The resource does not exist.");

    public static Problem Malformed(string? field, string detail) =>
        new(StatusCodes.Status400BadRequest, MalformedJson, "Malformed request body", detail, field);

    public static Problem Invalid(string? field, string detail) =>
        new(StatusCodes.Status400BadRequest, InvalidValue, "Invalid value", detail, field);

    public static Problem Deep(string? field) =>
        new(StatusCodes.Status400BadRequest, TooDeep, "Request body nested too deeply", "JSON may nest at most 32 levels.", field);

    /// <summary>The caller asked for a representation this resource is not served in.</summary>
    public static Problem Unacceptable(string field, string detail) =>
        new(StatusCodes.Status406NotAcceptable, NotAcceptable, "Not acceptable", detail, field);

    public static Problem Large() =>
        new(StatusCodes.Status413PayloadTooLarge, TooLarge, "Request body too large", "A request body may be at most 1 MB.");

    public static Problem Unauthenticated() =>
        new(StatusCodes.Status401Unauthorized, UnauthenticatedCode, "Authentication required", "A valid, unexpired bearer token is required.");

    public static Problem Forbidden() =>
        new(StatusCodes.Status403Forbidden, ForbiddenCode, "Forbidden", "Your role may not do this.");

    public static Problem Limited() =>
        new(StatusCodes.Status429TooManyRequests, RateLimited, "Too many requests", "Slow down; retry after the time in Retry-After.");

    /// <summary>The request's audit record could not be written, so the request did not complete.</summary>
    public static Problem AuditNotWritten() =>
        new(StatusCodes.Status503ServiceUnavailable, AuditUnavailable, "Audit unavailable",
            "The request was not completed because its audit record could not be written. Try again shortly.");

    public static Problem Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ClusterUnavailable, "Cluster unavailable", "The cluster did not answer in time; retry.");

    /// <summary>The problem for a bare status code that reached the status code pages without a body.</summary>
    public static Problem ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Malformed(null, "The request could not be read."),
        StatusCodes.Status401Unauthorized => Unauthenticated(),
        StatusCodes.Status403Forbidden => Forbidden(),
        StatusCodes.Status404NotFound => ResourceNotFound(),
        StatusCodes.Status405MethodNotAllowed => new(status, MethodNotAllowed, "Method not allowed", "This resource does not answer this method."),
        StatusCodes.Status413PayloadTooLarge => Large(),
        StatusCodes.Status415UnsupportedMediaType => new(status, UnsupportedMediaType, "Unsupported media type", "Send application/json."),
        StatusCodes.Status429TooManyRequests => Limited(),
        StatusCodes.Status503ServiceUnavailable => Unavailable(),
        _ => new(status, status < 500 ? InvalidValue : ServerError, "Error", "The request failed."),
    };
}
