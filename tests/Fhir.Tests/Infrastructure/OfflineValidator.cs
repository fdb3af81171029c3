using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Ipt.Cluster.Fhir.Tests.Infrastructure;

/// <summary>
/// The Firely validator over the R4 core specification package, offline: profiles, invariants and
/// the bindings to HL7 value sets are checked. It does not know LOINC: the LOINC tests do that.
/// Shared by the tests of <see cref="ValidatorCollection"/>.
/// </summary>
public sealed class OfflineValidator
{
    private readonly Validator _validator;

    public OfflineValidator()
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        _validator = new Validator(resolver, new LocalTerminologyService(resolver));
    }

    public IReadOnlyList<OperationOutcome.IssueComponent> Validate(Resource resource)
    {
        // The validator keeps caches that are not safe to share across threads.
        lock (_validator) return _validator.Validate(resource).Issue;
    }
}

/// <summary>The tests that validate share one validator: loading the specification takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ValidatorCollection : ICollectionFixture<OfflineValidator>
{
    public const string Name = "offline validator";
}
