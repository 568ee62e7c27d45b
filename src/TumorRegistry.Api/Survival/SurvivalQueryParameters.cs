using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace TumorRegistry.Api.Survival;

/// <summary>
/// The query parameters of the survival reports, declared so the OpenAPI document lists them. All are text: the
/// shared parser in Infrastructure checks them and names each bad one in the 400.
/// </summary>
public sealed class SurvivalQueryParameters
{
    [FromQuery(Name = "site"), Description("SEER site recode 2023 codes or group names, comma separated (e.g. 30, Digestive System).")]
    public string? Site { get; set; }
    [FromQuery(Name = "stage"), Description("Summary Stage 2018 codes, e.g. 1,2,3,4,7.")]
    public string? Stage { get; set; }
    [FromQuery(Name = "sex"), Description("Sex codes: 1 male, 2 female, 9 unknown.")]
    public string? Sex { get; set; }
    [FromQuery(Name = "race"), Description("Race 1 codes, e.g. 01,02.")]
    public string? Race { get; set; }
    [FromQuery(Name = "age"), Description("Age ranges at diagnosis, e.g. 50-64,75+.")]
    public string? Age { get; set; }
    [FromQuery(Name = "years"), Description("Diagnosis year or range, e.g. 2015-2019.")]
    public string? Years { get; set; }
    [FromQuery(Name = "facility"), Description("Reporting facility codes.")]
    public string? Facility { get; set; }
    [FromQuery(Name = "state"), Description("State at diagnosis (postal code).")]
    public string? State { get; set; }
    [FromQuery(Name = "county"), Description("County at diagnosis (3-digit FIPS).")]
    public string? County { get; set; }
    [FromQuery(Name = "stratify"), Description("none|site|stage|sex|age|race|year|facility|county.")]
    public string? Stratify { get; set; }
    [FromQuery(Name = "ageGroups"), Description("broad (0-49/50-64/65-74/75+) or 5y, for stratify=age.")]
    public string? AgeGroups { get; set; }
    [FromQuery(Name = "cutoff"), Description("Study cutoff yyyy-MM-dd (default: the last date of last contact in the cohort).")]
    public string? Cutoff { get; set; }
    [FromQuery(Name = "followUp"), Description("active (default) or presumed-alive.")]
    public string? FollowUp { get; set; }
    [FromQuery(Name = "format"), Description("json|csv|svg|html (svg and html for observed and cause-specific).")]
    public string? Format { get; set; }
    [FromQuery(Name = "title")]
    public string? Title { get; set; }
    [FromQuery(Name = "confidence"), Description("log (default), log-log (default for life tables) or plain.")]
    public string? Confidence { get; set; }
    [FromQuery(Name = "level"), Description("Confidence level, default 0.95.")]
    public string? Level { get; set; }
    [FromQuery(Name = "timeUnit"), Description("months (SEER survival months, default) or days.")]
    public string? TimeUnit { get; set; }
    [FromQuery(Name = "interval"), Description("Life table: yearly (default) or monthly.")]
    public string? Interval { get; set; }
    [FromQuery(Name = "intervals"), Description("Life table: number of intervals shown.")]
    public string? Intervals { get; set; }
    [FromQuery(Name = "survived"), Description("Conditional: months already survived (default 12).")]
    public string? Survived { get; set; }
    [FromQuery(Name = "additional"), Description("Conditional: further months (default 60).")]
    public string? Additional { get; set; }
    [FromQuery(Name = "lifeTable"), Description("Relative: name of an imported population life table.")]
    public string? LifeTable { get; set; }
    [FromQuery(Name = "method"), Description("Relative: pohar-perme (net survival, default) or ederer2.")]
    public string? Method { get; set; }
    [FromQuery(Name = "histology"), Description("ICD-O-3 histology codes or ranges, e.g. 8140,8500-8549.")]
    public string? Histology { get; set; }
    [FromQuery(Name = "behavior"), Description("ICD-O-3 behavior codes, e.g. 3.")]
    public string? Behavior { get; set; }
    [FromQuery(Name = "vitalStatus"), Description("Vital status: 0 dead, 1 alive.")]
    public string? VitalStatus { get; set; }
    [FromQuery(Name = "icss"), Description("Relative: age-standardise with ICSS weights: auto (by site), 1, 2 or 3.")]
    public string? Icss { get; set; }
    [FromQuery(Name = "times"), Description("Relative: days at which standardised net survival is read (default 365,1826).")]
    public string? Times { get; set; }
    [FromQuery(Name = "period"), Description("Relative: period analysis, follow-up inside these calendar years only, e.g. 2018-2022.")]
    public string? Period { get; set; }
    [FromQuery(Name = "asOfSequence"), Description("Recompute as the registry stood after this event sequence number.")]
    public string? AsOfSequence { get; set; }
    [FromQuery(Name = "asOf"), Description("Recompute as the registry stood at this date or time.")]
    public string? AsOf { get; set; }
    [FromQuery(Name = "cohort"), Description("Name of a saved cohort (its criteria choose the cases).")]
    public string? Cohort { get; set; }
}
