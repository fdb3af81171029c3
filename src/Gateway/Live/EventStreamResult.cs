using System.Text;

namespace Ipt.Cluster.Gateway.Live;

/// <summary>
/// Writes a connection's frames as Server-Sent Events until the browser leaves or the hub cuts it
/// off. Reads from the connection's channel only, so a slow browser slows nobody else; a comment
/// line every <see cref="HeartbeatPeriod"/> keeps proxies from closing a quiet stream.
/// </summary>
public sealed class EventStreamResult(CaseloadConnection connection, Func<LiveFrame, (string Event, string Id, string Data)?> render, Func<Task> onClose)
    : IResult
{
    public static readonly TimeSpan HeartbeatPeriod = TimeSpan.FromSeconds(15);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var stopping = httpContext.RequestAborted;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await response.WriteAsync(": connected\n\n", stopping);
            await response.Body.FlushAsync(stopping);
            var reader = connection.Frames;
            var text = new StringBuilder();
            while (!stopping.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                quiet.CancelAfter(HeartbeatPeriod);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(quiet.Token);
                }
                catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
                {
                    await response.WriteAsync(": heartbeat\n\n", stopping);
                    await response.Body.FlushAsync(stopping);
                    continue;
                }
                if (!more) break;
                text.Clear();
                while (reader.TryRead(out var frame))
                {
                    if (render(frame) is not { } e) continue;
                    text.Append("id: ").Append(e.Id).Append("\nevent: ").Append(e.Event).Append("\ndata: ").Append(e.Data).Append("\n\n");
                }
                await response.WriteAsync(text.ToString(), stopping);
                await response.Body.FlushAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The browser left.
        }
        finally
        {
            await onClose();
        }
    }
}
