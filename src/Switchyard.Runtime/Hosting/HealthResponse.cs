using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary><c>/-/healthz</c> and <c>/-/livez</c>: 200 <c>ok</c> (or <c>ok, degraded: ...</c>), or 503 with each failing check and why.</summary>
internal static class HealthResponse
{
    public static HealthCheckOptions Ready() => new()
    {
        Predicate = check => check.Tags.Contains(HealthTags.Ready),
        ResponseWriter = WriteAsync,
    };

    /// <summary>Live means the process answers: no check runs.</summary>
    public static HealthCheckOptions Live() => new()
    {
        Predicate = _ => false,
        ResponseWriter = WriteAsync,
    };

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        if (report.Status == HealthStatus.Healthy)
        {
            return context.Response.WriteAsync("ok");
        }

        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        var verdict = report.Status == HealthStatus.Degraded ? "ok, degraded: " : "not ready: ";
        return context.Response.WriteAsync(verdict + string.Join("; ", failing));
    }
}
