using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Admin;

/// <summary><c>GET /api/status</c> (nodes, backends with their live figures, endpoints, controller) and <c>GET /metrics</c> (OpenTelemetry's Prometheus scrape).</summary>
internal static class StatusRoutes
{
    public static RouteGroupBuilder MapStatus(this RouteGroupBuilder group)
    {
        group.MapGet("/", StatusAsync);
        return group;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics");
        return routes;
    }

    private static async Task<ContentHttpResult> StatusAsync(ServeClient client, CancellationToken ct)
    {
        var status = await client.ControlAsync(c => c.GetStatusAsync(ct), ct);
        var nodes = new JsonArray(status.Nodes.Select(n => (JsonNode)new JsonObject
        {
            ["id"] = n.Id,
            ["address"] = n.Address,
            ["status"] = n.Status,
            ["resources"] = new JsonObject { ["total"] = Amounts(n.Total), ["available"] = Amounts(n.Available) },
        }).ToArray());
        var backends = JsonSerializer.SerializeToNode(status.Backends, AdminResults.Json)!.AsObject();
        foreach (var (name, live) in status.Live ?? [])
        {
            if (backends[name] is JsonObject backend)
            {
                backend["live"] = Live(live);
            }
        }

        var body = new JsonObject
        {
            ["nodes"] = nodes,
            ["backends"] = backends,
            ["endpoints"] = JsonSerializer.SerializeToNode(status.Endpoints, AdminResults.Json),
            ["controller"] = new JsonObject { ["node"] = status.ControllerNode },
            ["store"] = new JsonObject { ["reachable"] = status.Store.Reachable, ["detail"] = status.Store.Detail },
        };
        return TypedResults.Text(body.ToJsonString(), "application/json; charset=utf-8");
    }

    /// <summary>A backend's answers of the last seconds, over every node (beyond the contract: see docs/operations.md).</summary>
    private static JsonObject Live(BackendLive live) => new()
    {
        ["window_s"] = live.WindowS,
        ["requests_per_s"] = Math.Round(live.RequestsPerS, 3),
        ["error_rate"] = Rounded(live.ErrorRate),
        ["p50_ms"] = Rounded(live.P50Ms),
        ["p99_ms"] = Rounded(live.P99Ms),
    };

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 3) : null;

    private static JsonObject Amounts(ResourceAmounts amounts) => new()
    {
        ["num_cpus"] = amounts.NumCpus,
        ["num_gpus"] = amounts.NumGpus,
        ["custom"] = JsonSerializer.SerializeToNode(amounts.Custom),
    };
}
