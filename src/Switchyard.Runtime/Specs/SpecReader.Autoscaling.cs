using System.Text.Json;

namespace Switchyard.Runtime.Specs;

internal static partial class SpecReader
{
    private static readonly string[] AutoscalingFields =
    [
        "min_replicas", "max_replicas", "initial_replicas", "target_ongoing_requests", "metrics_interval_s",
        "look_back_period_s", "upscale_delay_s", "downscale_delay_s", "upscaling_factor", "downscaling_factor",
    ];

    /// <summary>Merges the fields present in <paramref name="json"/> into <paramref name="current"/> (CONTRACT section 10).</summary>
    public static AutoscalingConfig ReadAutoscaling(JsonElement json, AutoscalingConfig current, string path, Problems problems)
    {
        if (!ExpectObject(json, path, problems, AutoscalingFields))
        {
            return current;
        }

        var config = current;
        foreach (var property in json.EnumerateObject())
        {
            var at = Join(path, property.Name);
            var value = property.Value;
            switch (property.Name)
            {
                case "min_replicas" when ReadInt(value, at, problems) is { } v: config = config with { MinReplicas = v }; break;
                case "max_replicas" when ReadInt(value, at, problems) is { } v: config = config with { MaxReplicas = v }; break;
                case "initial_replicas":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        config = config with { InitialReplicas = null };
                    }
                    else if (ReadInt(value, at, problems) is { } initial)
                    {
                        config = config with { InitialReplicas = initial };
                    }

                    break;
                case "target_ongoing_requests" when ReadNumber(value, at, problems) is { } v: config = config with { TargetOngoingRequests = v }; break;
                case "metrics_interval_s" when ReadNumber(value, at, problems) is { } v: config = config with { MetricsIntervalS = v }; break;
                case "look_back_period_s" when ReadNumber(value, at, problems) is { } v: config = config with { LookBackPeriodS = v }; break;
                case "upscale_delay_s" when ReadNumber(value, at, problems) is { } v: config = config with { UpscaleDelayS = v }; break;
                case "downscale_delay_s" when ReadNumber(value, at, problems) is { } v: config = config with { DownscaleDelayS = v }; break;
                case "upscaling_factor" when ReadNumber(value, at, problems) is { } v: config = config with { UpscalingFactor = v }; break;
                case "downscaling_factor" when ReadNumber(value, at, problems) is { } v: config = config with { DownscalingFactor = v }; break;
            }
        }

        return config;
    }

    /// <summary>
    /// The replica count has one owner: <c>num_replicas</c> or the autoscaler. Giving both in one call, or
    /// <c>num_replicas</c> alone to a backend that autoscales, is refused naming both fields (a
    /// <c>"autoscaling_config": null</c> in the same call hands the count back to <c>num_replicas</c>).
    /// </summary>
    private static void CheckReplicaCountOwner(JsonElement json, BackendConfig current, string path, Problems problems)
    {
        if (!json.TryGetProperty("num_replicas", out _))
        {
            return;
        }

        if (json.TryGetProperty("autoscaling_config", out var autoscaling))
        {
            if (autoscaling.ValueKind != JsonValueKind.Null)
            {
                problems.Add(Join(path, "num_replicas"), "cannot be given together with autoscaling_config: with autoscaling_config the autoscaler sets the replica count (give one of num_replicas and autoscaling_config)");
            }
        }
        else if (current.AutoscalingConfig is not null)
        {
            problems.Add(Join(path, "num_replicas"), "cannot be set while autoscaling_config is set: the autoscaler sets the replica count (send \"autoscaling_config\": null with num_replicas to return to a fixed count)");
        }
    }
}
