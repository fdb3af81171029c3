using System.Diagnostics;
using Ipt.Cluster.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Ipt.Cluster.Gateway.Tests.Infrastructure.CourseScript;

namespace Ipt.Cluster.Gateway.Tests;

/// <summary>
/// A gateway whose whole host (gateway and silo) runs on a fake clock that keeps pace with real time
/// (Orleans' own timers, the stream pulling agents among them, run on it) and can jump ahead, and
/// whose cases review their flags every 2 s instead of daily, so "weeks without contact" pass in a moment.
/// </summary>
public sealed class FlagReviewFactory : GatewayFactory
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private readonly Timer _ticking;

    public FlagReviewFactory() : this(null, DateTimeOffset.UtcNow) { }

    /// <summary>A host on <paramref name="dataDirectory"/> (a new folder when null) whose clock starts at <paramref name="start"/>.</summary>
    // A clinic's watch leases run on this clock too, and one jump would end them all: the clinics here publish regardless.
    internal FlagReviewFactory(string? dataDirectory, DateTimeOffset start)
        : base(new() { ["Cases:FlagReview:Period"] = "00:00:02", ["Live:ClinicWatch:Grace"] = "3650.00:00:00" }, new FakeTimeProvider(start), dataDirectory) =>
        _ticking = new Timer(_ => Clock!.Advance(Tick), null, Tick, Tick);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _ticking.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// A gateway whose reminder service refuses every case's review (a period below the service's
/// one-minute minimum), retried every 0.2 s; its logs are captured.
/// </summary>
public sealed class RefusedReviewFactory() : GatewayFactory(new()
{
    ["Cases:FlagReview:Period"] = "00:00:01",
    ["Cases:FlagReview:RetryAfter"] = "00:00:00.200",
}, null)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>A case answers at once whatever its review reminder's fate; a failed registration is logged and tried again.</summary>
public sealed class RefusedReviewTests(RefusedReviewFactory factory) : IClassFixture<RefusedReviewFactory>
{
    [Fact]
    public async Task A_case_whose_review_the_reminder_service_refuses_still_opens_and_activates_at_once_and_keeps_trying()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var clock = Stopwatch.StartNew();
        var caseId = await tenant.OpenCaseAsync("case-unreminded");
        var opened = clock.Elapsed;
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        clock.Restart();
        await tenant.Ana().GetAsync($"/api/cases/{caseId}").Ok(); // a fresh activation
        var activated = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        // A case that waited on its reminder would wait for good (every attempt is refused), so a bound
        // of a few seconds tells the two apart and leaves room for a stalled machine.
        Assert.True(opened < TimeSpan.FromSeconds(5), $"opening took {opened.TotalSeconds:F1} s");
        Assert.True(activated < TimeSpan.FromSeconds(5), $"the case took {activated.TotalSeconds:F1} s to activate and answer");
        var failures = factory.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Text.Contains($"Case {tenant.Id}/{caseId} could not register its flag review", StringComparison.Ordinal));
        Assert.True(failures >= 3, $"{failures} failed registrations logged; the case should keep trying every 0.2 s");
    }
}

/// <summary>Flags that depend on time are raised by the case's own review, with nobody writing to it.</summary>
public sealed class FlagReviewTests(FlagReviewFactory factory) : IClassFixture<FlagReviewFactory>
{
    [Fact]
    public async Task Weeks_without_contact_raise_no_contact_and_miss_a_dated_milestone_by_themselves_and_the_supervisor_sees_it_live()
    {
        var tenant = await ApiTenant.CreateAsync(factory);
        var caseId = await tenant.OpenCaseAsync("case-gone-quiet");
        var c = $"/api/cases/{caseId}";
        var ana = tenant.Ana();
        await ana.Post($"{c}/questionnaires", Phq9(14)).Ok();
        var proposed = await ana.Post($"{c}/goals", new { title = "Call my sister weekly", context = "family" }).Ok();
        var goalId = proposed.GetProperty("events")[0].GetProperty("data").GetProperty("goal").GetProperty("goalId").GetString();
        var today = DateOnly.FromDateTime(factory.Clock!.GetUtcNow().UtcDateTime);
        await ana.Post($"{c}/goals/{goalId}/milestones",
            new { title = "PHQ-9 below 10", target = new { kind = "instrumentThreshold", value = 9, instrument = "phq-9" }, dueDate = today.AddDays(14) }).Ok();
        await using var sse = await SseStream.OpenAsync(tenant.Ben(), $"/api/clinics/{ApiTenant.Clinic}/caseload/stream");
        await sse.NextAsync();

        factory.Clock.Advance(TimeSpan.FromDays(30)); // past the 21 days without contact and the milestone's date; nobody writes
        var raised = await sse.UntilAsync(e => e.Event == "delta" && e.Data.GetProperty("changed").EnumerateArray()
            .Any(r => r.GetProperty("caseId").GetString() == caseId && Flags(r).Contains("noContact")), seconds: 20);

        Assert.NotEmpty(raised);
        var state = await tenant.Ana().GetAsync(c).Ok();
        Assert.Contains("noContact", state.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("missed", state.GetProperty("milestones")[0].GetProperty("status").GetString());
        var history = await tenant.Ana().GetAsync($"{c}/history?limit=100").Ok();
        Assert.Contains(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("type").GetString() == "flagRaised"
            && e.GetProperty("role").GetString() == "system");
    }

    private static List<string?> Flags(System.Text.Json.JsonElement row) => [.. row.GetProperty("flags").EnumerateArray().Select(f => f.GetString())];
}
