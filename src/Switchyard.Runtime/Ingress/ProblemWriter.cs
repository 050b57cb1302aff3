using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Runtime.Ingress;

/// <summary>Writes RFC 9457 problem details (<c>application/problem+json</c>): the one problem writer of both ports.</summary>
internal static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail, IReadOnlyList<string>? errors = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        if (status == 503)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        var body = new ProblemBody(
            $"https://httpstatuses.io/{status}",
            title,
            status,
            detail,
            errors is { Count: > 0 } ? errors : null);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, ProblemJson.Body);
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }
}
