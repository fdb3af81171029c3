using Ipt.Cluster.Cases;
using Ipt.Cluster.Tenants;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Default contract lengths per variant (IPT-REFERENCE.md): standard adult IPT 12-16 weekly
/// sessions; IPT-A about 12; late-life IPT usually 16; brief IPT 8; group IPT (WHO) 8.
/// A tenant overrides any of them.
/// </summary>
public static class ContractDefaults
{
    public static SessionBounds For(IptVariant variant) => variant switch
    {
        IptVariant.Adolescent => new(variant, 12, 12),
        IptVariant.LateLife => new(variant, 16, 16),
        IptVariant.Brief => new(variant, 8, 8),
        IptVariant.Group => new(variant, 8, 8),
        _ => new(variant, 12, 16),
    };

    /// <summary>The most sessions one extension request may add.</summary>
    public const int MaxExtension = 8;
}
