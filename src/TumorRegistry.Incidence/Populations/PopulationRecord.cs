namespace TumorRegistry.Incidence.Populations;

/// <summary>Sex as coded in SEER population files and NAACCR (1 = male, 2 = female).</summary>
public enum Sex
{
    /// <summary>Male (code 1).</summary>
    Male = 1,
    /// <summary>Female (code 2).</summary>
    Female = 2,
}

/// <summary>Whether the age field of a SEER population file holds the 19 age groups or single years of age.</summary>
public enum SeerAgeCoding
{
    /// <summary>00 = 0, 01 = 1-4, ..., 18 = 85+.</summary>
    NineteenGroups,
    /// <summary>00-84 single years, 85 = 85+ (older files) or up to 90 = 90+ (newer files).</summary>
    SingleAges,
}

/// <summary>
/// One line of a SEER "U.S. county population data" file (1969+ layout, 26 characters):
/// year 1-4, state postal 5-6, state FIPS 7-8, county FIPS 9-11, registry 12-13, race 14, origin 15,
/// sex 16, age 17-18, population 19-26.
/// </summary>
/// <param name="Year">Calendar year of the July 1 estimate.</param>
/// <param name="StatePostal">Two-letter postal abbreviation ("KR" is SEER's Katrina/Rita evacuee dummy state).</param>
/// <param name="StateFips">Two-digit state FIPS code.</param>
/// <param name="CountyFips">Three-digit county FIPS code (within the state).</param>
/// <param name="Registry">Two-digit SEER registry code, 99 = non-SEER area.</param>
/// <param name="Race">1 White, 2 Black, 3 American Indian/Alaska Native (or Other in W/B/O files), 4 Asian or Pacific Islander.</param>
/// <param name="Origin">0 non-Hispanic, 1 Hispanic, 9 not applicable.</param>
/// <param name="Sex">Male or female.</param>
/// <param name="Age">Age group (00-18) or single age, depending on the file.</param>
/// <param name="Population">Population estimate.</param>
public sealed record PopulationRecord(int Year, string StatePostal, string StateFips, string CountyFips, string Registry,
    int Race, int Origin, Sex Sex, int Age, long Population)
{
    /// <summary>Five-digit county FIPS code (state + county), the area key used in tables.</summary>
    public string FullCountyFips => StateFips + CountyFips;
}

/// <summary>A population denominator cell in the shape the incidence tables use.</summary>
/// <param name="CountyFips">Five-digit county FIPS (state + county).</param>
/// <param name="Year">Calendar year.</param>
/// <param name="Sex">Male or female.</param>
/// <param name="RaceEthnicity">Race/ethnicity group label, same vocabulary as the case counts.</param>
/// <param name="AgeGroup">SEER age group 0-18.</param>
/// <param name="Population">Person-years for that year.</param>
public sealed record PopulationCell(string CountyFips, int Year, Sex Sex, string RaceEthnicity, int AgeGroup, long Population);
