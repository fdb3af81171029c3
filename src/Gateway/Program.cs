var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => "ok");
app.Run();

/// <summary>The gateway's entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
