namespace TumorRegistry.Synthetic;

/// <summary>Everything drawn for one person and their tumor, before it is written as events.</summary>
public sealed record SyntheticPerson
{
    public required int Number { get; init; }
    public required string Sex { get; init; }
    public required SiteProfile Site { get; init; }
    public required int Age { get; init; }
    public required DateOnly Diagnosis { get; init; }
    public required DateOnly Birth { get; init; }
    public required County County { get; init; }
    public required string Race1 { get; init; }
    public required bool Hispanic { get; init; }
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public required string Ssn { get; init; }
    public required StageGroup Stage { get; init; }
    public required string StageCode { get; init; }
    public required string Laterality { get; init; }
    public required string Grade { get; init; }
    public required DateOnly? Death { get; init; }
    public required bool CancerDeath { get; init; }
    public required DateOnly LastContact { get; init; }
    public required bool DeathCertificateOnly { get; init; }
    public required string? PlantedEdit { get; init; }
}

/// <summary>The draws, with the weight tables built once per generation.</summary>
internal sealed class SyntheticDraws
{
    private readonly SyntheticData _data;
    private readonly SyntheticOptions _options;
    private readonly Dictionary<string, SiteProfile[]> _sitesBySex;
    private readonly Dictionary<string, double[]> _siteWeights;
    private readonly double[] _countyWeights;
    private readonly double[] _clusterWeights;
    private int _number;

    private readonly double[] _raceWeights;

    public SyntheticDraws(SyntheticData data, SyntheticOptions options)
    {
        (_data, _options) = (data, options);
        _sitesBySex = data.Sites.GroupBy(s => s.Sex).ToDictionary(g => g.Key, g => g.ToArray());
        _siteWeights = _sitesBySex.ToDictionary(p => p.Key, p => p.Value.Select(s => s.Share).ToArray());
        _raceWeights = data.RaceMix.Select(r => r.Share).ToArray();
        _countyWeights = data.Counties.Select(c => (double)c.Population).ToArray();
        _clusterWeights = data.Counties.Select(c => c.Population * (c.Fips == options.Cluster.CountyFips ? options.Cluster.RelativeRisk : 1)).ToArray();
    }

    public SyntheticPerson Person(Random random)
    {
        var sex = random.Next(2) == 0 ? "1" : "2";
        var site = _sitesBySex[sex][Pick(random, _siteWeights[sex])];
        var county = _data.Counties[Pick(random, site.Site == _options.Cluster.Site ? _clusterWeights : _countyWeights)];
        var age = (int)Math.Round(Math.Clamp(site.MedianAge + 13 * Normal(random), 18, 99));
        var year = _options.FirstYear + random.Next(_options.LastYear - _options.FirstYear + 1);
        var diagnosis = new DateOnly(year, 1, 1).AddDays(random.Next(DateTime.IsLeapYear(year) ? 366 : 365));
        var birth = diagnosis.AddYears(-age).AddDays(-random.Next(1, 365));
        var stage = (StageGroup)Pick(random, site.StageShares);
        var race = _data.RaceMix[Pick(random, _raceWeights)];
        var given = SyntheticPeople.Given(random, _data, sex);

        var outcome = SyntheticSurvival.Draw(random, site, stage, birth, sex, diagnosis, _options.FollowUpThrough);
        var dco = outcome.Death is { } d && random.NextDouble() < _options.DeathCertificateOnlyRate;
        var planted = dco || random.NextDouble() >= _options.PlantedErrorRate ? null
            : site.SexSpecific ? (sex == "2" ? "TR101" : "TR102") : site.Paired ? "TR103" : "TR205";
        return new SyntheticPerson
        {
            Number = ++_number, Sex = planted is "TR101" or "TR102" ? (sex == "1" ? "2" : "1") : sex, Site = site, Age = age,
            Diagnosis = dco ? outcome.Death!.Value : diagnosis, Birth = birth, County = county, Race1 = race.Race1, Hispanic = race.Hispanic,
            GivenName = given, FamilyName = _data.FamilyNames[random.Next(_data.FamilyNames.Count)],
            // Fake people get the "unknown" SSN (a valid-looking one could be a real person's); the planted TR205 error
            // uses area 666, which is never issued.
            Ssn = planted == "TR205" ? $"666{random.Next(10, 100)}{random.Next(1000, 10000)}" : "999999999",
            Stage = dco ? StageGroup.Unknown : stage, StageCode = dco ? "9" : StageCode(random, stage),
            Laterality = planted == "TR103" ? "0" : site.Paired ? (random.Next(2) == 0 ? "1" : "2") : "0",
            Grade = dco ? "9" : new[] { "1", "2", "2", "3", "9" }[random.Next(5)],
            Death = outcome.Death, CancerDeath = outcome.CancerDeath, LastContact = outcome.LastContact,
            DeathCertificateOnly = dco, PlantedEdit = planted,
        };
    }

    private static string StageCode(Random random, StageGroup stage) => stage switch
    {
        StageGroup.InSitu => "0",
        StageGroup.Localized => "1",
        StageGroup.Regional => new[] { "2", "3", "4" }[random.Next(3)],
        StageGroup.Distant => "7",
        _ => "9",
    };

    internal static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
            if ((x -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    // Box-Muller: one standard normal value.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
