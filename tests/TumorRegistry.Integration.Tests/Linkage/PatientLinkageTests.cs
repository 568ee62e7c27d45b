using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Domain.Events;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.Linkage;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;
using TumorRegistry.Linkage;

namespace TumorRegistry.Integration.Tests.Linkage;

/// <summary>Registry patients (written through the API, so through the events and the patients read model) against
/// incoming items, the duplicate search, and registrar decisions feeding the next estimate.</summary>
public sealed class PatientLinkageTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    private static readonly string[] Family = ["GARCIA", "NAKAMURA", "OKAFOR", "LINDQVIST", "BRENNAN", "KOWALSKI", "HAUGEN", "MORETTI", "DUBOIS", "SANTOS",
        "FITZGERALD", "PETROV", "ABERNATHY", "QUINTERO", "VASQUEZ", "HALVORSEN", "MCALLISTER", "OYELARAN", "TRAN", "WEXLER"];
    private static readonly string[] Given = ["ROBERT", "MARGARET", "WILLIAM", "ELIZABETH", "JAMES", "PATRICIA", "THOMAS", "SUSAN", "RICHARD", "KATHERINE"];

    private async Task<Guid> RegisterAsync(HttpClient client, int n, string last, string first, string dob, string sex, string? ssn, string? birthSurname = null)
    {
        var created = await (await client.WriteAsync("/patients", new { patientIdNumber = $"{90000000 + n}" }, null)).Expect(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await (await client.WriteAsync($"/patients/{id}/demographics", new
        {
            nameLast = last, nameFirst = first, nameBirthSurname = birthSurname, dateOfBirth = dob, sex, socialSecurityNumber = ssn,
        }, 1, "face sheet")).Expect(HttpStatusCode.OK);
        return id;
    }

    private async Task<(List<Guid> Ids, Guid Married, Guid Maiden)> SeedAsync(HttpClient client)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
            ids.Add(await RegisterAsync(client, i, Family[i % Family.Length], Given[(i * 7) % Given.Length],
                Dob(i), i % 2 == 0 ? "1" : "2", $"{512000000 + i * 1013:000000000}"));
        // Planted duplicates: a nickname without SSN, a typo, and a name change with the maiden name as birth surname.
        ids.Add(await RegisterAsync(client, 100, Family[0], "BOB", Dob(0), "1", null));
        ids.Add(await RegisterAsync(client, 101, "NAKAMRUA", Given[7], Dob(1), "2", $"{512000000 + 1013:000000000}"));
        var maiden = ids[3];
        var married = await RegisterAsync(client, 102, "WHITFIELD", Given[21 % Given.Length], Dob(3), "2", null, Family[3]);
        ids.Add(married);
        return (ids, married, maiden);
    }

    [Fact]
    public async Task Only_a_registrar_of_every_facility_reviews_linkage_pairs()
    {
        var central = api.As("central-ctr", [RegistryRoles.Registrar]);
        var hospital = api.As("hospital-ctr", [RegistryRoles.Registrar], "0000000101");

        Assert.Equal(HttpStatusCode.OK, (await central.GetAsync("/linkage/pairs")).StatusCode);
        // A hospital's registrar would see other hospitals' patients side by side: refused, list, decisions and page.
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/linkage/pairs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostAsJsonAsync("/linkage/pairs/1/confirm", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostAsJsonAsync("/linkage/pairs/1/reject", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.GetAsync("/linkage/review")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hospital.PostAsync("/linkage/dedup/run", null)).StatusCode);
        // The counts hold no identifiers: still open to the hospital's registrar.
        Assert.Equal(HttpStatusCode.OK, (await hospital.GetAsync("/linkage/counts")).StatusCode);
    }

    [Fact]
    public async Task Duplicate_search_then_incoming_records_link_go_to_review_or_do_not_link_and_decisions_move_the_estimate()
    {
        var client = api.CreateClient();
        var (ids, married, maiden) = await SeedAsync(client);
        var linkage = api.Services.GetRequiredService<PatientLinkage>();

        var first = await linkage.RunDedupAsync(CancellationToken.None);
        Assert.Equal(ids.Count, first.Patients);
        Assert.True(first.PairsCompared > 0);
        var pairs = await PairsAsync();
        // The name change is found: the married record pairs with the maiden record (linked or in review).
        Assert.Contains(pairs, p => (p.A == married && p.B == maiden) || (p.A == maiden && p.B == married));
        Assert.Contains(pairs, p => p.A == ids[0] && p.B == ids[40] || p.A == ids[40] && p.B == ids[0]);

        // Incoming items, scored with a model estimated on a generated population (43 patients are too few for EM to
        // say much): the same person as registered links to that patient; a stranger does not link.
        var model = await linkage.CurrentModelAsync(CancellationToken.None);
        var estimated = PopulationModel();
        var same = await linkage.LinkPatientWithAsync(Items(Family[5], Given[35 % Given.Length], Dob(5), "2", $"{512000000 + 5 * 1013:000000000}"), estimated);
        var link = Assert.IsType<LinkageOutcome.Link>(same);
        Assert.Equal(ids[5], link.PatientId);
        Assert.True(link.Weight >= estimated.Upper);
        var stranger = await linkage.LinkPatientAsync(Items("ZYLBERSZTEJN", "ODILE", "20011130", "2", "601234567"), CancellationToken.None);
        Assert.IsType<LinkageOutcome.NonLink>(stranger);
        Assert.IsType<LinkageOutcome.NonLink>(await linkage.LinkPatientWithAsync(Items(Family[6], Given[42 % Given.Length], "19461120", "1", null), estimated));

        // A review band with a known model: thresholds put the doubtful record between them.
        var candidates = await linkage.LinkPatientWithAsync(Items(Family[6], Given[42 % Given.Length], "19461120", "1", null), estimated with { Upper = 1000, Lower = -1000 });
        var review = Assert.IsType<LinkageOutcome.Review>(candidates);
        Assert.Contains(review.Candidates, c => c.PatientId == ids[6]);

        // The review worklist shows the pairs side by side; a registrar decides one with a reason.
        var list = await (await client.GetAsync("/linkage/pairs?limit=500")).Expect(HttpStatusCode.OK);
        var counts = await (await client.GetAsync("/linkage/counts")).Expect(HttpStatusCode.OK);
        Assert.Equal(list.GetArrayLength(), counts.GetProperty("open").GetInt32());
        var pairId = pairs.First(p => p.A == married || p.B == married).Id;
        var noReason = await client.PostAsJsonAsync($"/linkage/pairs/{pairId}/confirm", new { reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var confirmed = await client.PostAsJsonAsync($"/linkage/pairs/{pairId}/confirm", new { reason = "same SSN on the death certificate" });
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        var again = await client.PostAsJsonAsync($"/linkage/pairs/{pairId}/reject", new { reason = "second thoughts" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/linkage/pairs/987654/reject", new { reason = "x" })).StatusCode);

        // The decision is an event with who and why.
        var pair = pairs.First(p => p.Id == pairId);
        var stream = await api.Services.GetRequiredService<RegistryEvents>().ReadStreamAsync(pair.A);
        var decided = stream.Single(e => e.Data is PatientLinkConfirmed);
        Assert.Equal(pair.B, ((PatientLinkConfirmed)decided.Data).OtherPatientId);
        Assert.Equal("same SSN on the death certificate", decided.Metadata.Reason);

        // Rejections of different people plus that confirmation change the next estimate.
        foreach (var other in pairs.Where(p => p.Id != pairId).Take(3))
            await client.PostAsJsonAsync($"/linkage/pairs/{other.Id}/reject", new { reason = "different people" });
        await linkage.RunDedupAsync(CancellationToken.None);
        var next = await linkage.CurrentModelAsync(CancellationToken.None);
        Assert.NotEqual(JsonSerializer.Serialize(model.M), JsonSerializer.Serialize(next.M));
    }

    private static LinkageModel PopulationModel()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reference", "linkage", "nicknames.csv");
        var pairs = File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(p => (p[0], p[1])).ToList();
        var table = TumorRegistry.Linkage.Comparators.NicknameTable.Load(path);
        var people = TumorRegistry.Synthetic.Linkage.LinkagePopulation.Generate(3_000, 0.1, 7, pairs)
            .Select(r => new PreparedPerson(new PersonIdentity(r.Last, r.First, r.Middle, r.BirthSurname, r.DateOfBirth, r.Sex, r.Ssn, r.Zip), table)).ToArray();
        return new Dedup(people).Run().Model;
    }

    private static string Dob(int i) => $"{1940 + i}{1 + i % 12:00}{1 + (i * 5) % 28:00}";

    private static Dictionary<string, string> Items(string last, string first, string dob, string sex, string? ssn)
    {
        var items = new Dictionary<string, string> { ["nameLast"] = last, ["nameFirst"] = first, ["dateOfBirth"] = dob, ["sex"] = sex };
        if (ssn is not null) items["socialSecurityNumber"] = ssn;
        return items;
    }

    private async Task<List<(long Id, Guid A, Guid B, string Status)>> PairsAsync()
    {
        await using var db = NpgsqlDataSource.Create(api.ConnectionString);
        await using var cmd = db.CreateCommand("select id, patient_a, patient_b, status from linkage_pairs order by id");
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(long, Guid, Guid, string)>();
        while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetGuid(1), r.GetGuid(2), r.GetString(3)));
        return rows;
    }
}
