using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Security.Authentication;

public sealed record SignInBody(string? UserName, string? Password);

public sealed record Me(string Name, string Method, IReadOnlyList<string> Roles, IReadOnlyList<string> Facilities);

/// <summary>Local sign-in with a cookie session, sign-out, who am I, and the anti-forgery token the web pages' forms carry.</summary>
public static class SignInEndpoints
{
    /// <summary>Checks the password and, when it is right, starts the cookie session (the sign-in page does the same).</summary>
    public static async Task<SignInResult> SignInAsync(AccountStore accounts, HttpContext http, string userName, string password)
    {
        var result = await accounts.SignInAsync(userName, password, http.RequestAborted);
        if (result is SignInResult.Success s)
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                RegistryPrincipal.Create(s.Account.UserName, s.Account.Roles, s.Account.Facilities, "password"));
        return result;
    }

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/login", async (SignInBody body, AccountStore accounts, HttpContext http) =>
            {
                if (string.IsNullOrEmpty(body.UserName) || string.IsNullOrEmpty(body.Password))
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = ["User name and password are required."] });
                switch (await SignInAsync(accounts, http, body.UserName, body.Password))
                {
                    case SignInResult.Success:
                        return Results.NoContent();
                    case SignInResult.LockedOut l:
                        http.Response.Headers.RetryAfter = ((int)Math.Ceiling((l.Until - DateTimeOffset.UtcNow).TotalSeconds)).ToString();
                        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused.",
                            detail: $"Too many wrong passwords: the account is locked for {AccountStore.LockOut.TotalMinutes} minutes.");
                    default:
                        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password.");
                }
            })
            .WithName("SignIn").WithSummary("Sign in with a local account; sets the session cookie (HttpOnly, SameSite=Strict).");
        auth.MapPost("/logout", async (HttpContext http) =>
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.NoContent();
            })
            .WithName("SignOut").WithSummary("End the cookie session.");
        auth.MapGet("/me", (HttpContext http) => Results.Ok(new Me(http.User.Identity!.Name!, http.User.FindFirst(RegistryPrincipal.MethodClaim)?.Value ?? "",
                http.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).ToList(), http.User.Facilities())))
            .WithName("WhoAmI").WithSummary("The signed-in principal: name, roles, facilities.");
        // The seam for the coming web pages: forms post this token back; endpoints bound from forms validate it.
        auth.MapGet("/antiforgery", (IAntiforgery antiforgery, HttpContext http) =>
                Results.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken }))
            .WithName("AntiforgeryToken").WithSummary("An anti-forgery token for a web form (sets its cookie).");
    }
}
