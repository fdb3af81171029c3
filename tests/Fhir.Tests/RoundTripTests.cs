using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Fhir.Tests.Infrastructure;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Fhir.Tests;

public sealed class RoundTripTests
{
    private readonly Exported _exported = new(TreatedCases.SixteenSessions());

    private CaseState Case => _exported.Script.Case;

    [Fact]
    public void The_parsed_bundle_holds_every_goal_with_its_status()
    {
        var goals = _exported.All<Hl7.Fhir.Model.Goal>().Where(g => g.Category.All(c => c.Text != "IPT milestone")).ToList();
        Assert.Equal(Case.Goals.Count, goals.Count);
        foreach (var goal in Case.Goals)
        {
            var found = Assert.Single(goals, g => g.Description.Text == goal.Title && g.Start is Date { Value: var start } && start == goal.ProposedAt.UtcDateTime.ToString("yyyy-MM-dd"));
            Assert.Equal(Lifecycle(goal.Status), found.LifecycleStatus);
        }
    }

    [Fact]
    public void The_parsed_bundle_holds_every_milestone_linked_from_its_goal()
    {
        var milestones = _exported.All<Hl7.Fhir.Model.Goal>().Where(g => g.Category.Any(c => c.Text == "IPT milestone")).ToList();
        Assert.Equal(Case.Milestones.Count, milestones.Count);
        foreach (var milestone in Case.Milestones)
        {
            var found = Assert.Single(milestones, g => g.Description.Text == milestone.Title);
            var goal = Case.Goals.Single(g => g.GoalId == milestone.GoalId);
            var parent = Assert.Single(_exported.All<Hl7.Fhir.Model.Goal>(), g => g.Description.Text == goal.Title);
            Assert.Contains(parent.Extension.Where(e => e.Url == "http://hl7.org/fhir/StructureDefinition/goal-relationship"),
                e => e.GetExtension("type")?.Value is CodeableConcept { Coding: [{ Code: "milestone" }] }
                    && e.GetExtension("target")?.Value is ResourceReference target && target.Reference == "urn:uuid:" + found.Id);
            Assert.Equal(milestone.Status == MilestoneStatus.Achieved, found.LifecycleStatus == Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Completed);
        }
    }

    [Fact]
    public void The_parsed_bundle_holds_every_session_as_an_encounter_on_its_date()
    {
        var encounters = _exported.All<Encounter>().ToList();
        Assert.Equal(16, Case.Sessions.Count);
        Assert.Equal(Case.Sessions.Count, encounters.Count);
        foreach (var session in Case.Sessions)
        {
            var found = Assert.Single(encounters, e => e.Identifier[0].Value == session.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(session.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), found.Period?.Start);
            Assert.Equal(session.Attendance == Attendance.Attended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled, found.Status);
        }
    }

    [Fact]
    public void The_parsed_bundle_holds_every_score_derived_from_the_answers_given()
    {
        var observations = _exported.All<Observation>().ToList();
        Assert.Equal(Case.Measures.Count, observations.Count);
        Assert.Contains(Case.Measures, m => m.Score.Instrument == Instruments.Phq9);
        Assert.Contains(Case.Measures, m => m.Score.Instrument == Instruments.Gad7);
        foreach (var measure in Case.Measures)
        {
            var found = Assert.Single(observations, o => o.Effective is FhirDateTime at && at.ToDateTimeOffset(TimeSpan.Zero) == measure.At
                && o.Code.Coding[0].Code == Loinc.Total(measure.Score.Instrument));
            Assert.Equal(measure.Score.Total, Assert.IsType<Integer>(found.Value).Value);
            var response = _exported.Resolve<QuestionnaireResponse>(Assert.Single(found.DerivedFrom));
            Assert.Equal(measure.Score.Answers,
                response.Item.Select((item, i) => Answer(item, measure.Score.Instrument, i)));
        }
    }

    [Fact]
    public void Exporting_the_same_case_twice_gives_the_same_json() =>
        Assert.Equal(_exported.Json, new Exported(_exported.Script).Json);

    private static int Answer(QuestionnaireResponse.ItemComponent item, string instrument, int index)
    {
        Assert.Equal(Loinc.Item(instrument, index), item.LinkId);
        var code = Assert.IsType<Coding>(Assert.Single(item.Answer).Value).Code;
        return Enumerable.Range(0, 4).Single(value => Loinc.Answer(value) == code);
    }

    private static Hl7.Fhir.Model.Goal.GoalLifecycleStatus Lifecycle(GoalStatus status) => status switch
    {
        GoalStatus.Proposed => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Proposed,
        GoalStatus.Agreed => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Accepted,
        GoalStatus.InProgress => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
        GoalStatus.Achieved => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Completed,
        _ => Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Cancelled,
    };
}
