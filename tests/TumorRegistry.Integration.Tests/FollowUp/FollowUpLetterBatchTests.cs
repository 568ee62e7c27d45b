using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

public sealed class FollowUpLetterBatchTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    private const string Facility = "0000000010";

    [Fact]
    public async Task A_batch_has_each_due_addressee_once_with_the_tumors_in_words_from_the_edited_template()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 1, 1, 0, 0, TimeSpan.Zero));
        await using var host = registry.WithClock(clock);
        var api = host.Registrar("mona");
        // Two patients of one physician (one with two tumors), one patient without a physician, with a current address.
        var a = await api.PatientAsync("00003001", "20240415");
        var a1 = await api.TumorAsync(a, Facility, "20230107");
        var a2 = await api.TumorAsync(a, Facility, "20240302", site: "C187", histology: "8140", laterality: "0");
        await api.ContactsAsync(a1, physician: true, contact: false);
        var b = await api.PatientAsync("00003002", "20240501");
        await api.ContactsAsync(await api.TumorAsync(b, Facility, "20220911"), physician: true, contact: false);
        var c = await api.PatientAsync("00003003", "20240420");
        await api.TumorAsync(c, Facility, "20230601");
        await api.WriteAnyAsync($"/patients/{c}/import", new
        {
            source = "address from the clinic",
            items = new Dictionary<string, string>
                { ["addrCurrentNoStreet"] = "7 Harbor Road", ["addrCurrentCity"] = "Bath", ["addrCurrentState"] = "ME", ["addrCurrentPostalCode"] = "04530" },
        }, "current address");
        var notDue = await api.PatientAsync("00003004", "20250101");
        await api.TumorAsync(notDue, Facility, "20230601");

        // The manager edits the physician letter; an unknown placeholder is refused, naming the part and the placeholder.
        var edit = new
        {
            letterhead = "Saint Anne Hospital Cancer Registry", returnAddress = "Cancer Registry, 1 Hospital Way, Bath, ME 04530",
            body = "{{date}}\n\n{{addressee.name}}\n\nDear colleague, please update us on:\n\n{{patients}}\n\nReturn to {{returnAddress}}.",
            patientBlock = "{{patient.name}} (born {{patient.dateOfBirth}}), last seen {{patient.lastContact}}\n{{tumors}}",
        };
        var refused = await (await api.PutAsJsonAsync("/follow-up/templates/physician", edit with { body = "Dear {{doctor}}" }))
            .Expect(HttpStatusCode.BadRequest);
        Assert.Contains("{{doctor}}", refused.GetProperty("errors").GetProperty("body")[0].GetString());
        var saved = await (await api.PutAsJsonAsync("/follow-up/templates/physician", edit)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, saved.GetProperty("version").GetInt32());

        using (var scope = host.Services.CreateScope())
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<FollowUpDueListJob>().RunAsync(CancellationToken.None)).Written);

        var created = await (await api.PostAsync($"/follow-up/letter-batches?facility={Facility}", null)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, created.GetProperty("letters").GetInt32()); // the physician once (two patients), patient c once
        var batch = created.GetProperty("batchId").GetGuid();
        var page = await api.GetAsync($"/follow-up/letter-batches/{batch}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Equal(2, Regex.Matches(html, "<section class=\"letter\">").Count);
        Assert.Contains("break-after: page", html);
        var letters = html.Split("<section class=\"letter\">")[1..];
        var physician = Assert.Single(letters, l => l.Contains("Physician 00012345, NPI 1234567893"));
        Assert.Contains("Saint Anne Hospital Cancer Registry", physician);
        Assert.Contains("Upper-outer quadrant of breast: Infiltrating duct carcinoma, NOS, diagnosed January 7, 2023", physician);
        Assert.Contains("Sigmoid colon: Adenocarcinoma, NOS, diagnosed March 2, 2024", physician);
        Assert.Contains("diagnosed September 11, 2022", physician);
        Assert.Equal(2, Regex.Matches(physician, "Randi Smith \\(born July 29, 1973\\)").Count); // both patients, each once
        var patient = Assert.Single(letters, l => l.Contains("7 Harbor Road"));
        Assert.Contains("Bath, ME 04530", patient);
        Assert.Contains("diagnosed June 1, 2023", patient);
        Assert.DoesNotMatch("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", html); // no ids in the letters
        Assert.DoesNotContain("00003004", html);

        var csv = (await (await api.GetAsync($"/follow-up/letter-batches/{batch}/csv")).Content.ReadAsStringAsync()).ReplaceLineEndings("\n").Trim();
        var lines = csv.Split('\n');
        Assert.StartsWith("letterNo,addresseeKind,addresseeName,npi,street", lines[0]);
        Assert.Contains(lines, l => Regex.IsMatch(l, "^[12],physician,\"Physician 00012345, NPI 1234567893\",1234567893,.*,physician,Randi Smith; Randi Smith,"));
        Assert.Contains(lines, l => Regex.IsMatch(l, "^[12],patient,Randi Smith,,7 Harbor Road,,Bath,ME,04530,patient,Randi Smith,"));
        Assert.Contains("7 Harbor Road", csv);

        // A second batch the same day, and the due-list job again, write nothing: no letter, no event.
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        var events = await db.ScalarAsync("select count(*) from marten.mt_events");
        var again = await (await api.PostAsync($"/follow-up/letter-batches?facility={Facility}", null)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("letters").GetInt32());
        using (var scope = host.Services.CreateScope())
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<FollowUpDueListJob>().RunAsync(CancellationToken.None)).Written);
        Assert.Equal(events, await db.ScalarAsync("select count(*) from marten.mt_events"));
        Assert.Equal(3L, await db.ScalarAsync("select count(*) from marten.mt_events where type = 'FollowUpLetterSent'"));

        // After 30 days without an answer the physician's patients go to the patients: the next batch writes to them only.
        clock.Advance(TimeSpan.FromDays(30));
        using (var scope = host.Services.CreateScope())
            Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<FollowUpEscalationJob>().RunAsync(CancellationToken.None)).Written);
        var next = await (await api.PostAsync($"/follow-up/letter-batches?facility={Facility}", null)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, next.GetProperty("letters").GetInt32());
        var list = await api.GetJson("/follow-up/letter-batches");
        Assert.Equal([2, 2], list.EnumerateArray().Select(x => x.GetProperty("letters").GetInt32()));
    }
}
