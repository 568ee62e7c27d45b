using TumorRegistry.Incidence.Populations;

namespace TumorRegistry.Incidence.Tables;

/// <summary>
/// Cases aggregated by county, site group, sex, race/ethnicity, year of diagnosis and SEER age group
/// (what a SQL GROUP BY over counted tumors returns; see <see cref="Counting.IncidenceCountingRules"/>).
/// </summary>
/// <param name="CountyFips">Five-digit county FIPS at diagnosis (state + county).</param>
/// <param name="SiteGroup">Site group label, e.g. a SEER site recode name.</param>
/// <param name="Sex">Male or female.</param>
/// <param name="RaceEthnicity">Race/ethnicity label, same vocabulary as the population cells.</param>
/// <param name="Year">Year of diagnosis.</param>
/// <param name="AgeGroup">SEER age group 0-18 of age at diagnosis.</param>
/// <param name="Count">Number of tumors.</param>
public sealed record CaseCount(string CountyFips, string SiteGroup, Sex Sex, string RaceEthnicity, int Year, int AgeGroup, long Count);
