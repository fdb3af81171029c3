using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Tenants;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>Session logs: numbered without gaps, in date order, within the contract.</summary>
internal static class SessionRules
{
    public static int Attended(CaseState state) =>
        state.Sessions.Count(s => s.Attendance == Attendance.Attended && s.Phase != CasePhase.Maintenance);

    public static Result<IReadOnlyList<CaseEvent>> Log(CaseState state, LogSession c, CaseContext context)
    {
        if (state.Phase == CasePhase.Intake)
            return LifecycleRules.NotNow("move the case to the initial phase before its first session");
        var number = state.Sessions.Count + 1;
        if (c.Number is { } given && given != number)
            return DomainError.Conflict(ErrorCodes.SessionNumber, "number", $"The next session is number {number}, not {given}.");
        var techniques = c.Techniques ?? [];
        var error = Checks.First(
            Checks.Defined(c.Attendance, "attendance"),
            techniques.Select((t, i) => Checks.Defined(t, $"techniques[{i}]")).FirstOrDefault(e => e is not null),
            Checks.Text(c.Note, "note", Checks.LongText, required: false),
            DateError(state, c.Date, context));
        if (error is not null) return error;
        if (c.Attendance == Attendance.Attended && PastContract(state, context)
            && context.Policy.Settings.PastContract == PastContractPolicy.Refuse)
        {
            return DomainError.Conflict(ErrorCodes.PastContract, "number",
                $"Session {number} is past the contract of {state.Contract!.TotalSessions}; a supervisor must approve an extension.");
        }
        return One(new SessionLogged(new SessionLog(number, c.Date, c.Attendance, state.Phase,
            techniques.Distinct().ToArray(), c.Note ?? "")));
    }

    /// <summary>True when one more attended acute-phase session would exceed the contract and its extensions.</summary>
    public static bool PastContract(CaseState state, CaseContext context) =>
        state.Phase != CasePhase.Maintenance && state.Contract is { } contract && Attended(state) >= contract.TotalSessions;

    private static DomainError? DateError(CaseState state, DateOnly date, CaseContext context)
    {
        if (date > context.Today.AddDays(1))
            return DomainError.Invalid(ErrorCodes.OutOfRange, "date", "A session cannot be logged for a future date.");
        return state.Sessions.Count > 0 && date < state.Sessions[^1].Date
            ? DomainError.Invalid(ErrorCodes.OutOfRange, "date", $"Sessions are logged in order; the last was on {state.Sessions[^1].Date:yyyy-MM-dd}.")
            : null;
    }
}
