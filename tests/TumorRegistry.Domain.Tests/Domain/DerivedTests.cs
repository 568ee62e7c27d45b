using TumorRegistry.Domain.Cases;

namespace TumorRegistry.Domain.Tests.Domain;

public class DerivedTests
{
    [Fact]
    public void Age_and_site_recode_come_from_the_case_items()
    {
        var items = Abstracts.Case();
        Assert.Equal(49, Derived.AgeAtDiagnosis(items));
        Assert.Equal("39", Derived.SiteRecode(items)!.Recode);
        Assert.Null(Derived.AgeAtDiagnosis(Abstracts.Case("dateOfBirth=1973")));
        Assert.Null(Derived.SiteRecode(Abstracts.Case("primarySite=")));
    }
}
