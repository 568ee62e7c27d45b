using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Domain.FollowUp;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp.Pages;

/// <summary>The CoC follow-up rates against their standards (80% since the reference year, 90% for the last five years),
/// computed as GET /follow-up/rates does, each facility linked to the due list behind its rate.</summary>
public sealed class RatesModel(FollowUpReader reader, TimeProvider clock, IConfiguration configuration, FollowUpRules rules) : PageModel
{
    public FollowUpRatesReport Report { get; private set; } = null!;
    public string? Problem { get; private set; }
    public string ReferenceYearText { get; private set; } = "";

    public async Task OnGetAsync(string? referenceYear)
    {
        var p = new FollowUpParameters(clock);
        var at = p.AsOf(null);
        // Without one given, the registry's reference year as the nightly snapshot uses it (FollowUp:ReferenceYear).
        var configured = Jobs.FollowUpJobs.ReferenceYear(configuration, at);
        ReferenceYearText = string.IsNullOrWhiteSpace(referenceYear) ? configured.ToString(System.Globalization.CultureInfo.InvariantCulture) : referenceYear.Trim();
        var year = p.ReferenceYear(ReferenceYearText, at);
        if (p.Errors.Count > 0)
        {
            Problem = string.Join(" ", p.Errors.SelectMany(e => e.Value));
            year = configured;
        }
        Report = await FollowUpRatesEndpoint.ComputeAsync(reader, User, at, year, rules, HttpContext.RequestAborted);
    }
}
