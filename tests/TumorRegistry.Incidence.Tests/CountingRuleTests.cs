using TumorRegistry.Incidence.Counting;

namespace TumorRegistry.Incidence.Tests;

public class CountingRuleTests
{
    [Theory]
    [InlineData("3", "C341", "8140", "NM", true)]   // malignant lung, resident
    [InlineData("3", "C341", "8140", "nm", true)]   // state compared without case
    [InlineData("3", "C341", "8140", "AZ", false)]  // diagnosed while living in another state
    [InlineData("2", "C679", "8120", "NM", true)]   // in situ bladder counts
    [InlineData("2", "C67.2", "8130", "NM", true)]  // site written with the dot
    [InlineData("2", "C500", "8500", "NM", false)]  // in situ breast does not
    [InlineData("2", "C680", "8120", "NM", false)]  // urethra is not bladder
    [InlineData("1", "C710", "9380", "NM", false)]  // borderline brain reported separately
    [InlineData("0", "C700", "9530", "NM", false)]  // benign meninges
    [InlineData("3", "C341", "", "NM", false)]      // no histology: incomplete abstract
    public void Residents_malignant_plus_in_situ_bladder(string behavior, string site, string histology, string state, bool counted) =>
        Assert.Equal(counted, IncidenceCountingRules.IsCounted(new TumorRecord(behavior, site, histology, state), "NM"));

    [Fact]
    public void Sql_predicate_states_the_same_rule()
    {
        string sql = IncidenceCountingRules.SqlPredicate("t.behavior", "t.site", "t.hist", "t.dx_state", "$1");
        Assert.Equal("(upper(trim(t.dx_state)) = upper($1) AND (t.behavior = '3' OR (t.behavior = '2' AND t.site ~ '^C67[0-9]$')) AND t.hist ~ '^[89][0-9]{3}$')", sql);
    }

    [Fact]
    public void Sql_predicate_compares_a_normalised_state_column_as_it_is()
    {
        string sql = IncidenceCountingRules.SqlPredicate("t.behavior", "t.site", "t.hist", "t.dx_state", "$1", stateStoredUpperTrimmed: true);
        Assert.StartsWith("(t.dx_state = upper($1) AND (t.behavior = '3'", sql);
    }
}

public class IncidenceCounterTests
{
    static IncidenceTumor T(string id, string behavior, string site, string state, int age, string? group = "Urinary Bladder") =>
        new(id, new TumorRecord(behavior, site, "8120", state), "35001", Populations.Sex.Male, "White", 2021, age, group);

    [Fact]
    public void Counts_each_counted_tumor_once_in_its_age_group_cell()
    {
        var cells = IncidenceCounter.Count(
        [
            T("a", "3", "C679", "NM", 67),
            T("a", "3", "C679", "NM", 67),          // same tumor reported twice
            T("b", "2", "C670", "NM", 65),          // in situ bladder counts
            T("c", "2", "C670", "AZ", 66),          // non-resident
            T("d", "3", "C679", "NM", 70),          // next age group
            T("e", "3", "C679", "NM", 68, null),    // in no site group
        ], "NM");
        Assert.Equal(
            [new Tables.CaseCount("35001", "Urinary Bladder", Populations.Sex.Male, "White", 2021, 14, 2),
             new Tables.CaseCount("35001", "Urinary Bladder", Populations.Sex.Male, "White", 2021, 15, 1)], cells);
    }
}
