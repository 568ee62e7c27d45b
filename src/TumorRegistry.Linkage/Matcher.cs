namespace TumorRegistry.Linkage;

/// <summary>One registry patient scored against an incoming record.</summary>
public sealed record LinkageCandidate(Guid PatientId, double Weight, int Pattern);

/// <summary>What linkage decided for an incoming record.</summary>
public abstract record LinkageOutcome
{
    public sealed record Link(Guid PatientId, double Weight) : LinkageOutcome;
    public sealed record Review(IReadOnlyList<LinkageCandidate> Candidates) : LinkageOutcome;
    public sealed record NonLink(int CandidatesCompared) : LinkageOutcome;
}

/// <summary>An incoming record against the registry patients that share a blocking key with it.</summary>
public static class Matcher
{
    public static LinkageOutcome Match(in PreparedPerson incoming, IEnumerable<(Guid PatientId, PreparedPerson Person)> candidates, LinkageModel model)
    {
        var scored = new List<LinkageCandidate>();
        var compared = 0;
        foreach (var (id, person) in candidates)
        {
            compared++;
            var pattern = Fields.Compare(incoming, person);
            scored.Add(new LinkageCandidate(id, model.Weight(pattern), pattern));
        }
        scored.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        var band = scored.Where(c => model.Decide(c.Weight) != LinkDecision.NonLink).ToList();
        if (band.Count == 0) return new LinkageOutcome.NonLink(compared);
        // One clear link links; two patients above the upper threshold mean the registry itself holds a duplicate,
        // which a registrar resolves.
        var links = band.Count(c => model.Decide(c.Weight) == LinkDecision.Link);
        return links == 1 ? new LinkageOutcome.Link(band[0].PatientId, band[0].Weight) : new LinkageOutcome.Review(band);
    }

    /// <summary>The field-by-field agreement of a pattern with its weights, for the review page.</summary>
    public static IReadOnlyList<FieldAgreement> Explain(int pattern, LinkageModel model) =>
        Enumerable.Range(0, Fields.Count).Select(f =>
        {
            var level = Fields.Level(pattern, f);
            return new FieldAgreement(Fields.Names[f], Fields.LevelNames[f][level], Math.Round(model.Weight(f, level), 2));
        }).ToList();
}

public sealed record FieldAgreement(string Field, string Agreement, double Weight);
