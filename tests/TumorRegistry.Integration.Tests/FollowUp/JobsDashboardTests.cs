using System.Net;
using Microsoft.AspNetCore.Http;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>The Hangfire dashboard at /jobs answers loopback requests only. TestServer leaves RemoteIpAddress null unless
/// the request sets it, so each case sets the peer address it means; the unset (null) peer is a refused case of its own.</summary>
public sealed class JobsDashboardTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task The_dashboard_answers_a_loopback_request_and_lists_the_recurring_snapshot_job(string peer)
    {
        var home = await GetAsync("/jobs", IPAddress.Parse(peer));
        Assert.Equal(StatusCodes.Status200OK, home.Response.StatusCode);
        Assert.Contains("TumorRegistry jobs", await BodyAsync(home));

        var recurring = await GetAsync("/jobs/recurring", IPAddress.Parse(peer));
        Assert.Equal(StatusCodes.Status200OK, recurring.Response.StatusCode);
        Assert.Contains("follow-up-snapshot", await BodyAsync(recurring));
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::1")]
    [InlineData(null)]
    public async Task The_dashboard_refuses_a_request_that_is_not_shown_to_come_from_loopback(string? peer)
    {
        var response = await GetAsync("/jobs/recurring", peer is null ? null : IPAddress.Parse(peer));
        Assert.Equal(StatusCodes.Status401Unauthorized, response.Response.StatusCode); // Hangfire: 401 when not signed in, else 403
        Assert.DoesNotContain("follow-up-snapshot", await BodyAsync(response));
    }

    [Fact]
    public async Task A_plain_test_client_has_no_peer_address_and_is_refused()
    {
        var response = await registry.CreateClient().GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private Task<HttpContext> GetAsync(string path, IPAddress? peer) =>
        registry.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = peer;
        });

    private static async Task<string> BodyAsync(HttpContext context)
    {
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }
}
