using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipt.Cluster.Gateway.Tests.Infrastructure;

/// <summary>JSON as a client of the API writes and reads it, and the problem+json assertions.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public const string ProblemBase = "https://ipt-cluster.dev/problems/";

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    /// <summary>A POST carrying an <c>Idempotency-Key</c>, as a client that may retry sends it.</summary>
    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Options) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static async Task<JsonElement> Body(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Options));

    /// <summary>Asserts a success and returns the body.</summary>
    public static async Task<JsonElement> Ok(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem of the given status and code; returns its body.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(ProblemBase + code, body.GetProperty("type").GetString());
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        if (field is not null) Assert.Equal(field, body.GetProperty("field").GetString());
        return body;
    }

    public static async Task<JsonElement> Problem(this Task<HttpResponseMessage> call, HttpStatusCode status, string code, string? field = null) =>
        await (await call).Problem(status, code, field);
}
