using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Ingress;

/// <summary>
/// The outermost step on both ports: an exception nobody handled becomes a problem+json 500 with a generic detail
/// and a trace id, and is logged once, here, with its cause (callers never see exception text, paths or addresses).
/// A request Kestrel refuses while it is read (too slow, malformed) keeps Kestrel's status. Paths whose protocol has
/// its own error shape (<c>/v2</c>: <c>{"error"}</c>) get it through the <see cref="FailureWriter"/> the host gives.
/// </summary>
internal sealed class UnhandledExceptionMiddleware(RequestDelegate next, ILogger<UnhandledExceptionMiddleware> logger, UnhandledExceptionMiddleware.FailureWriter? write = null)
{
    /// <summary>Writes a failure (status, title, detail) in the shape the request's path calls for.</summary>
    public delegate Task FailureWriter(HttpContext context, int status, string title, string detail);

    private readonly FailureWriter _write = write ?? ((context, status, title, detail) => ProblemWriter.WriteAsync(context, status, title, detail));

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex)
        {
            Log.RequestRefused(logger, context.Request.Method, context.Request.Path.Value ?? "/", ex.StatusCode, ex.Message);
            if (!context.Response.HasStarted)
            {
                await _write(context, ex.StatusCode, ex.StatusCode == 408 ? "Request Timeout" : "Bad Request", ex.Message);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away: nobody is left to answer.
        }
        catch (Exception ex)
        {
            Log.UnhandledRequestFailure(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Connection.LocalPort, context.TraceIdentifier, ex);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }

            context.Response.Clear();
            await _write(
                context,
                500,
                "Internal Server Error",
                $"The node failed to handle this request; its log has the cause under trace id {context.TraceIdentifier}.");
        }
    }
}
