using System.Net;
using TumorRegistry.Integration.Tests.Api;

namespace TumorRegistry.Integration.Tests.Cases;

public sealed class ConcurrencyTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Two_registrars_writing_with_the_same_ETag_one_succeeds_one_gets_409_and_nothing_is_lost()
    {
        var alice = registry.Registrar("alice");
        var bob = registry.Registrar("bob");
        var patientId = await alice.RegisterPatientAsync();
        var (caseId, _) = await alice.OpenCaseAsync(patientId);
        var read = await alice.GetAsync($"/cases/{caseId}");
        var etag = read.ETag();
        Assert.Equal(1, etag);

        // Both read version 1 and write at once: the stream takes exactly one of them.
        var responses = await Task.WhenAll(
            alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "3" }, etag),
            bob.WriteAsync($"/cases/{caseId}/address-at-diagnosis", new { state = "KS", county = "091" }, etag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order().ToArray());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(2, winner.ETag());
        var problem = await loser.Expect(HttpStatusCode.Conflict);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(1, problem.GetProperty("expectedVersion").GetInt32());
        Assert.Equal(2, loser.ETag());

        // The loser re-reads and applies the change again at the new version.
        var loserIsAlice = responses[0] == loser;
        var retry = loserIsAlice
            ? await alice.WriteAsync($"/cases/{caseId}/stage", new { summaryStage2018 = "3" }, 2)
            : await bob.WriteAsync($"/cases/{caseId}/address-at-diagnosis", new { state = "KS", county = "091" }, 2);
        await retry.Expect(HttpStatusCode.OK);

        var view = await alice.GetJson($"/cases/{caseId}");
        var items = view.Items("tumorItems");
        Assert.Equal(("3", "KS", "091"), (items["summaryStage2018"], items["addrAtDxState"], items["countyAtDx"]));
        Assert.Equal(3, view.GetProperty("version").GetInt32());
        var history = (await alice.GetJson($"/cases/{caseId}/history")).GetProperty("entries").EnumerateArray()
            .Where(h => h.GetProperty("stream").GetString() == "tumor").ToList();
        Assert.Equal(["alice", "alice", "bob"], history.Select(h => h.GetProperty("user").GetString()!).Order().ToArray());

        // Many writers at once on one version: exactly one commits, the others all get 409.
        var many = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            registry.Registrar($"r{i}").WriteAsync($"/cases/{caseId}/follow-up", new { cancerStatus = "1", followUpSource = "0" }, 3)));
        Assert.Equal(1, many.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, many.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(4, (await alice.GetJson($"/cases/{caseId}")).GetProperty("version").GetInt32());
    }
}
