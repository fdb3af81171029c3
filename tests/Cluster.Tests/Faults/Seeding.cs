using System.Net;
using System.Net.Http.Json;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>Setup calls through the API, retried while the young cluster settles; "already there" counts as done.</summary>
internal static class Seeding
{
    public static async Task PostAsync(HttpClient http, string path, object body, string? idempotencyKey = null)
    {
        var last = "";
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if ((int)response.StatusCode < 500) break;
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"POST {path} failed: {last}");
    }
}
