using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TumorRegistry.Api.Pipeline;

/// <summary>
/// A body that cannot be read as the endpoint's type (e.g. a number where a code goes) is the client's error:
/// 400 ProblemDetails, not 500. Minimal APIs throw it in Development and answer a bare 400 elsewhere.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = "The request body could not be read.",
                Detail = "Send JSON whose item values are strings, e.g. {\"primarySite\": \"C504\"}.",
            },
        });
    }
}
