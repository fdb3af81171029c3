using System.Text.Json;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>One Server-Sent Event as a browser receives it.</summary>
public sealed record SseEvent(string Event, long Id, JsonElement Data);

/// <summary>A Server-Sent Events response read event by event, as a browser's reader would.</summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is { } id) request.Headers.Add("Last-Event-ID", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new SseStream(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event (comments and heartbeats skipped); fails after <paramref name="seconds"/>.</summary>
    public async Task<SseEvent> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        string? name = null, data = null;
        long id = 0;
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the server closed the stream");
            if (line.Length == 0)
            {
                if (data is not null) return new SseEvent(name ?? "message", id, JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }
            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = line[..colon];
            var value = line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "event": name = value; break;
                case "id": id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "data": data = value; break;
            }
        }
    }

    /// <summary>Events until one matches; the ones before it are returned too, in order.</summary>
    public async Task<List<SseEvent>> UntilAsync(Func<SseEvent, bool> last, int seconds = 10)
    {
        var seen = new List<SseEvent>();
        while (true)
        {
            var e = await NextAsync(seconds);
            seen.Add(e);
            if (last(e)) return seen;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
