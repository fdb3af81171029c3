using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Fhir.Tests.Infrastructure;
using Ipt.Cluster.Gateway.Fhir;

namespace Ipt.Cluster.Fhir.Tests;

public sealed class MappingTests
{
    private readonly Exported _exported = new(TreatedCases.SixteenSessions());

    [Fact]
    public void The_patient_is_known_only_by_the_clinics_alias_and_has_no_name()
    {
        var patient = Assert.Single(_exported.All<Patient>());
        Assert.Empty(patient.Name);
        Assert.Equal("client-rv-017", Assert.Single(patient.Identifier).Value);
    }

    [Fact]
    public void Session_notes_and_the_inventory_stay_out_of_the_export()
    {
        Assert.DoesNotContain("Working note", _exported.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("partner-j", _exported.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revised_goal_is_cancelled_with_its_reason_and_points_to_its_replacement()
    {
        var revised = _exported.Script.Case.Goals.Single(g => g.Status == GoalStatus.Revised);
        var goal = Assert.Single(_exported.All<Hl7.Fhir.Model.Goal>(), g => g.Description.Text == revised.Title);

        Assert.Equal(Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Cancelled, goal.LifecycleStatus);
        Assert.Equal("The new job asks for planning, not new skills", goal.StatusReason);
        var replacement = goal.Extension.Single(e => e.GetExtension("type")?.Value is CodeableConcept { Coding: [{ Code: "replacement" }] });
        var target = _exported.Resolve<Hl7.Fhir.Model.Goal>(Assert.IsType<ResourceReference>(replacement.GetExtension("target")?.Value));
        Assert.Equal("Plan the working week with the team lead", target.Description.Text);
    }

    [Fact]
    public void A_goal_the_client_proposed_is_expressed_by_the_patient()
    {
        var goal = Assert.Single(_exported.All<Hl7.Fhir.Model.Goal>(), g => g.Description.Text == "Rejoin the running club");
        Assert.IsType<Patient>(_exported.Resolve<Resource>(goal.ExpressedBy!));
    }

    [Fact]
    public void A_missed_session_is_a_cancelled_encounter_that_says_why()
    {
        var missed = Assert.Single(_exported.All<Encounter>(), e => e.Identifier[0].Value == "6");
        Assert.Equal(Encounter.EncounterStatus.Cancelled, missed.Status);
        var reason = Assert.IsType<CodeableConcept>(missed.GetExtension("http://hl7.org/fhir/StructureDefinition/encounter-reasonCancelled")?.Value);
        Assert.Contains("did not attend", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phq9_milestone_targets_the_loinc_total_as_a_ceiling()
    {
        var milestone = Assert.Single(_exported.All<Hl7.Fhir.Model.Goal>(), g => g.Description.Text == "PHQ-9 at most 9");
        var target = Assert.Single(milestone.Target);
        Assert.Equal("44261-6", target.Measure?.Coding[0].Code);
        var ceiling = Assert.IsType<Quantity>(target.Detail);
        Assert.Equal((9m, Quantity.QuantityComparator.LessOrEqual), (ceiling.Value, ceiling.Comparator));
    }

    [Fact]
    public void The_export_is_audited_with_the_exporting_user_the_patient_and_the_bundle()
    {
        var bundle = CaseBundleMapper.ToBundle(_exported.Script.Case, _exported.Script.History,
            TreatedCases.Context(new ExportingUser("ben", "supervisor")));
        var audit = Assert.Single(bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>());

        Assert.Equal("ben", Assert.Single(audit.Agent).Who?.Identifier?.Value);
        Assert.Equal(TreatedCases.ExportedAt, audit.Recorded);
        Assert.Contains(audit.Entity, e => e.What?.Reference == bundle.Entry.Single(x => x.Resource is Patient).FullUrl);
        Assert.Contains(audit.Entity, e => e.What?.Identifier?.Value == bundle.Id);
    }

    [Fact]
    public void Ids_of_two_tenants_never_collide() =>
        Assert.NotEqual(FhirIds.For("north", "case", "case-1", "patient"), FhirIds.For("south", "case", "case-1", "patient"));
}
