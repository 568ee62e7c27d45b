using TumorRegistry.Linkage.Comparators;
using TumorRegistry.Synthetic.Linkage;

namespace TumorRegistry.Linkage.Tests;

/// <summary>A generated population prepared for linkage, with its planted truth.</summary>
public sealed class Population
{
    public static readonly string NicknamePath = Path.Combine(AppContext.BaseDirectory, "reference", "linkage", "nicknames.csv");

    public List<LinkageRecord> Records { get; }
    public PreparedPerson[] Prepared { get; }
    public List<(int A, int B)> Truth { get; }

    public Population(int size, double duplicateShare, int seed)
    {
        var pairs = File.ReadLines(NicknamePath).Skip(1).Select(l => l.Split(',')).Select(p => (p[0], p[1])).ToList();
        var table = NicknameTable.Load(NicknamePath);
        Records = LinkagePopulation.Generate(size, duplicateShare, seed, pairs);
        Prepared = Records.Select(r => new PreparedPerson(Identity(r), table)).ToArray();
        Truth = Records.Select((r, i) => (r.DuplicateOf, i)).Where(p => p.DuplicateOf >= 0).ToList();
    }

    public static PersonIdentity Identity(LinkageRecord r) => new(r.Last, r.First, r.Middle, r.BirthSurname, r.DateOfBirth, r.Sex, r.Ssn, r.Zip);
}
