using Ipt.Cluster.Ids;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Identity;

/// <summary>
/// <c>token --tenant demo --user t-ana --role therapist [--case c-0001] [--minutes 15]</c>: prints a
/// local-mode token signed with the key in the data folder, or in <c>Identity:LocalSigningKeyPath</c>
/// (the same configuration as the gateway).
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        var user = configuration["user"];
        var role = configuration["role"];
        var tenant = configuration["tenant"];
        var caseId = configuration["case"];
        var minutes = configuration.GetValue("minutes", TokenSettings.DefaultLifetime.TotalMinutes);
        var error = Validate(user, role, tenant, caseId, minutes);
        if (error is not null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("usage: token --tenant TENANT --user USER --role ROLE [--case CASE] [--minutes 15]");
            Console.Error.WriteLine("roles: " + string.Join(", ", Roles.All));
            return 2;
        }
        var key = LocalSigningKey.LoadOrCreateFile(TokenSettings.SigningKeyPath(configuration));
        var token = new TokenIssuer(key, TimeProvider.System)
            .Issue(new TokenRequest(user!, role!, tenant, caseId, TimeSpan.FromMinutes(minutes)));
        Console.WriteLine(token);
        return 0;
    }

    private static string? Validate(string? user, string? role, string? tenant, string? caseId, double minutes)
    {
        if (!IdRules.IsValid(user)) return "--user must be an id (a-z, 0-9, '-').";
        if (role is null || !Roles.All.Contains(role)) return "--role must be one of the roles.";
        if (role != Roles.PlatformAdmin && !IdRules.IsValid(tenant)) return "--tenant is required for this role.";
        if (role == Roles.Client && !IdRules.IsValid(caseId)) return "--case is required for a client token.";
        if (minutes is <= 0 or > 24 * 60) return "--minutes must be between 1 and 1440.";
        return null;
    }
}
