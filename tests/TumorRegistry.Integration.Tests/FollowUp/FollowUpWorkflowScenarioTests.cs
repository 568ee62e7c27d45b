using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TumorRegistry.Api.FollowUp.Jobs;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Infrastructure.Events;
using TumorRegistry.Infrastructure.FollowUp;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.FollowUp;

/// <summary>
/// Two and a half simulated years of follow-up, day by day on a moved clock: the jobs are called each day as Hangfire
/// would call them (twice on every day they write, to show the second run writes nothing), answers come in on chosen
/// days through the API, and every request, escalation, lost and restored event is compared with the dates worked out
/// by hand below. The rates at the end equal a hand count, with each CoC exclusion removing one case.
/// </summary>
public sealed class FollowUpWorkflowScenarioTests(RegistryApiFactory registry) : IClassFixture<RegistryApiFactory>
{
    private const string Facility = "0000000010";
    private static readonly DateOnly Start = new(2023, 1, 1), End = new(2025, 6, 30);

    [Fact]
    public async Task Jobs_request_escalate_and_mark_lost_on_the_right_days_and_answers_close_and_restore()
    {
        var clock = new ManualClock(new DateTimeOffset(2023, 1, 1, 0, 30, 0, TimeSpan.Zero));
        await using var host = registry.WithClock(clock).WithWebHostBuilder(b => b.UseSetting("FollowUp:EscalationDays", "21"));
        var api = host.Registrar("rita");

        async Task<(Guid Patient, Guid Case)> Followed(string id, string lastContact, string dx, bool physician, bool contact)
        {
            var p = await api.PatientAsync(id, lastContact);
            var c = await api.TumorAsync(p, Facility, dx);
            if (physician || contact) await api.ContactsAsync(c, physician, contact);
            return (p, c);
        }
        // Followed patients (escalation after 21 days, lost after 15 months without contact):
        var p1 = await Followed("00001001", "20220310", "20210601", physician: true, contact: false); // answers every year
        var p2 = await Followed("00001002", "20220201", "20210301", physician: true, contact: true);  // escalates twice, lost, found, lost
        var p3 = await Followed("00001003", "20220515", "20190301", physician: false, contact: false); // patient letter only, lost
        var p4 = await Followed("00001004", "20220401", "20220101", physician: true, contact: false); // dies
        var p5 = await Followed("00001005", "20220115", "20211001", physician: true, contact: false); // never answers
        // One patient for each CoC exclusion: never a request, and not in the rates.
        async Task<Guid> Excluded(string id, string dx, string site, string histology, string behavior, string classOfCase = "14",
            string? nextFollowUpSource = null, string laterality = "0", string? dateOfBirth = null)
        {
            var p = await api.PatientAsync(id, "20220601");
            if (dateOfBirth is not null)
                await api.WriteAnyAsync($"/patients/{p}/demographics", new { dateOfBirth }, "date of birth from the face sheet");
            var c = await api.TumorAsync(p, Facility, dx, site, histology, behavior, classOfCase, laterality);
            if (nextFollowUpSource is not null) await api.WriteAnyAsync($"/cases/{c}/follow-up", new { nextFollowUpSource }, "foreign resident");
            return p;
        }
        var excluded = new Dictionary<Guid, string>
        {
            [await Excluded("00002001", "20210601", "C504", "8500", "3", classOfCase: "32", laterality: "2")] = "non-analytic",
            [await Excluded("00002002", "20210601", "C504", "8500", "3", nextFollowUpSource: "8", laterality: "2")] = "foreign-resident",
            [await Excluded("00002003", "20210601", "C539", "8077", "2")] = "in-situ-cervix",
            [await Excluded("00002004", "20210601", "C700", "9530", "0")] = "benign-or-borderline",
            [await Excluded("00002005", "20210601", "C443", "8070", "2")] = "skin-basal-squamous",
            [await Excluded("00002006", "20210601", "C504", "8500", "3", laterality: "2", dateOfBirth: "19200101")] = "age-100-without-contact-12-months",
            [await Excluded("00002007", "20030501", "C504", "8500", "3", laterality: "2")] = "no-longer-required-by-coc-notice",
        };

        async Task<Guid> OpenRequest(Guid patient)
        {
            var status = await api.GetJson($"/follow-up/patients/{patient}?asOf={Day(clock):yyyy-MM-dd}");
            return status.GetProperty("requests").EnumerateArray().Single(r => r.GetProperty("answeredOn").ValueKind == JsonValueKind.Null)
                .GetProperty("requestId").GetGuid();
        }
        // Answers, entered on the day they came; the contact date is the date of the information, days before.
        var answers = new Dictionary<DateOnly, Func<Task>>
        {
            [new(2023, 3, 25)] = async () => await api.AnswerAsync(p1.Patient, new { contactDate = "20230320", vitalStatus = "1", source = "2",
                requestId = await OpenRequest(p1.Patient), tumors = new[] { new { caseId = p1.Case, cancerStatus = "1" } } }),
            [new(2023, 4, 20)] = async () => await api.AnswerAsync(p4.Patient, new { contactDate = "20230410", vitalStatus = "0", source = "2",
                causeOfDeath = "C509", icdRevisionNumber = "1", tumors = new[] { new { caseId = p4.Case, cancerStatus = "2" } } }),
            [new(2023, 6, 10)] = () => api.AnswerAsync(p2.Patient, new { contactDate = "20230601", vitalStatus = "1", source = "3" }),
            [new(2024, 4, 1)] = () => api.AnswerAsync(p1.Patient, new { contactDate = "20240328", vitalStatus = "1", source = "2" }),
            // p5's contact comes in another way (a clinic visit recorded as follow-up, no answer): the lost job restores p5.
            [new(2025, 2, 1)] = () => api.WriteAnyAsync($"/patients/{p5.Patient}/follow-up", new { dateOfLastContact = "20250115", vitalStatus = "1" },
                "seen in clinic"),
            [new(2025, 4, 5)] = () => api.AnswerAsync(p1.Patient, new { contactDate = "20250401", vitalStatus = "1", source = "2",
                tumors = new[] { new { caseId = p1.Case, cancerStatus = "1" } } }),
        };

        for (var day = Start; day <= End; day = day.AddDays(1))
        {
            clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
            foreach (var run in new Func<IServiceProvider, Task<FollowUpRun>>[]
                     {
                         s => s.GetRequiredService<FollowUpDueListJob>().RunAsync(CancellationToken.None),
                         s => s.GetRequiredService<FollowUpEscalationJob>().RunAsync(CancellationToken.None),
                         s => s.GetRequiredService<FollowUpLostJob>().RunAsync(CancellationToken.None),
                     })
            {
                using var scope = host.Services.CreateScope();
                if ((await run(scope.ServiceProvider)).Written == 0) continue;
                using var again = host.Services.CreateScope();
                Assert.Equal(0, (await run(again.ServiceProvider)).Written); // idempotent by the date
            }
            if (answers.TryGetValue(day, out var answer))
            {
                clock.Now = clock.Now.AddHours(11);
                await answer();
            }
        }

        var names = new Dictionary<Guid, string> { [p1.Patient] = "p1", [p2.Patient] = "p2", [p3.Patient] = "p3", [p4.Patient] = "p4", [p5.Patient] = "p5" };
        await using var db = NpgsqlDataSource.Create(registry.ConnectionString);
        var happened = new List<string>();
        await using (var cmd = db.CreateCommand("""
            select stream_id, type, data::text from marten.mt_events
            where type in ('FollowUpRequested', 'FollowUpEscalated', 'FollowUpLost', 'FollowUpRestored') order by seq_id
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var data = JsonDocument.Parse(r.GetString(2)).RootElement;
                var who = names.GetValueOrDefault(r.GetGuid(0), excluded.GetValueOrDefault(r.GetGuid(0), "?"));
                happened.Add(r.GetString(1) switch
                {
                    "FollowUpRequested" => $"{who} requested {data.GetProperty("requestedOn")} due {data.GetProperty("dueOn")} to {data.GetProperty("addressee").GetProperty("kind")}",
                    "FollowUpEscalated" => $"{who} escalated {data.GetProperty("escalatedOn")} to {data.GetProperty("addressee").GetProperty("kind")}",
                    "FollowUpLost" => $"{who} lost {data.GetProperty("lostOn")}",
                    _ => $"{who} restored {data.GetProperty("restoredOn")}",
                });
            }
        // Worked out by hand: due 12 months after the last contact; escalated 21 days after each ask while someone is left
        // to ask; lost the first day more than 15 months after the last contact; restored by an answer with a recent date.
        Assert.Equal(
        [
            "p5 requested 2023-01-15 due 2023-01-15 to physician",
            "p2 requested 2023-02-01 due 2023-02-01 to physician",
            "p5 escalated 2023-02-05 to patient",
            "p2 escalated 2023-02-22 to patient",
            "p1 requested 2023-03-10 due 2023-03-10 to physician",
            "p2 escalated 2023-03-15 to contact",
            "p4 requested 2023-04-01 due 2023-04-01 to physician",
            "p5 lost 2023-04-16",
            "p2 lost 2023-05-02",
            "p3 requested 2023-05-15 due 2023-05-15 to patient",
            "p2 restored 2023-06-10",
            "p3 lost 2023-08-16",
            "p1 requested 2024-03-20 due 2024-03-20 to physician", // the answer's contact date 2023-03-20, not the day it came
            "p2 requested 2024-06-01 due 2024-06-01 to physician",
            "p2 escalated 2024-06-22 to patient",
            "p2 escalated 2024-07-13 to contact",
            "p2 lost 2024-09-02",
            "p5 restored 2025-02-02",
            "p1 requested 2025-03-28 due 2025-03-28 to physician",
        ], happened);

        // Open requests and lost patients as the manager sees them.
        var open = (await api.GetJson($"/follow-up/requests?facility={Facility}")).EnumerateArray()
            .Select(r => (names[r.GetProperty("patientId").GetGuid()], r.GetProperty("requestedOn").GetString(), r.GetProperty("ageDays").GetInt32()))
            .ToList();
        Assert.Equal([("p5", "2023-01-15", End.DayNumber - new DateOnly(2023, 1, 15).DayNumber), ("p3", "2023-05-15", End.DayNumber - new DateOnly(2023, 5, 15).DayNumber),
            ("p2", "2024-06-01", End.DayNumber - new DateOnly(2024, 6, 1).DayNumber)], open);
        var lost = (await api.GetJson($"/follow-up/lost?facility={Facility}")).EnumerateArray()
            .Select(l => (names[l.GetProperty("patientId").GetGuid()], l.GetProperty("lostOn").GetString())).ToList();
        Assert.Equal([("p3", "2023-08-16"), ("p2", "2024-09-02")], lost);

        // Answers reached the patient and the tumors; the death has its date and cause.
        var patient1 = await api.GetJson($"/patients/{p1.Patient}");
        Assert.Equal("20250401", patient1.Items("items")["dateOfLastContact"]);
        var patient4 = await api.GetJson($"/patients/{p4.Patient}").ContinueWith(t => t.Result.Items("items"));
        Assert.Equal(("0", "20230410", "C509"), (patient4["vitalStatus"], patient4["dateOfLastContact"], patient4["causeOfDeath"]));
        var case1 = (await api.GetJson($"/cases/{p1.Case}")).Items("items");
        Assert.Equal(("1", "20250401", "2"), (case1["cancerStatus"], case1["dateOfLastCancerStatus"], case1["followUpSource"]));

        // Each exclusion is visible on its patient.
        foreach (var (patient, code) in excluded)
        {
            var status = await api.GetJson($"/follow-up/patients/{patient}?asOf={End:yyyy-MM-dd}");
            Assert.False(status.GetProperty("followed").GetBoolean());
            Assert.Equal([code], status.GetProperty("cases")[0].GetProperty("reasons").EnumerateArray().Select(x => x.GetProperty("code").GetString()));
        }

        // Rates as of the end, reference year 2000 (so the 2003 diagnosis would count but for the CoC notice). Every case was
        // diagnosed 2003-2022, more than a year before. Since the reference year: p1..p5 (the seven excluded cases are
        // out); followed p1 (contact 2025-04-01), p4 (dead) and p5 (contact 2025-01-15): 3 of 5. Last five years (diagnosed
        // after 2020-06-30): p1, p2, p4, p5 (p3 was 2019): 3 of 4.
        var rates = await api.GetJson($"/follow-up/rates?asOf={End:yyyy-MM-dd}&referenceYear=2000");
        Assert.Equal((5, 3), (rates.GetProperty("sinceReferenceYear").GetProperty("cases").GetInt32(), rates.GetProperty("sinceReferenceYear").GetProperty("followed").GetInt32()));
        Assert.Equal((4, 3), (rates.GetProperty("lastFiveYears").GetProperty("cases").GetInt32(), rates.GetProperty("lastFiveYears").GetProperty("followed").GetInt32()));
        // As the registry stood on 2023-05-15: p2 (answer only on 2023-06-10) and p5 were lost then, p4's death was known,
        // and the patient over 100 still counts (contact 2022-06-01, not yet 12 months): 4 of 6. Recomputed on today's data
        // for the same date, p2's and p5's later contacts count too: 6 of 6.
        var then = await api.GetJson("/follow-up/rates/as-recorded?asOf=2023-05-15&referenceYear=2000");
        Assert.Equal((6, 4), (then.GetProperty("sinceReferenceYear").GetProperty("cases").GetInt32(), then.GetProperty("sinceReferenceYear").GetProperty("followed").GetInt32()));
        var recomputed = await api.GetJson("/follow-up/rates?asOf=2023-05-15&referenceYear=2000");
        Assert.Equal((6, 6), (recomputed.GetProperty("sinceReferenceYear").GetProperty("cases").GetInt32(),
            recomputed.GetProperty("sinceReferenceYear").GetProperty("followed").GetInt32()));

        var behind = await api.GetJson($"/follow-up/rates/cases?asOf={End:yyyy-MM-dd}&referenceYear=2000&rate=lastFiveYears");
        Assert.Equal(new[] { "p1", "p2", "p4", "p5" }, behind.GetProperty("list").EnumerateArray()
            .Select(c => names[c.GetProperty("patientId").GetGuid()]).Order());
        Assert.Equal(new[] { "p1", "p4", "p5" }, behind.GetProperty("list").EnumerateArray().Where(c => c.GetProperty("followed").GetBoolean())
            .Select(c => names[c.GetProperty("patientId").GetGuid()]).Order());

        // The requests read model is a projection: a rebuild from the events writes the same rows.
        const string tables = """
            select coalesce((select string_agg(r::text, E'\n' order by r.request_id) from follow_up_requests r), '')
                || E'\n--\n' || coalesce((select string_agg(l::text, E'\n' order by l.patient_id) from follow_up_lost l), '')
            """;
        var live = await db.ScalarAsync(tables);
        await host.Services.GetRequiredService<ProjectionRebuilder>().RebuildAsync(FollowUpRequestsProjection.ProjectionName);
        Assert.Equal(live, await db.ScalarAsync(tables));
    }

    private static DateOnly Day(ManualClock clock) => DateOnly.FromDateTime(clock.Now.UtcDateTime);
}
