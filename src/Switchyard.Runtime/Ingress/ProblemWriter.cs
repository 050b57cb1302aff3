using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Ingress;

/// <summary>Writes RFC 9457 problem details (<c>application/problem+json</c>).</summary>
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
        return context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body, ProblemJson.Body)).AsTask();
    }

    public static string TitleOf(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
