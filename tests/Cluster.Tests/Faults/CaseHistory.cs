using System.Net.Http.Json;
using System.Text.Json;

namespace Ipt.Cluster.Cluster.Tests.Faults;

/// <summary>A case's history read back through the API (<c>GET /api/cases/{id}/history</c>, every page).</summary>
internal sealed record CaseHistory(IReadOnlyList<long> Sequences, IReadOnlyList<int> Numbers, long Version)
{
    public static async Task<CaseHistory> ReadAsync(HttpClient http, string caseId)
    {
        var sequences = new List<long>();
        var numbers = new List<int>();
        string? cursor = null;
        do
        {
            var url = $"/api/cases/{caseId}/history?limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await RetryAsync(() => http.GetFromJsonAsync<JsonElement>(url));
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                sequences.Add(item.GetProperty("sequence").GetInt64());
                if (NumberOf(item) is { } number) numbers.Add(number);
            }

            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        }
        while (cursor is not null);

        var state = await RetryAsync(() => http.GetFromJsonAsync<JsonElement>($"/api/cases/{caseId}"));
        return new CaseHistory(sequences, numbers, state.GetProperty("version").GetInt64());
    }

    /// <summary>The write number an event carries: a relationship's alias <c>p-N</c>, or the PHQ-9 answers' code.</summary>
    private static int? NumberOf(JsonElement item)
    {
        var data = item.GetProperty("data");
        switch (item.GetProperty("type").GetString())
        {
            case "relationshipRecorded":
                return int.Parse(data.GetProperty("relationship").GetProperty("personAlias").GetString()!["p-".Length..]);
            case "questionnaireScored":
                var answers = data.GetProperty("score").GetProperty("answers").EnumerateArray().Select(a => a.GetInt32()).ToList();
                return Operation.NumberOf(answers);
            default:
                return null;
        }
    }

    /// <summary>Reads are retried for a while: the check runs right after the faults.</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T?>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read() ?? throw new InvalidDataException("empty answer");
            }
            catch (HttpRequestException) when (attempt < 30)
            {
                await Task.Delay(500);
            }
        }
    }
}
