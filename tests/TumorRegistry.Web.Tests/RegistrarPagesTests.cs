using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TumorRegistry.Web.Tests.Infrastructure;

namespace TumorRegistry.Web.Tests;

/// <summary>A registrar at the screen: a case from nothing to completed, an edit fixed from its message, a second registrar's conflict.</summary>
[Collection(WebCollection.Name)]
public sealed class RegistrarPagesTests(WebApp app)
{
    private static readonly Regex CasePage = new(@"/registrar/cases/[0-9a-f-]{36}");

    /// <summary>The new-case page filled and sent: the abstract of the new case is open.</summary>
    internal static async Task<string> OpenNewCaseAsync(IPage page, string patientIdNumber, string lastName, string? screenshot = null)
    {
        await page.GotoAsync("/registrar/cases/new");
        if (screenshot is not null) await page.InspectAsync(screenshot);
        await page.SetAllAsync(("patientIdNumber", patientIdNumber), ("nameLast", lastName), ("nameFirst", "Quentin"),
            ("dateOfBirth", "19600214"), ("sex", "2"), ("accessionNumberHosp", "2026" + patientIdNumber[^5..]),
            ("casefindingSource", "20"), ("typeOfReportingSource", "1"));
        Assert.Equal(Person.Facility, await page.InputValueAsync("#reportingFacility"));
        await page.ClickAndWaitAsync("#open-case");
        Assert.Matches(CasePage, page.Url);
        return page.Url.Split('?')[0];
    }

    [Fact]
    public async Task A_registrar_abstracts_a_case_from_empty_to_completed_fixing_an_edit_from_the_message_beside_its_field()
    {
        await using var context = await app.ContextAsync(Person.Registrar);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.InspectAsync("registrar-home");
        await page.GotoAsync("/registrar/worklist?search=Zyzzyva");
        await page.InspectAsync("registrar-worklist");

        var caseUrl = await OpenNewCaseAsync(page, "77000001", "Zyzzyva", "registrar-new-case");
        Assert.Equal("(incomplete)", await page.InnerTextAsync("#case-status")); // required items are still blank
        await page.InspectAsync("registrar-abstract-empty");

        await page.SetAllAsync(("race1", "01"), ("spanishHispanicOrigin", "0"));
        await page.EnterAsync("nameFirst");
        Assert.Equal("Patient saved.", await page.InnerTextAsync("#saved"));
        await page.SetAllAsync(("addrAtDxState", "NM"), ("countyAtDx", "001"), ("addrAtDxCountry", "USA"), ("addrAtDxPostalCode", "87101"));
        await page.EnterAsync("addrAtDxPostalCode");
        Assert.Equal("Address at diagnosis saved.", await page.InnerTextAsync("#saved"));

        // A date that is not one is refused beside its field, and nothing of the section is stored.
        await page.SetAllAsync(("primarySite", "C341"), ("laterality", "0"), ("histologicTypeIcdO3", "8140"), ("behaviorCodeIcdO3", "3"),
            ("diagnosticConfirmation", "1"), ("dateOfDiagnosis", "20261399"), ("sequenceNumberHospital", "00"), ("classOfCase", "10"));
        await page.EnterAsync("dateOfDiagnosis");
        Assert.Contains("Nothing was saved", await page.InnerTextAsync("#problem"));
        Assert.NotEmpty(await page.InnerTextAsync("#dateOfDiagnosis-msg"));
        Assert.Equal("true", await page.GetAttributeAsync("#dateOfDiagnosis", "aria-invalid"));
        Assert.Equal("C341", await page.InputValueAsync("#primarySite")); // what was typed is kept
        await page.InspectAsync("registrar-abstract-refused");
        await page.SetAsync("dateOfDiagnosis", "20260105");
        await page.EnterAsync("dateOfDiagnosis");
        Assert.Equal("Diagnosis saved.", await page.InnerTextAsync("#saved"));

        // Lung is a paired organ: laterality 0 fails edit TR103, shown beside Laterality; fixing it clears the message.
        Assert.Contains("TR103", await page.InnerTextAsync("#laterality-msg"));
        await page.InspectAsync("registrar-abstract-edit");
        await page.SetAsync("laterality", "1");
        await page.EnterAsync("dateOfDiagnosis");
        Assert.Equal(0, await page.Locator("#laterality-msg").CountAsync());

        await page.SetAsync("summaryStage2018", "2");
        await page.ClickAndWaitAsync("#stage button[type=submit]");
        await page.SetAllAsync(("rxSummSurgPrimSite", "00"), ("reasonForNoSurgery", "1"), ("rxSummChemo", "00"));
        await page.EnterAsync("rxSummSurgPrimSite");
        await page.SetAllAsync(("dateOfLastContact", "20260601"), ("vitalStatus", "1"));
        await page.EnterAsync("dateOfLastContact");
        Assert.Equal("Follow-up (patient) saved.", await page.InnerTextAsync("#saved"));

        await page.ClickAndWaitAsync("#complete");
        var failing = await page.Locator("#failing-edits").CountAsync() > 0 ? await page.InnerTextAsync("#failing-edits") : "";
        Assert.True(await page.InnerTextAsync("#case-status") == "(completed)", "not completed: " + failing);
        Assert.Equal("The case is completed.", await page.InnerTextAsync("#saved"));
        Assert.True(await page.Locator("#primarySite").IsDisabledAsync()); // a completed case is read-only until reopened
        await page.InspectAsync("registrar-abstract-completed");

        // Reopen with a reason, then the history says who did what and why, and the case reads as of a date.
        await page.FillAsync("#reopen-reason", "Pathology addendum arrived");
        await page.ClickAndWaitAsync("#reopen");
        Assert.Equal("The case is open again.", await page.InnerTextAsync("#saved"));
        await page.ClickAndWaitAsync("a[accesskey=h]");
        var history = await page.InnerTextAsync("#history");
        Assert.Contains(Person.Registrar.UserName, history);
        Assert.Contains("CaseCompleted", history);
        Assert.Contains("Pathology addendum arrived", history);
        Assert.Contains("0 → 1", history); // the laterality fix
        await page.FillAsync("#asOf", DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.Locator("#asOf").PressAsync("Enter");
        await page.WaitForSelectorAsync("#as-of");
        Assert.Contains("C341", await page.InnerTextAsync("#as-of"));
        await page.InspectAsync("registrar-history");
        await page.FillAsync("#asOf", DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd"));
        await page.NavigatingAsync(() => page.Locator("#asOf").PressAsync("Enter"));
        Assert.Equal(0, await page.Locator("#as-of").CountAsync());
        Assert.Contains("did not exist yet", await page.InnerTextAsync("main"));

        await page.GotoAsync("/registrar/worklist?search=77000001");
        Assert.Equal(1, await page.Locator("#worklist tbody tr").CountAsync());
        await page.GotoAsync("/registrar/worklist?search=zyzz");
        Assert.Equal(1, await page.Locator("#worklist tbody tr").CountAsync());
        Assert.Equal(caseUrl, app.BaseUrl + await page.Locator("#worklist tbody a").GetAttributeAsync("href"));

        // Every look at the case through the pages is in the PHI audit, the worklist's listing included.
        var caseId = Guid.Parse(caseUrl.Split('/').Last());
        await using var db = Npgsql.NpgsqlDataSource.Create(app.ConnectionString);
        await using var audit = db.CreateCommand("""
            select count(*) filter (where action like '%registrar/cases/{caseId:guid}' and outcome = '200'),
                   count(*) filter (where action like '%registrar/worklist' and detail like 'listed%')
            from phi_audit where user_name = $1 and case_id = $2
            """);
        audit.Parameters.AddWithValue(Person.Registrar.UserName);
        audit.Parameters.AddWithValue(caseId);
        await using var rows = await audit.ExecuteReaderAsync();
        await rows.ReadAsync();
        Assert.True(rows.GetInt64(0) >= 5, $"{rows.GetInt64(0)} audited looks at the abstract");
        Assert.True(rows.GetInt64(1) >= 2, $"{rows.GetInt64(1)} audited listings in the worklist");
    }

    [Fact]
    public async Task A_second_registrar_saving_the_same_case_meets_both_versions_and_nothing_is_overwritten_silently_then_an_edit_is_overridden_with_a_reason()
    {
        await using var first = await app.ContextAsync(Person.Registrar);
        await using var second = await app.ContextAsync(Person.SecondRegistrar);
        var rita = await first.NewPageAsync();
        var caseUrl = await OpenNewCaseAsync(rita, "77000002", "Conflictova");
        var sam = await second.NewPageAsync();
        await sam.GotoAsync(caseUrl);

        await rita.SetAsync("summaryStage2018", "1");
        await rita.ClickAndWaitAsync("#stage button[type=submit]");
        Assert.Equal("Stage saved.", await rita.InnerTextAsync("#saved"));

        // Sam's page still carries the version it was loaded with.
        await sam.SetAsync("summaryStage2018", "3");
        var response = await sam.ClickAndWaitAsync("#stage button[type=submit]");
        Assert.Equal(409, response.Status);
        var conflict = await sam.InnerTextAsync("#conflict");
        Assert.Contains(Person.Registrar.UserName, conflict);
        Assert.Equal("3", await sam.InnerTextAsync("#conflict td.mine"));
        Assert.Equal("1", await sam.InnerTextAsync("#conflict td.theirs"));
        Assert.Equal("1", await sam.InputValueAsync("#summaryStage2018")); // the form now shows the saved version
        await sam.InspectAsync("registrar-conflict");

        await rita.ReloadAsync();
        Assert.Equal("1", await rita.InputValueAsync("#summaryStage2018")); // nothing overwritten

        // Sam decides, knowingly, to keep his value.
        await sam.ClickAndWaitAsync("#keep-mine");
        Assert.Equal("Stage saved.", await sam.InnerTextAsync("#saved"));
        await rita.ReloadAsync();
        Assert.Equal("3", await rita.InputValueAsync("#summaryStage2018"));
        await rita.GotoAsync(caseUrl + "/history");
        var history = await rita.InnerTextAsync("#history");
        Assert.Contains(Person.SecondRegistrar.UserName, history);
        Assert.Contains("1 → 3", history);

        // An overridable edit (a histology/behavior pair not in the ICD-O-3 list) is overridden with a reason.
        await rita.GotoAsync(caseUrl);
        await rita.SetAllAsync(("histologicTypeIcdO3", "8500"), ("behaviorCodeIcdO3", "1"));
        await rita.EnterAsync("histologicTypeIcdO3");
        Assert.Contains("TR120", await rita.InnerTextAsync("#histologicTypeIcdO3-msg"));
        await rita.FillAsync("#reason-TR120", "Confirmed with the pathologist");
        await rita.ClickAndWaitAsync("#failing-edits li:has-text('TR120') button");
        Assert.Equal("The edit is overridden.", await rita.InnerTextAsync("#saved"));
        Assert.Contains("(overridden)", await rita.InnerTextAsync("#histologicTypeIcdO3-msg"));
        await rita.GotoAsync(caseUrl + "/history");
        Assert.Contains("Confirmed with the pathologist", await rita.InnerTextAsync("#history"));
    }
}
