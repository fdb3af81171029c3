namespace Ipt.Cluster.Domain.Cases;

/// <summary>A goal wording offered to therapist and client; <see cref="ProblemArea"/> is null for goals that fit any focus.</summary>
public sealed record GoalTemplate(string Id, string Title, string? ProblemArea);

/// <summary>
/// Goal templates from the seed article: its table of goals per problem area, its three primary
/// goals of IPT, and its common goals (boundaries, trust and intimacy, managing conflict).
/// </summary>
public static class GoalTemplates
{
    public static readonly IReadOnlyList<GoalTemplate> All =
    [
        new("grief-process-emotions", "Process emotions related to the loss", ProblemAreaTaxonomies.Grief),
        new("grief-rebuild-support", "Rebuild support systems", ProblemAreaTaxonomies.Grief),
        new("grief-adapt-to-life", "Adapt to life without the lost relationship", ProblemAreaTaxonomies.Grief),
        new("dispute-identify-sources", "Identify sources of conflict", ProblemAreaTaxonomies.RoleDispute),
        new("dispute-communication", "Improve communication skills", ProblemAreaTaxonomies.RoleDispute),
        new("dispute-negotiate-expectations", "Negotiate role expectations", ProblemAreaTaxonomies.RoleDispute),
        new("transition-adjust", "Adjust to new life circumstances", ProblemAreaTaxonomies.RoleTransition),
        new("transition-new-skills", "Develop new skills for the new role", ProblemAreaTaxonomies.RoleTransition),
        new("transition-support-network", "Build a support network in the new context", ProblemAreaTaxonomies.RoleTransition),
        new("deficits-social-skills", "Improve social skills", ProblemAreaTaxonomies.InterpersonalDeficits),
        new("deficits-expand-network", "Expand social network", ProblemAreaTaxonomies.InterpersonalDeficits),
        new("deficits-social-anxiety", "Address social anxiety or avoidance", ProblemAreaTaxonomies.InterpersonalDeficits),
        new("primary-resolve-conflicts", "Resolve interpersonal conflicts", null),
        new("primary-communication", "Improve communication skills", null),
        new("primary-relationships", "Enhance interpersonal relationships", null),
        new("common-boundaries", "Develop healthy boundaries", null),
        new("common-trust-intimacy", "Build trust and intimacy", null),
        new("common-managing-conflict", "Manage conflict effectively", null),
    ];

    public static GoalTemplate? Find(string id) => All.FirstOrDefault(t => t.Id == id);

    /// <summary>
    /// A four-area template also fits the matching area of the three-area taxonomy
    /// (grief -> grief-loss, role dispute -> disputes, role transition -> transitions).
    /// </summary>
    public static bool Fits(GoalTemplate template, string problemArea) =>
        template.ProblemArea is null || template.ProblemArea == problemArea || (template.ProblemArea, problemArea) switch
        {
            (ProblemAreaTaxonomies.Grief, ProblemAreaTaxonomies.GriefLoss) => true,
            (ProblemAreaTaxonomies.RoleDispute, ProblemAreaTaxonomies.Disputes) => true,
            (ProblemAreaTaxonomies.RoleTransition, ProblemAreaTaxonomies.Transitions) => true,
            _ => false,
        };
}
