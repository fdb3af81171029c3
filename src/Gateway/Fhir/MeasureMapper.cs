using Hl7.Fhir.Model;
using Ipt.Cluster.Cases;
using Ipt.Cluster.Measures;

namespace Ipt.Cluster.Gateway.Fhir;

/// <summary>
/// Each questionnaire as a QuestionnaireResponse (LOINC item codes as linkIds, LOINC answer codes)
/// and its score as an Observation (category survey, the LOINC total, the severity band as its
/// interpretation) derived from that response. Every LOINC code comes from <see cref="Loinc"/>.
/// Tenant-defined instruments have no LOINC codes: their items are numbered and answered with
/// integers, their score coded by text.
/// </summary>
internal sealed class MeasureMapper(CaseState caseState, CaseFacts facts, FhirContext context, CaseRefs refs)
{
    /// <summary>LOINC's canonical for its panels as FHIR Questionnaires.</summary>
    public const string LoincQuestionnaireBase = "http://loinc.org/q/";

    private static readonly CodeableConcept Survey =
        FhirTerminology.Concept(FhirTerminology.ObservationCategory, "survey", "Survey");

    public IEnumerable<Resource> Resources()
    {
        foreach (var measure in caseState.Measures)
        {
            yield return Response(measure);
            yield return Score(measure);
        }
    }

    private QuestionnaireResponse Response(MeasureRecord measure)
    {
        var score = measure.Score;
        var panel = Loinc.Panel(score.Instrument);
        var response = new QuestionnaireResponse
        {
            Id = refs.Response(measure.Sequence),
            Questionnaire = panel is null ? null : LoincQuestionnaireBase + panel,
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = CaseRefs.To(refs.Patient),
            Encounter = SessionOf(measure),
            Authored = FhirDates.DateTime(measure.At),
            Author = PartyMapper.Person(facts.ScoredBy(measure.Sequence), context, refs),
        };
        for (var i = 0; i < score.Answers.Count; i++)
        {
            response.Item.Add(panel is null
                ? Item((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new Integer(score.Answers[i]))
                : Item(Loinc.Item(score.Instrument, i)!, new Coding(Loinc.System, Loinc.Answer(score.Answers[i]))));
        }
        return response;
    }

    private Observation Score(MeasureRecord measure)
    {
        var score = measure.Score;
        var observation = new Observation
        {
            Id = refs.Score(measure.Sequence),
            Status = ObservationStatus.Final,
            Category = [Survey],
            Code = Loinc.Total(score.Instrument) is { } total
                ? new CodeableConcept(Loinc.System, total) { Text = score.Instrument.ToUpperInvariant() + " total score" }
                : new CodeableConcept { Text = score.Instrument + " total score" },
            Subject = CaseRefs.To(refs.Patient),
            Encounter = SessionOf(measure),
            Effective = FhirDates.Element(measure.At),
            Value = new Integer(score.Total),
            DerivedFrom = [CaseRefs.To(refs.Response(measure.Sequence))],
        };
        if (!string.IsNullOrEmpty(score.Band))
        {
            // Built-in bands are coded; a tenant's own instrument names its bands itself.
            observation.Interpretation.Add(FhirCodeSystems.Display(FhirCodeSystems.SeverityBand, score.Band) is not null && Loinc.Total(score.Instrument) is not null
                ? FhirCodeSystems.Concept(FhirCodeSystems.SeverityBand, score.Band)
                : new CodeableConcept { Text = score.Band });
        }
        return observation;
    }

    private ResourceReference? SessionOf(MeasureRecord measure) =>
        measure.SessionNumber is { } number && caseState.Sessions.Any(s => s.Number == number) ? CaseRefs.To(refs.Session(number)) : null;

    private static QuestionnaireResponse.ItemComponent Item(string linkId, DataType answer) => new()
    {
        LinkId = linkId,
        Answer = [new QuestionnaireResponse.AnswerComponent { Value = answer }],
    };
}
