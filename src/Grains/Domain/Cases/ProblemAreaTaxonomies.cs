using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// The two problem-area taxonomies in use: ISIPT/Weissman's four areas and the IPT Institute's
/// (Stuart) three. Disputes are staged in both.
/// </summary>
public static class ProblemAreaTaxonomies
{
    public const string Grief = "grief";
    public const string RoleDispute = "role-dispute";
    public const string RoleTransition = "role-transition";
    public const string InterpersonalDeficits = "interpersonal-deficits";

    public const string GriefLoss = "grief-loss";
    public const string Disputes = "disputes";
    public const string Transitions = "transitions";

    public const int MaxSelected = 2;

    private static readonly string[] FourAreas = [Grief, RoleDispute, RoleTransition, InterpersonalDeficits];
    private static readonly string[] ThreeAreas = [GriefLoss, Disputes, Transitions];

    public static IReadOnlyList<string> Codes(ProblemAreaTaxonomy taxonomy) =>
        taxonomy == ProblemAreaTaxonomy.ThreeAreas ? ThreeAreas : FourAreas;

    /// <summary>A dispute must name its stage (renegotiation, impasse, dissolution).</summary>
    public static bool IsDispute(string code) => code is RoleDispute or Disputes;
}
