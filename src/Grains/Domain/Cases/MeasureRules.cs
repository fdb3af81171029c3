using Ipt.Cluster.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Domain.Measures;
using Ipt.Cluster.Security;
using static Ipt.Cluster.Domain.Cases.CaseDecider;

namespace Ipt.Cluster.Domain.Cases;

/// <summary>Questionnaires (scored here, from item answers) and the client's journal.</summary>
internal static class MeasureRules
{
    public static Result<IReadOnlyList<CaseEvent>> Submit(CaseState state, SubmitQuestionnaire c, CaseContext context)
    {
        if (c.SessionNumber is { } n && (n < 1 || n > state.Sessions.Count))
            return DomainError.Invalid(ErrorCodes.OutOfRange, "sessionNumber", $"There is no logged session {n}.");
        var baseline = state.Measures.FirstOrDefault(m => m.Score.Instrument == c.Instrument)?.Score.Total;
        var scored = QuestionnaireScoring.Score(c.Instrument, c.Answers ?? [], c.Difficulty, baseline, context.Policy.Scoring);
        if (!scored.IsOk) return scored.Error!;
        var session = c.SessionNumber ?? (state.Sessions.Count > 0 ? state.Sessions[^1].Number : null);
        return One(new QuestionnaireScored(scored.Value!, session));
    }

    public static Result<IReadOnlyList<CaseEvent>> Journal(AddJournalEntry c, CaseContext context)
    {
        // The journal is the client's own words: nobody writes it for them.
        if (context.Actor.Role != Roles.Client)
            return DomainError.Forbidden(ErrorCodes.RoleRequired, "role", "Only the client writes journal entries.");
        return Checks.Text(c.Text, "text", Checks.LongText) is { } error ? error : One(new JournalEntryAdded(c.Text));
    }
}
