using MathNet.Numerics.LinearAlgebra;
using TumorRegistry.Incidence.Populations;
using TumorRegistry.Incidence.Tables;

namespace TumorRegistry.Incidence.Tests;

public class SuppressionTests
{
    [Fact]
    public void A_lone_small_county_forces_its_smallest_neighbour_to_be_hidden()
    {
        // State total 100 = counties 10 + 40 + 50.
        var marks = Suppression.Apply([100, 10, 40, 50], [[0, 1, 2, 3]], 16);
        Assert.Equal([SuppressionMark.None, SuppressionMark.Primary, SuppressionMark.Complementary, SuppressionMark.None], marks);
    }

    [Fact]
    public void A_small_total_with_one_part_hides_the_part_too()
    {
        var marks = Suppression.Apply([12, 12], [[0, 1]], 16);
        Assert.Equal([SuppressionMark.Primary, SuppressionMark.Primary], marks);
        var single = Suppression.Apply([40, 40, 0], [[0, 1, 2]], 16);
        // The total stays shown: the part is hidden instead.
        Assert.Equal([SuppressionMark.None, SuppressionMark.Complementary, SuppressionMark.Primary], single);
    }

    [Fact]
    public void Nothing_is_hidden_when_every_count_reaches_the_threshold()
    {
        Assert.All(Suppression.Apply([48, 16, 32], [[0, 1, 2]], 16), m => Assert.Equal(SuppressionMark.None, m));
        Assert.All(Suppression.Apply([48, 16, 32], [[0, 1, 2]], 0), m => Assert.Equal(SuppressionMark.None, m));
    }

    [Fact]
    public void Two_way_table_with_margins_leaves_no_cell_recoverable()
    {
        // 4 counties x (male, female) with row totals (both sexes) and column totals (state), grand total.
        long[,] inner = { { 5, 40 }, { 30, 30 }, { 70, 12 }, { 25, 90 } };
        var (counts, relations) = TwoWay(inner);
        var marks = Suppression.Apply(counts, relations, 16);
        AssertProtected(counts, relations, marks, 16);
    }

    [Fact]
    public void Random_three_way_tables_leave_no_cell_recoverable_by_any_combination_of_totals()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            // county (3 + state) x sex (2 + both) x race (3 + all), all margins.
            var (counts, relations) = ThreeWay(random, 3, 2, 3);
            var marks = Suppression.Apply(counts, relations, 16);
            AssertProtected(counts, relations, marks, 16);
        }
    }

    [Fact]
    public void The_exact_audit_catches_a_count_recoverable_only_by_combining_totals()
    {
        // 4 counties x 4 races. Small cells form two closed loops joined by one small cell, (county 1, race 2):
        // every row and column holds 0 or at least 2 hidden cells, yet rows 0-1 and columns 0-1 together give it away.
        long[,] inner = { { 5, 7, 40, 50 }, { 3, 9, 4, 60 }, { 45, 30, 6, 8 }, { 70, 25, 10, 2 } };
        var (counts, relations) = TwoWay(inner);
        int bridge = 1 * 5 + 2;
        var relationByRelation = Suppression.Apply(counts, relations, 16, exactAudit: false);
        Assert.Equal(9, relationByRelation.Count(m => m == SuppressionMark.Primary));
        Assert.DoesNotContain(SuppressionMark.Complementary, relationByRelation);
        Assert.Equal([bridge], RecoverableCells(counts, relations, relationByRelation));

        var audited = Suppression.Apply(counts, relations, 16);
        Assert.Contains(SuppressionMark.Complementary, audited);
        AssertProtected(counts, relations, audited, 16);
    }

    /// <summary>
    /// Checks the acceptance rule independently: every small count hidden; no relation with exactly one hidden member;
    /// and no hidden cell is a linear combination of the relations (e_j not in the row space of the hidden columns).
    /// </summary>
    internal static void AssertProtected(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, SuppressionMark[] marks, int threshold)
    {
        for (int i = 0; i < counts.Count; i++)
            if (counts[i] < threshold) Assert.NotEqual(SuppressionMark.None, marks[i]);
        foreach (var relation in relations)
            Assert.NotEqual(1, relation.Count(c => marks[c] != SuppressionMark.None));
        Assert.Empty(RecoverableCells(counts, relations, marks));
    }

    // Hidden cells whose unit vector lies in the row space of the relations (restricted to hidden cells): rank test with MathNet.
    static List<int> RecoverableCells(IReadOnlyList<long> counts, IReadOnlyList<int[]> relations, SuppressionMark[] marks)
    {
        var found = new List<int>();
        var hidden = Enumerable.Range(0, counts.Count).Where(i => marks[i] != SuppressionMark.None).ToList();
        if (hidden.Count == 0) return found;
        var rows = relations.Where(r => r.Any(c => marks[c] != SuppressionMark.None))
            .Select(r => hidden.Select(h => r.Skip(1).Count(c => c == h) - (r[0] == h ? 1.0 : 0.0)).ToArray()).ToList();
        var a = Matrix<double>.Build.DenseOfRowArrays(rows);
        int rank = a.Rank();
        for (int j = 0; j < hidden.Count; j++)
        {
            var unit = new double[hidden.Count];
            unit[j] = 1;
            var withUnit = Matrix<double>.Build.DenseOfRowArrays(rows.Append(unit));
            if (withUnit.Rank() == rank) found.Add(hidden[j]);
        }
        return found;
    }

    static (long[] Counts, List<int[]> Relations) TwoWay(long[,] inner)
    {
        int r = inner.GetLength(0), c = inner.GetLength(1);
        // Cell (i, j) for i in 0..r (r = total row), j in 0..c (c = total column).
        int Id(int i, int j) => i * (c + 1) + j;
        var counts = new long[(r + 1) * (c + 1)];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                counts[Id(i, j)] = inner[i, j];
                counts[Id(i, c)] += inner[i, j];
                counts[Id(r, j)] += inner[i, j];
                counts[Id(r, c)] += inner[i, j];
            }
        var relations = new List<int[]>();
        for (int i = 0; i <= r; i++) relations.Add([Id(i, c), .. Enumerable.Range(0, c).Select(j => Id(i, j))]);
        for (int j = 0; j <= c; j++) relations.Add([Id(r, j), .. Enumerable.Range(0, r).Select(i => Id(i, j))]);
        return (counts, relations);
    }

    static (long[] Counts, List<int[]> Relations) ThreeWay(Random random, int na, int nb, int nc)
    {
        int[] size = [na + 1, nb + 1, nc + 1];
        int Id(int a, int b, int c) => (a * size[1] + b) * size[2] + c;
        var counts = new long[size[0] * size[1] * size[2]];
        for (int a = 0; a < na; a++)
            for (int b = 0; b < nb; b++)
                for (int c = 0; c < nc; c++)
                {
                    long v = random.Next(4) == 0 ? random.Next(0, 16) : random.Next(16, 120);
                    foreach (int ta in new[] { a, na })
                        foreach (int tb in new[] { b, nb })
                            foreach (int tc in new[] { c, nc })
                                counts[Id(ta, tb, tc)] += v;
                }
        var relations = new List<int[]>();
        for (int a = 0; a <= na; a++)
            for (int b = 0; b <= nb; b++)
                for (int c = 0; c <= nc; c++)
                {
                    if (a == na) relations.Add([Id(a, b, c), .. Enumerable.Range(0, na).Select(x => Id(x, b, c))]);
                    if (b == nb) relations.Add([Id(a, b, c), .. Enumerable.Range(0, nb).Select(x => Id(a, x, c))]);
                    if (c == nc) relations.Add([Id(a, b, c), .. Enumerable.Range(0, nc).Select(x => Id(a, b, x))]);
                }
        return (counts, relations);
    }
}

/// <summary>The sex split against US Cancer Statistics / State Cancer Profiles practice (issue 13).</summary>
public class SexSplitSuppressionTests
{
    static IncidenceTable Breast(bool complementary)
    {
        var (pop, _) = IncidenceTableTests.Demo(2);
        var race = pop[0].RaceEthnicity;
        var cases = new List<CaseCount>();
        foreach (var county in pop.Select(p => p.CountyFips).Distinct())
        {
            cases.Add(new CaseCount(county, "Breast", Sex.Female, race, 2018, 12, 200));
            cases.Add(new CaseCount(county, "Breast", Sex.Male, race, 2018, 12, 2));
        }
        return IncidenceTableBuilder.Build(new IncidenceTableRequest
        {
            Standard = IncidenceTableTests.Std, FirstYear = 2016, LastYear = 2020, BySex = true, SiteGroups = ["Breast"],
            ComplementarySuppression = complementary,
        }, cases, pop);
    }

    [Fact]
    public void A_suppressed_male_breast_count_hides_both_sexes_not_female_breast()
    {
        var table = Breast(complementary: true);
        Assert.All(table.Rows.Where(r => r.Sex == "Female"), r => Assert.Equal(SuppressionMark.None, r.Suppression));
        Assert.All(table.Rows.Where(r => r.Sex == "Male"), r => Assert.Equal(SuppressionMark.Primary, r.Suppression));
        Assert.All(table.Rows.Where(r => r.Sex == IncidenceTable.BothSexes), r => Assert.Equal(SuppressionMark.Complementary, r.Suppression));
        Assert.All(table.Rows.Where(r => r.Sex == "Female"), r => Assert.NotNull(r.AgeAdjustedRate));
    }

    [Fact]
    public void Without_complementary_suppression_only_small_counts_are_hidden_as_USCS_publishes()
    {
        var table = Breast(complementary: false);
        Assert.All(table.Rows, r => Assert.Equal(r.Sex == "Male" ? SuppressionMark.Primary : SuppressionMark.None, r.Suppression));
    }
}
