using System.Net;
using System.Net.Http.Headers;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>The Hangfire dashboard at /jobs answers signed-in managers and admins only.</summary>
public sealed class JobsDashboardTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Theory]
    [InlineData("manager")]
    [InlineData("admin")]
    public async Task The_dashboard_answers_a_manager_or_an_admin_and_lists_the_recurring_jobs(string role)
    {
        var client = Client(role);
        var home = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("TumorRegistry jobs", await home.Content.ReadAsStringAsync());

        var recurring = await client.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        var page = await recurring.Content.ReadAsStringAsync();
        Assert.Contains("follow-up-snapshot", page);
        Assert.Contains("date-edits", page);
        // The follow-up workflow's jobs, whose runs the dashboard shows like the snapshot's.
        foreach (var job in new[] { "follow-up-due-list", "follow-up-escalation", "follow-up-lost", "follow-up-rates-monthly" })
            Assert.Contains(job, page);
    }

    [Theory]
    [InlineData("registrar")]
    [InlineData("epidemiologist")]
    public async Task The_dashboard_refuses_other_roles(string role)
    {
        var response = await Client(role).GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("follow-up-snapshot", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_refuses_an_anonymous_request()
    {
        var response = await registry.Anonymous().GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Client(string role)
    {
        var client = registry.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            TestPrincipals.Token("jobs." + role, [role], ["*"]));
        return client;
    }
}
