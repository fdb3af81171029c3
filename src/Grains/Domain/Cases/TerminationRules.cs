using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>
/// Termination must produce a review of gains, relapse warning signs and a plan, and the next
/// contract (IPT-REFERENCE.md): end, maintenance with a booster schedule, or a referral.
/// </summary>
internal static class TerminationRules
{
    public const int MaxWarningSigns = 20;

    public static DomainError? Check(Termination? t)
    {
        if (t is null) return DomainError.Invalid(ErrorCodes.Required, "termination", "'termination' is required.");
        var error = Checks.First(
            Checks.Text(t.ProgressSummary, "progressSummary", Checks.LongText),
            Checks.Text(t.RelapsePlan, "relapsePlan", Checks.LongText),
            Checks.Defined(t.NextStep, "nextStep"));
        if (error is not null) return error;
        if (t.WarningSigns is null || t.WarningSigns.Count is 0 or > MaxWarningSigns)
            return DomainError.Invalid(ErrorCodes.TerminationPlan, "warningSigns",
                $"Name 1 to {MaxWarningSigns} relapse warning signs.");
        for (var i = 0; i < t.WarningSigns.Count; i++)
        {
            if (Checks.Text(t.WarningSigns[i], $"warningSigns[{i}]", Checks.ShortText) is { } bad) return bad;
        }
        return t.NextStep switch
        {
            NextStep.Maintenance => Checks.First(
                t.BoosterIntervalWeeks is null ? Missing("boosterIntervalWeeks", "maintenance needs a booster schedule") : null,
                t.BoosterSessions is null ? Missing("boosterSessions", "maintenance needs a number of booster sessions") : null,
                Checks.Range(t.BoosterIntervalWeeks ?? 1, 1, 12, "boosterIntervalWeeks"),
                Checks.Range(t.BoosterSessions ?? 1, 1, 60, "boosterSessions")),
            NextStep.Referral => Checks.Text(t.ReferralTo, "referralTo", Checks.ShortText),
            _ => null,
        };
    }

    private static DomainError Missing(string field, string rule) =>
        DomainError.Invalid(ErrorCodes.TerminationPlan, field, $"'{field}' is required: {rule}.");
}
