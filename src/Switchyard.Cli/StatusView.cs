using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;
using static Switchyard.Cli.StatusJson;

namespace Switchyard.Cli;

/// <summary>
/// Renders an <c>/api/status</c> body as tables: nodes, backends, replicas, endpoints. It reads the JSON by name, so
/// fields added later (autoscaling, rollouts) show when present and nothing breaks while they are absent.
/// </summary>
internal static partial class StatusView
{
    public static IRenderable Render(JsonElement status)
    {
        var controller = status.TryGetProperty("controller", out var c) && c.ValueKind == JsonValueKind.Object ? Str(c, "node") : null;
        var parts = new List<IRenderable> { Nodes(status, controller) };
        var backends = Object(status, "backends");
        parts.Add(backends.Count == 0 ? new Markup("[dim]no backends[/]") : Backends(backends));
        if (backends.Any(b => Array(b.Value, "replicas").Count > 0))
        {
            parts.Add(Replicas(backends));
        }

        var endpoints = Object(status, "endpoints");
        parts.Add(endpoints.Count == 0 ? new Markup("[dim]no endpoints[/]") : Endpoints(endpoints));
        return new Rows(parts);
    }

    private static Table Nodes(JsonElement status, string? controller)
    {
        var table = new StatusTable("Nodes", "node", "status", "address", "cpus (free/total)", "gpus (free/total)", "custom (free/total)");
        foreach (var node in Array(status, "nodes"))
        {
            var id = Str(node, "id") ?? "?";
            var resources = node.TryGetProperty("resources", out var r) ? r : default;
            var total = resources.ValueKind == JsonValueKind.Object && resources.TryGetProperty("total", out var t) ? t : default;
            var free = resources.ValueKind == JsonValueKind.Object && resources.TryGetProperty("available", out var a) ? a : default;
            table.Add(
                new Cell(id, Note: id == controller ? "(controller)" : null),
                Cell.State(Str(node, "status")),
                Str(node, "address"),
                Pair(free, total, "num_cpus"),
                Pair(free, total, "num_gpus"),
                Custom(free, total));
        }

        return table.Build();
    }

    private static Table Backends(List<KeyValuePair<string, JsonElement>> backends)
    {
        var table = new StatusTable("Backends", "backend", "class", "config", "resources", "replicas", "autoscaling", "req/s", "p50", "p99");
        foreach (var (name, backend) in backends)
        {
            var replicas = Array(backend, "replicas");
            var counts = replicas.GroupBy(r => Str(r, "state") ?? "?").Select(g => $"{g.Count()} {g.Key}");
            table.Add(
                name,
                Str(backend, "class"),
                ConfigSummary(backend),
                ResourceSummary(backend),
                replicas.Count == 0 ? "none" : string.Join(", ", counts),
                Autoscaling(backend),
                Live(backend, "requests_per_s", string.Empty),
                Live(backend, "p50_ms", " ms"),
                Live(backend, "p99_ms", " ms"));
        }

        return table.Build();
    }

    private static Table Replicas(List<KeyValuePair<string, JsonElement>> backends)
    {
        var table = new StatusTable("Replicas", "replica", "backend", "state", "node", "gpu ids", "reason");
        foreach (var (name, backend) in backends)
        {
            foreach (var replica in Array(backend, "replicas"))
            {
                table.Add(
                    Str(replica, "tag"),
                    name,
                    Cell.State(Str(replica, "state")),
                    Str(replica, "node"),
                    string.Join(",", Array(replica, "gpu_ids").Select(g => g.ToString())),
                    Str(replica, "reason"));
            }
        }

        return table.Build();
    }

    private static Table Endpoints(List<KeyValuePair<string, JsonElement>> endpoints)
    {
        var table = new StatusTable("Endpoints", "endpoint", "route", "methods", "traffic", "shadows", "rollout");
        foreach (var (name, endpoint) in endpoints)
        {
            table.Add(
                name,
                Str(endpoint, "route") ?? "(handle only)",
                string.Join(" ", Array(endpoint, "methods").Select(m => m.GetString())),
                Shares(Object(endpoint, "traffic")),
                Shares(Object(endpoint, "shadows")),
                Rollout(endpoint));
        }

        return table.Build();
    }
}
