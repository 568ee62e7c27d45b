using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TumorRegistry.Infrastructure.Security;
using TumorRegistry.Integration.Tests.Api;
using TumorRegistry.Integration.Tests.Cases;
using TumorRegistry.Integration.Tests.Infrastructure;

namespace TumorRegistry.Integration.Tests.Security;

/// <summary>The three ways in (local account and cookie, API key, bearer token) and what each refuses.</summary>
public sealed class SignInTests(RegistryApiFactory api) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task A_local_account_signs_in_to_a_strict_HttpOnly_cookie_and_is_locked_out_after_five_wrong_passwords()
    {
        await (await api.CreateClient().PostAsJsonAsync("/admin/users", new
        {
            userName = "dana", password = "correct horse battery", roles = new[] { "registrar" }, facilities = new[] { Principal.FacilityA },
        })).Expect(HttpStatusCode.Created);
        var https = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        https.DefaultRequestHeaders.Authorization = null;
        await (await https.GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);
        var signedIn = await https.PostAsJsonAsync("/auth/login", new { userName = "dana", password = "correct horse battery" });
        await signedIn.Expect(HttpStatusCode.NoContent);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tr_session=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=strict", cookie);
        Assert.Contains("secure", cookie);
        var me = await https.GetJson("/auth/me");
        Assert.Equal("dana", me.GetProperty("name").GetString());
        Assert.Equal([Principal.FacilityA], me.GetProperty("facilities").EnumerateArray().Select(f => f.GetString()));
        await (await https.PostAsync("/auth/logout", null)).Expect(HttpStatusCode.NoContent);
        await (await https.GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);

        var client = api.Anonymous();
        await (await client.PostAsJsonAsync("/auth/login", new { userName = "nobody", password = "whatever it is" })).Expect(HttpStatusCode.Unauthorized);
        for (var i = 0; i < AccountStore.MaxFailures; i++)
            await (await client.PostAsJsonAsync("/auth/login", new { userName = "dana", password = "wrong " + i })).Expect(HttpStatusCode.Unauthorized);
        var locked = await client.PostAsJsonAsync("/auth/login", new { userName = "dana", password = "correct horse battery" });
        var problem = await locked.Expect(HttpStatusCode.Unauthorized);
        Assert.Contains("locked", problem.GetProperty("detail").GetString());
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task An_API_key_is_shown_once_stored_hashed_works_in_either_header_and_stops_when_revoked_or_expired()
    {
        var admin = api.CreateClient();
        var created = await (await admin.PostAsJsonAsync("/admin/keys", new
        {
            owner = "st-marys-nightly", roles = new[] { "registrar" }, facilities = new[] { Principal.FacilityA }, days = 30,
        })).Expect(HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("info").GetProperty("id").GetGuid();
        Assert.DoesNotContain(key, (await admin.GetJson("/admin/keys")).ToString());
        await using (var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
        await using (var cmd = db.CreateCommand("select count(*) from api_keys where encode(secret_hash, 'escape') like '%' || $1 || '%'"))
        {
            cmd.Parameters.AddWithValue(key.Split('_')[2]);
            Assert.Equal(0L, await cmd.ExecuteScalarAsync());
        }

        var viaHeader = api.Anonymous();
        viaHeader.DefaultRequestHeaders.Add("X-Api-Key", key);
        var me = await viaHeader.GetJson("/auth/me");
        Assert.Equal("st-marys-nightly", me.GetProperty("name").GetString());
        Assert.Equal("ApiKey", me.GetProperty("method").GetString());
        var viaAuthorization = api.Anonymous();
        viaAuthorization.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        await viaAuthorization.GetJson("/auth/me");
        var tampered = api.Anonymous();
        tampered.DefaultRequestHeaders.Add("X-Api-Key", key[..^1] + (key[^1] == '0' ? '1' : '0'));
        await (await tampered.GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);

        await (await admin.DeleteAsync($"/admin/keys/{id}")).Expect(HttpStatusCode.NoContent);
        await (await viaHeader.GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);

        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var later = api.WithClock(clock);
        var shortLived = await (await later.CreateClient().PostAsJsonAsync("/admin/keys", new { owner = "script", roles = new[] { "manager" }, days = 1 }))
            .Expect(HttpStatusCode.Created);
        var scripted = later.Anonymous();
        scripted.DefaultRequestHeaders.Add("X-Api-Key", shortLived.GetProperty("key").GetString());
        await scripted.GetJson("/auth/me");
        clock.Advance(TimeSpan.FromDays(1.01));
        await (await scripted.GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_API_key_revoked_by_another_process_stops_working_in_the_service_at_once()
    {
        var admin = api.CreateClient();
        var created = await (await admin.PostAsJsonAsync("/admin/keys", new { owner = "cached.client", roles = new[] { "registrar" }, days = 30 }))
            .Expect(HttpStatusCode.Created);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
        for (var i = 0; i < 3; i++) await client.GetJson("/auth/me"); // validated once, then held by the service's cache

        // The CLI's store: no cache, no listener, another connection; its revocation is announced to every service.
        await using (var db = Npgsql.NpgsqlDataSource.Create(api.ConnectionString))
            Assert.True(await new TumorRegistry.Infrastructure.Security.ApiKeyStore(db, TimeProvider.System)
                .RevokeAsync(created.GetProperty("info").GetProperty("id").GetGuid()));
        var refused = false;
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); !refused && wait.Elapsed < TimeSpan.FromSeconds(5); await Task.Delay(50))
            refused = (await client.GetAsync("/auth/me")).StatusCode == HttpStatusCode.Unauthorized;
        Assert.True(refused, "The revoked key was still accepted 5 s after its revocation.");
    }

    [Fact]
    public async Task Bearer_tokens_need_the_configured_issuer_audience_key_and_lifetime_and_carry_roles_and_facilities()
    {
        var me = await api.WithBearer(TestPrincipals.Token("idp.user", ["manager", "not-a-role"], ["0000000101", "0000000102"])).GetJson("/auth/me");
        Assert.Equal("idp.user", me.GetProperty("name").GetString());
        Assert.Equal(["manager"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(2, me.GetProperty("facilities").GetArrayLength());
        await (await api.WithBearer(Principal.Expired.Token!).GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);
        var otherKey = TestPrincipals.Token("mallory", RegistryRoles.All, ["*"], key: "another-key-that-is-long-enough-0123456789");
        await (await api.WithBearer(otherKey).GetAsync("/auth/me")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_history_names_the_signed_in_principal_and_a_forged_X_Registrar_has_no_effect()
    {
        var client = api.As("erin", [RegistryRoles.Registrar]);
        client.DefaultRequestHeaders.Add("X-Registrar", "admin");
        var patientId = await client.RegisterPatientAsync("00000951");
        var (caseId, _) = await client.OpenCaseAsync(patientId);
        var history = await client.GetJson($"/cases/{caseId}/history");
        Assert.All(history.GetProperty("entries").EnumerateArray(), e => Assert.Equal("erin", e.GetProperty("user").GetString()));

        var anonymous = api.Anonymous();
        anonymous.DefaultRequestHeaders.Add("X-Registrar", "erin");
        await (await anonymous.GetAsync($"/patients/{patientId}")).Expect(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_principal_has_its_own_request_budget_and_is_told_when_to_come_back()
    {
        var limited = api.WithWebHostBuilder(b => b.UseSetting("Security:RequestsPerMinute", "5"));
        var first = limited.As("busy", [RegistryRoles.Manager]);
        for (var i = 0; i < 5; i++) await (await first.GetAsync("/auth/me")).Expect(HttpStatusCode.OK);
        var refused = await first.GetAsync("/auth/me");
        await refused.Expect(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await (await limited.As("calm", [RegistryRoles.Manager]).GetAsync("/auth/me")).Expect(HttpStatusCode.OK);
    }
}
