using System.Text.Json;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Domain.Cases;
using Ipt.Cluster.Errors;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Domain.Tests.Cases;

public sealed class EngineTests
{
    [Fact]
    public void Events_are_numbered_on_from_the_case_version_and_carry_who_and_when()
    {
        var c = CaseBuilder.Opened().InMiddlePhase();
        var version = c.Case.Version;

        var decision = c.Phq9(total: 10, item9: 1);

        Assert.Equal([version + 1, version + 2], decision.Events.Select(e => e.Sequence));
        Assert.Equal(version + 2, decision.NewState!.Version);
        Assert.All(decision.Events, e => Assert.Equal((c.Now, CaseBuilder.Therapist), (e.At, e.By)));
    }

    [Fact]
    public void A_refused_command_returns_the_error_and_neither_events_nor_a_new_state()
    {
        var c = CaseBuilder.Opened();
        var decision = CaseEngine.Handle(c.Case, new MovePhase(CasePhase.Middle, null), null, c.Context());
        Assert.Equal((ErrorCodes.PhaseTransition, 0, (CaseState?)null), (decision.Error?.Code, decision.Events.Count, decision.NewState));
        Assert.Null(decision.Replay);
    }

    [Fact]
    public void A_command_that_changes_nothing_commits_nothing_and_keeps_the_state()
    {
        var c = CaseBuilder.Opened();
        var decision = CaseEngine.Handle(c.Case, new ReviewFlags(), "review-1", c.Context());
        Assert.Empty(decision.Events);
        Assert.Same(c.Case, decision.NewState);
        Assert.Empty(c.Case.RecentCommands);
    }

    [Fact]
    public void The_same_command_sent_again_with_its_idempotency_key_is_a_replay_that_changes_nothing()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        var command = new RecordRelationship(CaseBuilder.Partner);
        var first = c.Accept(command, key: "add-partner");

        var again = CaseEngine.Handle(c.Case, command with { }, "add-partner", c.Context());

        Assert.Null(again.Error);
        Assert.Empty(again.Events);
        Assert.Same(c.Case, again.NewState);
        Assert.Equal(new IdempotencyRecord("add-partner", again.Replay!.CommandFingerprint, first.Events[0].Sequence, first.Events[^1].Sequence), again.Replay);
    }

    [Fact]
    public void The_same_idempotency_key_with_a_different_command_is_refused()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        c.Accept(new RecordRelationship(CaseBuilder.Partner), key: "add-person");

        var error = c.Refuse(new RecordRelationship(CaseBuilder.Partner with { PersonAlias = "mother" }), key: "add-person");

        Assert.Equal((ErrorKind.Conflict, ErrorCodes.IdempotencyReuse), (error.Kind, error.Code));
    }

    [Theory]
    [InlineData(129)]
    [InlineData(0)]
    public void An_idempotency_key_of_the_wrong_length_is_refused(int length)
    {
        var error = CaseBuilder.Opened().Refuse(new ReviewFlags(), key: new string('k', length));
        Assert.Equal((ErrorCodes.OutOfRange, "idempotencyKey"), (error.Code, error.Field));
    }

    [Fact]
    public void An_idempotency_key_of_128_printable_characters_is_kept()
    {
        var c = CaseBuilder.Opened();
        c.Accept(new AddJournalEntry("fine"), CaseBuilder.Client, new string('k', 128));
        Assert.Single(c.Case.RecentCommands);
    }

    [Fact]
    public void An_idempotency_key_with_a_control_character_is_refused()
    {
        var error = CaseBuilder.Opened().Refuse(new ReviewFlags(), key: "key\nwith-newline");
        Assert.Equal("idempotencyKey", error.Field);
    }

    [Fact]
    public void Only_the_last_32_idempotency_keys_are_kept()
    {
        var c = CaseBuilder.Opened();
        for (var i = 0; i <= CaseEvolution.IdempotencyKeysKept; i++)
            c.Accept(new AddJournalEntry($"entry {i}"), CaseBuilder.Client, $"key-{i}");

        Assert.Equal(32, c.Case.RecentCommands.Count);
        Assert.Equal("key-1", c.Case.RecentCommands[0].Key);
        Assert.Equal("key-32", c.Case.RecentCommands[^1].Key);

        var forgotten = c.Accept(new AddJournalEntry("entry 0"), CaseBuilder.Client, "key-0");
        Assert.Null(forgotten.Replay);
        Assert.Single(forgotten.Events);
    }

    [Fact]
    public void Replaying_the_history_from_nothing_gives_exactly_the_final_state()
    {
        var c = FullCourse();

        var replayed = c.History.Aggregate((CaseState?)null, (state, e) => CaseEvolution.Apply(state, e, CaseBuilder.CaseId));

        Assert.Equal(Enumerable.Range(1, c.History.Count).Select(i => (long)i), c.History.Select(e => e.Sequence));
        Assert.Equal(JsonSerializer.Serialize(c.Case), JsonSerializer.Serialize(replayed));
        var kinds = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract);
        Assert.All(kinds, kind => Assert.Contains(c.History, e => e.Event.GetType() == kind));
    }

    [Fact]
    public void A_replayed_history_remembers_the_idempotency_keys_so_a_restored_case_still_recognises_a_retry()
    {
        var c = CaseBuilder.Opened().InInitialPhase();
        var first = c.Accept(new RecordRelationship(CaseBuilder.Partner), key: "add-partner");

        var replayed = c.History.Aggregate((CaseState?)null, (state, e) => CaseEvolution.Apply(state, e, CaseBuilder.CaseId));

        Assert.Equal(JsonSerializer.Serialize(c.Case), JsonSerializer.Serialize(replayed));
        Assert.Equal("add-partner", Assert.Single(replayed!.RecentCommands).Key);
        Assert.Equal(replayed.RecentCommands[0], first.Events[^1].Completes);
        var retry = CaseEngine.Handle(replayed, new RecordRelationship(CaseBuilder.Partner), "add-partner", c.Context());
        Assert.Equal(replayed.RecentCommands[0], retry.Replay);
    }

    [Fact]
    public void Any_snapshot_of_the_history_plus_the_events_after_it_replays_to_the_final_state()
    {
        var c = FullCourse();
        var expected = JsonSerializer.Serialize(c.Case);

        for (var cut = 0; cut <= c.History.Count; cut++)
        {
            var snapshot = c.History.Take(cut).Aggregate((CaseState?)null, (state, e) => CaseEvolution.Apply(state, e, CaseBuilder.CaseId));
            var restored = CaseEvolution.Replay(snapshot, c.History.Skip(cut), CaseBuilder.CaseId);
            Assert.Equal(expected, JsonSerializer.Serialize(restored));
        }
    }

    [Fact]
    public void A_replay_with_a_missing_event_fails_rather_than_build_a_wrong_case()
    {
        var c = FullCourse();
        var snapshot = c.History.Take(5).Aggregate((CaseState?)null, (state, e) => CaseEvolution.Apply(state, e, CaseBuilder.CaseId));

        Assert.Throws<InvalidOperationException>(() => CaseEvolution.Replay(snapshot, c.History.Skip(6), CaseBuilder.CaseId));
    }

    [Theory]
    [InlineData(0, 15, false)]
    [InlineData(0, 16, true)]
    [InlineData(16, 31, false)]
    [InlineData(16, 33, true)]
    public void A_snapshot_is_written_once_enough_events_followed_the_last_one(long snapshotVersion, long newVersion, bool due) =>
        Assert.Equal(due, SnapshotPolicy.IsDue(snapshotVersion, newVersion));

    /// <summary>A twelve-session course touching every kind of event, ending in maintenance and closure.</summary>
    private static CaseBuilder FullCourse()
    {
        var c = CaseBuilder.Opened().InInitialPhase().WithInventory()
            .Do(new RecordRelationship(CaseBuilder.Partner with { Support = 3 }))
            .Do(new RecordRelationship(CaseBuilder.Partner with { PersonAlias = "mother", Closeness = Closeness.Middle }))
            .WithFocus(ProblemAreaTaxonomies.RoleDispute, DisputeStage.Renegotiation).WithFocus(ProblemAreaTaxonomies.RoleTransition)
            .Do(new RemoveProblemArea(ProblemAreaTaxonomies.RoleTransition, "the move is not the issue"));
        c.Phq9(18);
        c.Session(Attendance.Attended, Technique.InterpersonalInventory);
        c.WithAcceptedFormulation().WithContract(12).Do(new MovePhase(CasePhase.Middle, null));
        c.Do(new ProposeGoal("dispute-negotiate-expectations", null, null, RelationshipContext.Romantic, 2, null))
            .Do(new AgreeGoal("g1", true, true))
            .Do(new ProposeGoal(null, "See friends once a week", null, RelationshipContext.Friendship, null,
                new GasScale("never", "once a month", "every two weeks", "weekly", "twice a week")))
            .Do(new DropGoal("g2", "not a priority"))
            .Do(new AddMilestone("g1", "PHQ-9 under 10", new MilestoneTarget(MilestoneTargetKind.InstrumentThreshold, 9, Instruments.Phq9, null), 8, null))
            .Do(new AddMilestone("g1", "Two calm talks", new MilestoneTarget(MilestoneTargetKind.Count, 2, null, "calm talks"), 20, null))
            .Do(new AddMilestone("g1", "Names one need", new MilestoneTarget(MilestoneTargetKind.Count, 1, null, "needs named"), 2, null));
        c.Session(Attendance.Attended, Technique.CommunicationAnalysis, Technique.RolePlay);
        c.Session(Attendance.Missed);
        c.Session(Attendance.Missed);
        c.Do(new RecordMilestoneProgress("m2", 1));
        c.Sessions(2);
        c.Phq9(total: 11, item9: 1);
        c.Do(new AddJournalEntry("Hard week, but I said what I needed"), CaseBuilder.Client);
        c.Do(new RateGoal("g1", 1, "Asked for help twice"));
        c.Do(new ReviseGoal("g1", "Narrowed to the chores", "Agree a fair split of the chores", null, null));
        c.Sessions(3);
        c.Phq9(7);
        c.Do(new RequestExtension(2, "Momentum after the revision")).Do(new DecideExtension(true, "Agreed"), CaseBuilder.Supervisor);
        c.AfterDays(25).ReviewFlags();
        c.Sessions(3);
        c.Phq9(4);
        c.Do(new MovePhase(CasePhase.Termination, null)).Sessions(2)
            .Do(new RecordTermination(CaseBuilder.TerminationPlan(NextStep.Maintenance)))
            .Do(new MovePhase(CasePhase.Maintenance, null));
        c.AfterDays(28).Session();
        c.Do(new AddMilestone("g3", "Holds the split for a month", new MilestoneTarget(MilestoneTargetKind.GasLevel, 1, null, null), null, c.Today.AddDays(20)));
        c.Do(new AgreeGoal("g3", true, true)).Do(new RateGoal("g3", 2, null)).Do(new AchieveGoal("g3", "Held for a month"));
        c.Do(new AchieveMilestone("m2", "reported in maintenance"));
        c.Do(new MovePhase(CasePhase.Closed, null));
        return c;
    }
}
