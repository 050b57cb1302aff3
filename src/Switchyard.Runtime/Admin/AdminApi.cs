using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

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
        routes.MapGroup("/api/figures").MapFigures();
        routes.MapDashboard();
        routes.MapMetrics();
        return routes;
    }
}
