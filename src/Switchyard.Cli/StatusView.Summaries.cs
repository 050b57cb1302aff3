using System.Text.Json;
using static Switchyard.Cli.StatusJson;

namespace Switchyard.Cli;

/// <summary>The one-cell summaries of a backend's config, resources, autoscaling and an endpoint's rollout.</summary>
internal static partial class StatusView
{
    private static string ConfigSummary(JsonElement backend)
    {
        if (!backend.TryGetProperty("config", out var config) || config.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (Number(config, "num_replicas") is { } replicas)
        {
            parts.Add($"replicas {Format(replicas)}");
        }

        if (Number(config, "max_batch_size") is > 1 and var batch)
        {
            var wait = Number(config, "batch_wait_timeout_s") is { } w ? $", wait {Format(w * 1000)}ms" : string.Empty;
            parts.Add($"batch {Format(batch)}{wait}");
        }

        if (Number(config, "max_concurrent_queries") is { } concurrency)
        {
            parts.Add($"concurrency {Format(concurrency)}");
        }

        if (Number(config, "max_queued_requests") is >= 0 and var queue)
        {
            parts.Add($"queue {Format(queue)}");
        }

        if (Number(config, "request_timeout_s") is { } timeout)
        {
            parts.Add($"timeout {Format(timeout)}s");
        }

        if (config.TryGetProperty("user_config", out var user) && user.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            parts.Add("user_config");
        }

        return string.Join(", ", parts);
    }

    private static string ResourceSummary(JsonElement backend)
    {
        if (!backend.TryGetProperty("resources", out var resources) || resources.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (Number(resources, "num_cpus") is > 0 and var cpus)
        {
            parts.Add($"cpus {Format(cpus)}");
        }

        if (Number(resources, "num_gpus") is > 0 and var gpus)
        {
            parts.Add($"gpus {Format(gpus)}");
        }

        parts.AddRange(Object(resources, "custom").Select(kv => $"{kv.Key} {Format(kv.Value.GetDouble())}"));
        return parts.Count == 0 ? "none reserved" : string.Join(", ", parts);
    }

    private static string Autoscaling(JsonElement backend)
    {
        var parts = new List<string>();
        if (backend.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object
            && config.TryGetProperty("autoscaling_config", out var policy) && policy.ValueKind == JsonValueKind.Object)
        {
            parts.Add($"{Format(Number(policy, "min_replicas") ?? 1)}..{Format(Number(policy, "max_replicas") ?? 1)}");
        }

        if (backend.TryGetProperty("autoscaling", out var state) && state.ValueKind == JsonValueKind.Object)
        {
            if (Number(state, "target_replicas") is { } target)
            {
                parts.Add($"target {Format(target)}");
            }

            if (Number(state, "ongoing_requests") is { } ongoing)
            {
                parts.Add($"ongoing {Format(ongoing)}");
            }
        }

        return string.Join(", ", parts);
    }

    /// <summary>One of the backend's live figures (the last seconds, over every node); "–" without requests, empty from a node that sends none.</summary>
    private static string Live(JsonElement backend, string name, string unit)
    {
        if (!backend.TryGetProperty("live", out var live) || live.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        return Number(live, name) is { } value ? Format(Math.Round(value, value >= 100 ? 0 : 1)) + unit : "–";
    }

    private static string Rollout(JsonElement endpoint)
    {
        if (!endpoint.TryGetProperty("rollout", out var rollout) || rollout.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var steps = Array(rollout, "steps").Count;
        var step = Number(rollout, "step") is { } s ? Format(s + 1) : "?";
        return $"{Str(rollout, "state") ?? "?"} to {Str(rollout, "to") ?? "?"}, step {step}/{steps}";
    }

    private static string Shares(List<KeyValuePair<string, JsonElement>> shares) =>
        string.Join("\n", shares.Select(kv => $"{kv.Key} {Format(kv.Value.GetDouble() * 100)}%"));

    private static string Pair(JsonElement free, JsonElement total, string name) =>
        free.ValueKind == JsonValueKind.Object && total.ValueKind == JsonValueKind.Object
            ? $"{Format(Number(free, name) ?? 0)}/{Format(Number(total, name) ?? 0)}"
            : string.Empty;

    private static string Custom(JsonElement free, JsonElement total)
    {
        if (total.ValueKind != JsonValueKind.Object)
        {
            return string.Empty;
        }

        var available = free.ValueKind == JsonValueKind.Object ? Object(free, "custom").ToDictionary(kv => kv.Key, kv => kv.Value.GetDouble()) : [];
        return string.Join("\n", Object(total, "custom").Select(kv => $"{kv.Key} {Format(available.GetValueOrDefault(kv.Key))}/{Format(kv.Value.GetDouble())}"));
    }
}
