using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TumorRegistry.Api.Security.Authentication;
using TumorRegistry.Infrastructure.Security;

namespace TumorRegistry.Api.Web;

/// <summary>The local sign-in (the same account check and cookie as POST /auth/login), then back to the page asked for.</summary>
public sealed class SignInModel(AccountStore accounts) : PageModel
{
    public string? Problem { get; private set; }
    public string? UserName { get; private set; }
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Local(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        UserName = userName;
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            Problem = "Enter your user name and password.";
            return Page();
        }
        switch (await SignInEndpoints.SignInAsync(accounts, HttpContext, userName, password))
        {
            case TumorRegistry.Infrastructure.Security.SignInResult.Success:
                return LocalRedirect(ReturnUrl);
            case TumorRegistry.Infrastructure.Security.SignInResult.LockedOut:
                Problem = $"Too many wrong passwords: the account is locked for {AccountStore.LockOut.TotalMinutes} minutes.";
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();
            default:
                Problem = "Wrong user name or password.";
                Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Page();
        }
    }

    // Only paths of this site: a sign-in link cannot send the registrar elsewhere.
    private static string Local(string? url) =>
        url is { Length: > 1 } u && u[0] == '/' && u[1] != '/' && u[1] != '\\' ? u : "/";
}
