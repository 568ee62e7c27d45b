using Microsoft.Extensions.DependencyInjection.Extensions;
using TumorRegistry.Api.FollowUp.Answers;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Api.FollowUp.Letters;
using TumorRegistry.Infrastructure.FollowUp;

namespace TumorRegistry.Api.FollowUp;

/// <summary>The registry manager's annual follow-up: the due list, the CoC follow-up rates, follow-up request letters and the
/// nightly workload snapshots (FollowUpJobs).</summary>
public static class FollowUpModule
{
    public static IServiceCollection AddFollowUp(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FollowUpReader>();
        services.TryAddSingleton(FollowUpRulesFile.Default);
        services.TryAddSingleton(TumorRegistry.Standards.NaaccrStandards.Default);
        services.AddScoped<Letters.LetterBatchService>();
        services.TryAddSingleton<FollowUpAsRecorded>();
        return services;
    }

    public static IEndpointRouteBuilder MapFollowUp(this IEndpointRouteBuilder app)
    {
        var followUp = app.MapGroup("/follow-up").WithTags("Follow-up");
        followUp.MapDueList();
        followUp.MapFollowUpRates();
        followUp.MapFollowUpRatesAsRecorded();
        followUp.MapFollowUpLetters();
        followUp.MapFollowUpSnapshots();
        followUp.MapFollowUpViews();
        followUp.MapLetterTemplates();
        followUp.MapLetterBatches();
        app.MapRecordFollowUpAnswer();
        return app;
    }
}
