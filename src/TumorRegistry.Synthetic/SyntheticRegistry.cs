using TumorRegistry.Domain.Events;

namespace TumorRegistry.Synthetic;

/// <summary>One generated report: a patient stream and a tumor stream, with what was drawn and what was planted.</summary>
public sealed record SyntheticCase(int Index, Guid PatientId, Guid TumorId, IReadOnlyList<DomainEvent> PatientEvents,
    IReadOnlyList<DomainEvent> TumorEvents, SyntheticPerson Person, string Facility, int? DuplicateOf)
{
    public bool Completed => TumorEvents.Any(e => e is CaseCompleted);
}

/// <summary>
/// A realistic synthetic registry, deterministic from a seed: sites by sex and age in the published proportions,
/// codes consistent with the site, diagnoses over the chosen years, residence in the state's real counties by
/// population (with one planted cluster), cancer deaths drawn from the published stage-specific 5-year relative
/// survival and other deaths from <see cref="SyntheticMortality"/>, follow-up with gaps and losses, death-certificate-only
/// cases, planted edit errors and planted duplicate reports. Streams lazily: millions of tumors in constant memory.
/// </summary>
public static class SyntheticRegistry
{
    public static IEnumerable<SyntheticCase> Generate(SyntheticOptions options, SyntheticData? data = null)
    {
        data ??= SyntheticData.NewMexico;
        var random = new Random(options.Seed);
        var draw = new SyntheticDraws(data, options);
        var index = 0;
        for (var tumor = 0; tumor < options.Tumors; tumor++)
        {
            var person = draw.Person(random);
            var original = SyntheticCaseBuilder.Build(random, options, data, index++, person, duplicateOf: null);
            yield return original;
            if (random.NextDouble() < options.DuplicateReportRate && !original.Person.DeathCertificateOnly)
                yield return SyntheticCaseBuilder.Build(random, options, data, index++, SyntheticPeople.Varied(random, data, person), original.Index, original.Facility);
        }
    }

    /// <summary>Guids from the seeded generator, shaped as version 4, so a seed fixes every stream id.</summary>
    internal static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
