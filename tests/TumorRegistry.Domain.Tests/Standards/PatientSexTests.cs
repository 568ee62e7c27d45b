using TumorRegistry.Standards.Demographics;

namespace TumorRegistry.Domain.Tests.Standards;

public class PatientSexTests
{
    [Theory]
    [InlineData("1", SexAssignedAtBirth.Male)]
    [InlineData("2", SexAssignedAtBirth.Female)]
    [InlineData("3", SexAssignedAtBirth.Other)]
    [InlineData("4", SexAssignedAtBirth.Unknown)]
    [InlineData("5", SexAssignedAtBirth.Male)]
    [InlineData("6", SexAssignedAtBirth.Female)]
    [InlineData("9", SexAssignedAtBirth.Unknown)]
    public void V25_sex_maps_to_sex_assigned_at_birth_and_back(string code, SexAssignedAtBirth atBirth)
    {
        var sex = PatientSex.FromV25(code)!.Value;
        Assert.Equal(atBirth, sex.AtBirth);
        Assert.Equal(code, sex.ToV25Code());
    }

    [Fact]
    public void V26_item_wins_over_v25_and_maps_to_v25_codes()
    {
        var items = new Dictionary<string, string> { ["sex"] = "1", ["sexAssignedAtBirth"] = "2" };
        var sex = PatientSex.FromItems(items)!.Value;
        Assert.Equal(SexAssignedAtBirth.Female, sex.AtBirth);
        Assert.Equal("2", sex.ToV25Code());
        Assert.Equal("9", new PatientSex(SexAssignedAtBirth.Other).ToV26Code());
        Assert.Null(PatientSex.FromV26("3"));
        Assert.Null(PatientSex.FromItems(new Dictionary<string, string>()));
    }
}
