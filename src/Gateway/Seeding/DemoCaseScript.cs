using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;
using Ipt.Cluster.Security;

namespace Ipt.Cluster.Gateway.Seeding;

/// <summary>
/// Carries one demo case to its phase through the case grain, with the history a real course would
/// leave: each command as the person who would send it (therapist, client, supervisor).
/// </summary>
public sealed class DemoCaseScript(IClientCaseGrain grain, DemoCaseSpec spec, int seed)
{
    private readonly DateOnly _start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7 * 16);
    private int _session;
    private int _assessment;
    private int _step;
    private int _lastSession;

    public async Task RunAsync()
    {
        await Do(new OpenCase(spec.ClinicId, spec.TherapistId, $"Client {spec.CaseId[2..]}", spec.Variant));
        await Phq9();
        if (spec.Phase == CasePhase.Intake) return;

        await Do(new MovePhase(CasePhase.Initial, null));
        await Session(Technique.InterpersonalInventory);
        foreach (var person in DemoCatalog.Inventory(seed)) await Do(new RecordRelationship(person));
        var dispute = spec.ProblemArea == "role-dispute" ? DisputeStage.Renegotiation : (DisputeStage?)null;
        await Do(new SelectProblemArea(spec.ProblemArea, dispute, "agreed focus"));
        await Do(new RecordFormulation($"The depression is linked to {spec.ProblemArea.Replace('-', ' ')}; we will work on it together."));
        if (spec.Phase == CasePhase.Initial) return;

        await Do(new AcceptFormulation());
        await Do(new SetContract(spec.Variant == IptVariant.Brief ? 8 : 12, null, null));
        await Do(new MovePhase(CasePhase.Middle, null));
        var goals = new List<string>();
        foreach (var template in DemoCatalog.GoalTemplates[spec.ProblemArea])
        {
            var proposed = await Do(new ProposeGoal(template, null, spec.ProblemArea, RelationshipContext.Family, null, null));
            var goalId = proposed.Events.Select(e => e.Event).OfType<GoalProposed>().First().Goal.GoalId;
            await Do(new AgreeGoal(goalId, true, true));
            goals.Add(goalId);
        }
        await Do(new AddMilestone(goals[0], "PHQ-9 below 10", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null), 8, null));
        await Do(new AddMilestone(goals[1], "Three honest conversations", new MilestoneTarget(MilestoneTargetKind.Count, 3, null, "conversations"), 10, null));

        _lastSession = spec.Phase == CasePhase.Middle ? 4 + seed % 4 : spec.Variant == IptVariant.Brief ? 8 : 12;
        while (_session < _lastSession)
        {
            await Session(Technique.CommunicationAnalysis, Technique.RolePlay);
            if (_session % 2 == 0) await Phq9();
            if (_session == 4) await Do(new RateGoal(goals[0], spec.Course == Course.Improving ? 0 : -1, "reviewed in session"));
            if (_session is 3 or 6 or 9 && spec.Course == Course.Improving) await Do(new RecordMilestoneProgress(MilestoneOf(goals[1]), 1));
            if (_session == 5) await AsClient(new AddJournalEntry("Spoke with my partner without raising my voice."));
        }
        if (spec.Phase == CasePhase.Middle) return;

        await Do(new MovePhase(CasePhase.Termination, null));
        if (spec.Phase == CasePhase.Termination) return;

        if (spec.Course == Course.Improving) await Do(new AchieveGoal(goals[0], "the client reports fewer disputes"));
        var next = spec.Phase == CasePhase.Maintenance ? NextStep.Maintenance : NextStep.End;
        await Do(new RecordTermination(new Termination("Gains reviewed with the client.", ["sleeping badly", "withdrawing from friends"],
            "Call the clinic and use the communication skills.", next, next == NextStep.Maintenance ? 4 : null, next == NextStep.Maintenance ? 6 : null, null)));
        await Do(new MovePhase(spec.Phase, null));
    }

    private string _lastMilestoneGoal = "";
    private string _lastMilestone = "";

    private string MilestoneOf(string goalId) => _lastMilestoneGoal == goalId ? _lastMilestone : "";

    private async Task Session(params Technique[] techniques)
    {
        _session++;
        // The last two sessions of a missed-sessions course are missed, so its flag is up now.
        var attendance = spec.Course == Course.MissedSessions && _session >= _lastSession - 1 && _session > 2 ? Attendance.Missed : Attendance.Attended;
        await Do(new LogSession(_session, _start.AddDays(7 * _session), attendance, techniques, "demo session"));
    }

    private async Task Phq9()
    {
        var total = DemoCatalog.Phq9At(spec.Course, _assessment++, seed);
        var answers = new int[9];
        answers[8] = spec.Course == Course.SuicideItem && _assessment >= 2 ? 1 : 0;
        var left = total - answers[8];
        for (var i = 0; i < 8 && left > 0; i++)
        {
            answers[i] = Math.Min(3, left);
            left -= answers[i];
        }
        await AsClient(new SubmitQuestionnaire(Instruments.Phq9, answers, null, _session == 0 ? null : _session));
    }

    private Task<CommandResult> AsClient(CaseCommand command) => Run(command, "client-" + spec.CaseId, Roles.Client);

    private async Task<CommandResult> Do(CaseCommand command)
    {
        var result = await Run(command, spec.TherapistId, Roles.Therapist);
        if (command is AddMilestone { Target.Kind: MilestoneTargetKind.Count } added)
        {
            _lastMilestoneGoal = added.GoalId;
            _lastMilestone = result.Events.Select(e => e.Event).OfType<MilestoneAdded>().First().Milestone.MilestoneId;
        }
        return result;
    }

    private async Task<CommandResult> Run(CaseCommand command, string user, string role)
    {
        // An idempotency key per step: a seed interrupted half-way repeats nothing when it runs again.
        var key = $"seed-{spec.CaseId}-{++_step}";
        var result = await CallerContext.RunAs(DemoCatalog.Tenant, user, role, () => grain.ExecuteAsync(command, key));
        return result.Error is { } error
            ? throw new InvalidOperationException($"Demo case {spec.CaseId}: {command.GetType().Name} was refused: {error.Code} {error.Message}")
            : result;
    }
}
