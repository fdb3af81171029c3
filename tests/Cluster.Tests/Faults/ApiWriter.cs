using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>
/// Sends writes through the gateway's HTTP API as a careful client does: every request carries an
/// Idempotency-Key; an answer that does not settle the outcome (5xx, timeout, connection error) is
/// retried with the SAME key, so the write takes effect at most once however often it is sent.
/// </summary>
internal sealed class ApiWriter(HttpClient http, Ledger ledger)
{
    /// <summary>Per-attempt bound: above the gateway's 5 s grain-call timeout, so the gateway answers first.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(8);

    private const int Retries = 6;

    /// <summary>
    /// Sends one write and records its outcome. <paramref name="mustSucceed"/> (the rolling
    /// restart): a 409 or 429 on the first attempt is retried too, and a write that is not
    /// acknowledged in the end counts as a failure of the restart.
    /// </summary>
    public async Task WriteAsync(Operation op, bool mustSucceed)
    {
        var status = await SendAsync(op);
        if (Settled(status) is { } settled && !(mustSucceed && Retryable(status)))
        {
            ledger.Record(op, settled, retried: false);
            if (mustSucceed && settled != Outcome.Ok) ledger.RollingFailure();
            return;
        }

        for (var attempt = 1; attempt <= Retries * (mustSucceed ? 3 : 1); attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 200 * attempt)));
            status = await SendAsync(op);
            if (status is { } code && (int)code is >= 200 and < 300)
            {
                ledger.Record(op, Outcome.Ok, retried: true);
                return;
            }
        }

        // Never acknowledged: it may or may not have taken effect (the first answer did not say).
        ledger.Record(op, Outcome.Unknown, retried: true);
        if (mustSucceed) ledger.RollingFailure();
    }

    /// <summary>2xx: done; 4xx: refused, nothing written; anything else does not settle it.</summary>
    private static Outcome? Settled(HttpStatusCode? status) => status switch
    {
        { } code when (int)code is >= 200 and < 300 => Outcome.Ok,
        { } code when (int)code is >= 400 and < 500 => Outcome.Failed,
        _ => null,
    };

    /// <summary>A genuine conflict or the rate limit: nothing was written, the same request may be sent again.</summary>
    private static bool Retryable(HttpStatusCode? status) => status is HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests;

    private async Task<HttpStatusCode?> SendAsync(Operation op)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, op.IsQuestionnaire
            ? $"/api/cases/{op.Case}/questionnaires"
            : $"/api/cases/{op.Case}/inventory");
        request.Content = op.IsQuestionnaire
            ? JsonContent.Create(new { instrument = "phq-9", answers = op.Answers() })
            : JsonContent.Create(new
            {
                personAlias = op.Alias, relationshipType = "friend", closeness = "middle", support = 3, conflict = 1,
                expectations = "", whatChanged = "", confiding = true,
            });
        request.Headers.Add("Idempotency-Key", op.IdempotencyKey);
        using var timeout = new CancellationTokenSource(AttemptTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>An HTTP client for one user of the gateway (no overall timeout: each attempt has its own).</summary>
    public static HttpClient Client(Uri gateway, string token)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), MaxConnectionsPerServer = 64 };
        var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}
