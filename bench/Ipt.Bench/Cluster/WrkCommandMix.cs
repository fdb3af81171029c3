using System.Diagnostics;

namespace Ipt.Bench.Http;

/// <summary>
/// wrk driving durable case commands: each request picks a random case and one of four commands a
/// therapist sends in a working day (a session log, a PHQ-9, a goal rating, milestone progress),
/// with its own Idempotency-Key, as a careful client does.
/// </summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunCommandMixAsync(
        string name, string url, int seconds, int connections, string token, IReadOnlyList<string> cases)
    {
        if (!url.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)) throw new ArgumentException("Load goes to loopback only.", nameof(url));
        var script = Path.Combine(Path.GetTempPath(), $"ipt-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, CommandMixScript(token, cases));
        try
        {
            var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, url }) info.ArgumentList.Add(arg);
            using var wrk = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
            var output = await wrk.StandardOutput.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            return Parse(name, output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string CommandMixScript(string token, IReadOnlyList<string> cases)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""
            local cases = { {{string.Join(",", cases.Select(c => $"\"{c}\""))}} }
            local bodies = {
              { "/sessions", '{"date":"{{today}}","attendance":"attended","note":"worked on the role dispute"}' },
              { "/questionnaires", '{"instrument":"phq-9","answers":[2,1,1,2,1,0,1,1,0]}' },
              { "/goals/g1/rating", '{"level":0,"note":"talked twice this week"}' },
              { "/milestones/m1/progress", '{"increment":1}' },
            }
            local threads = 0
            local n = 0
            function init(args)
              math.randomseed(os.time() * 100 + tid)
            end
            function request()
              n = n + 1
              local body = bodies[math.random(#bodies)]
              local headers = {
                ["Authorization"] = "Bearer {{token}}",
                ["Content-Type"] = "application/json",
                ["Idempotency-Key"] = "{{run}}-" .. tid .. "-" .. n,
              }
              return wrk.format("POST", "/api/cases/" .. cases[math.random(#cases)] .. body[1], headers, body[2])
            end
            -- Every answer that is not 2xx, by status and problem code, so a failure is never just a count.
            answers = {}
            function response(status, headers, body)
              if status > 299 then
                local key = status .. " " .. ((body and body:match('"code"%s*:%s*"([^"]*)"')) or "-")
                answers[key] = (answers[key] or 0) + 1
              end
            end
            local all = {}
            function setup(thread)
              threads = threads + 1
              thread:set("tid", threads)
              table.insert(all, thread)
            end
            function done(summary, latency, requests)
              local total = {}
              for _, thread in ipairs(all) do
                for key, count in pairs(thread:get("answers")) do total[key] = (total[key] or 0) + count end
              end
              for key, count in pairs(total) do io.write("answer " .. key .. " " .. count .. "\n") end
            end
            """;
    }
}
