using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Ingress;

namespace Switchyard.Runtime.Admin;

/// <summary>The admin API (CONTRACT section 6): one route group per resource, thin HTTP over the controller.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/backends").MapBackends();
        routes.MapGroup("/api/endpoints").MapEndpoints();
        routes.MapGroup("/api/deploy").MapDeploy();
        routes.MapGroup("/api/status").MapStatus();
        routes.MapMetrics();
        routes.MapFallback(static (HttpContext context) =>
            new ProblemResult(404, "Not Found", $"'{context.Request.Method} {Shorten(context.Request.Path.Value)}' is not an admin API call."));
        return routes;
    }

    private static string Shorten(string? path) => path is { Length: > 100 } ? path[..100] + "…" : path ?? "/";
}
