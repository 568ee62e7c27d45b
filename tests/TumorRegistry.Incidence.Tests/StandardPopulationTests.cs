using TumorRegistry.Incidence.AgeGroups;
using TumorRegistry.Incidence.Standards;

namespace TumorRegistry.Incidence.Tests;

public class StandardPopulationTests
{
    [Fact]
    public void Us_2000_standard_is_read_from_the_shipped_reference_file()
    {
        var std = StandardPopulation.Us2000();
        Assert.Equal(19, std.Groups.Count);
        Assert.Equal(274_633_642, std.Weights.Sum());
        Assert.Equal(3_794_901, std.Groups[0].Population);
        Assert.Equal((18, 18), (std.Groups[18].FirstSeerGroup, std.Groups[18].LastSeerGroup));
    }

    [Fact]
    public void Eighteen_group_variant_merges_ages_0_and_1_to_4()
    {
        var std = StandardPopulation.Us2000EighteenGroups();
        Assert.Equal(18, std.Groups.Count);
        Assert.Equal(3_794_901 + 15_191_619, std.Groups[0].Population);
        Assert.Equal(274_633_642, std.Weights.Sum());
        var collapsed = std.Collapse(Enumerable.Range(0, 19).Select(i => (long)i).ToArray());
        Assert.Equal(1, collapsed[0]);
        Assert.Equal(18, collapsed[17]);
    }

    [Fact]
    public void User_standard_such_as_world_in_five_year_groups_is_read_from_csv()
    {
        // Segi world standard (per 100,000), 18 groups with 85+ open.
        string csv = "age_group,age_low,age_high,population\n00-04,0,4,12000\n05-09,5,9,10000\n10-14,10,14,9000\n15-19,15,19,9000\n"
            + "20-24,20,24,8000\n25-29,25,29,8000\n30-34,30,34,6000\n35-39,35,39,6000\n40-44,40,44,6000\n45-49,45,49,6000\n"
            + "50-54,50,54,5000\n55-59,55,59,4000\n60-64,60,64,4000\n65-69,65,69,3000\n70-74,70,74,2000\n75-79,75,79,1000\n80-84,80,84,500\n85+,85,,500\n";
        var world = StandardPopulation.Load("World (Segi 1960)", new StringReader(csv));
        Assert.Equal(18, world.Groups.Count);
        Assert.Equal(100_000, world.Weights.Sum());
        Assert.Equal((0, 1), (world.Groups[0].FirstSeerGroup, world.Groups[0].LastSeerGroup));
    }

    [Fact]
    public void Standard_with_ages_off_the_SEER_boundaries_is_rejected_with_line_numbers()
    {
        string csv = "age_group,age_low,age_high,population\n0-2,0,2,10\n3-85,3,,10\n";
        var result = StandardPopulation.Parse("bad", new StringReader(csv));
        Assert.False(result.IsValid);
        Assert.Equal(new[] { (2, "age_high"), (3, "age_low") }, result.Errors.Select(e => (e.LineNumber, e.Field)));
        var gap = StandardPopulation.Parse("gap", new StringReader("age_group,age_low,age_high,population\n0,0,0,1\n5+,5,,1\n"));
        Assert.Contains("SEER age group 1", gap.Errors.Single().Message);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(84, 17)]
    [InlineData(85, 18)]
    [InlineData(101, 18)]
    public void Single_ages_map_to_SEER_groups(int age, int group) => Assert.Equal(group, SeerAgeGroups.FromAge(age));

    [Fact]
    public void Age_group_labels_read_as_registrars_write_them()
    {
        Assert.Equal("00", SeerAgeGroups.Label(0));
        Assert.Equal("01-04", SeerAgeGroups.Label(1));
        Assert.Equal("80-84", SeerAgeGroups.Label(17));
        Assert.Equal("85+", SeerAgeGroups.Label(18));
    }
}

public class AgeGroupSqlTests
{
    [Fact]
    public void Sql_age_group_expression_mirrors_the_csharp_mapping() =>
        Assert.Equal("(CASE WHEN a = 0 THEN 0 WHEN a < 5 THEN 1 WHEN a >= 5 THEN LEAST(18, a / 5 + 1) END)", SeerAgeGroups.SqlExpression("a"));

    [Fact]
    public void A_null_age_matches_no_branch_so_the_sql_group_is_null_not_85_plus()
    {
        // In SQL every comparison with NULL is unknown, so only an ELSE branch could give a NULL age a group:
        // the old ELSE LEAST(18, NULL / 5 + 1) gave 18, because LEAST skips NULLs.
        var sql = SeerAgeGroups.SqlExpression("age");
        Assert.DoesNotContain("ELSE", sql);
        var branches = sql.Split("WHEN ", StringSplitOptions.None).Skip(1).ToList();
        Assert.Equal(3, branches.Count);
        Assert.All(branches, b => Assert.StartsWith("age ", b));
    }
}
