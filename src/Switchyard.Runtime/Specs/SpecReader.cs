using System.Text.Json;

namespace Switchyard.Runtime.Specs;

/// <summary>
/// Reads user-facing JSON (admin calls, deployment files) into config records, reporting every problem at once
/// with the path of the field it concerns. Range checks live in <see cref="SpecValidator"/>.
/// </summary>
internal static partial class SpecReader
{
    private static readonly string[] ConfigFields =
        ["num_replicas", "max_batch_size", "batch_wait_timeout_s", "max_concurrent_queries", "max_queued_requests", "request_timeout_s", "user_config", "autoscaling_config"];

    private static readonly string[] ResourceFields = ["num_cpus", "num_gpus", "custom"];
    private static readonly string[] BackendFields = ["class", "init_args", "config", "resources"];
    private static readonly string[] EndpointFields = ["route", "methods", "traffic", "shadows"];

    /// <summary>Merges the fields present in <paramref name="json"/> into <paramref name="current"/>.</summary>
    public static BackendConfig ReadConfig(JsonElement json, BackendConfig current, string path, Problems problems)
    {
        if (!ExpectObject(json, path, problems, ConfigFields))
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
                case "num_replicas" when ReadInt(value, at, problems) is { } v: config = config with { NumReplicas = v }; break;
                case "max_batch_size" when ReadInt(value, at, problems) is { } v: config = config with { MaxBatchSize = v }; break;
                case "batch_wait_timeout_s" when ReadNumber(value, at, problems) is { } v: config = config with { BatchWaitTimeoutS = v }; break;
                case "max_concurrent_queries" when ReadInt(value, at, problems) is { } v: config = config with { MaxConcurrentQueries = v }; break;
                case "max_queued_requests" when ReadInt(value, at, problems) is { } v: config = config with { MaxQueuedRequests = v }; break;
                case "request_timeout_s":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        config = config with { RequestTimeoutS = null };
                    }
                    else if (ReadNumber(value, at, problems) is { } timeout)
                    {
                        config = config with { RequestTimeoutS = timeout };
                    }

                    break;
                case "user_config":
                    config = config with { UserConfig = value.ValueKind == JsonValueKind.Null ? null : value.Clone() };
                    break;
                case "autoscaling_config":
                    config = config with { AutoscalingConfig = value.ValueKind == JsonValueKind.Null ? null : ReadAutoscaling(value, current.AutoscalingConfig ?? new AutoscalingConfig(), at, problems) };
                    break;
            }
        }

        CheckReplicaCountOwner(json, current, path, problems);
        return config;
    }

    public static BackendResources ReadResources(JsonElement json, string path, Problems problems)
    {
        var resources = new BackendResources();
        if (!ExpectObject(json, path, problems, ResourceFields))
        {
            return resources;
        }

        foreach (var property in json.EnumerateObject())
        {
            var at = Join(path, property.Name);
            switch (property.Name)
            {
                case "num_cpus" when ReadNumber(property.Value, at, problems) is { } v: resources = resources with { NumCpus = v }; break;
                case "num_gpus" when ReadNumber(property.Value, at, problems) is { } v: resources = resources with { NumGpus = v }; break;
                case "custom":
                    resources = resources with { Custom = ReadNumberMap(property.Value, at, problems) };
                    break;
            }
        }

        return resources;
    }

    /// <summary>Reads <c>{class, init_args?, config?, resources?}</c>; <paramref name="extraFields"/> are allowed and ignored.</summary>
    public static BackendSpec? ReadBackend(JsonElement json, string path, Problems problems, params string[] extraFields)
    {
        if (!ExpectObject(json, path, problems, [.. BackendFields, .. extraFields]))
        {
            return null;
        }

        string? @class = null;
        JsonElement? initArgs = null;
        var config = new BackendConfig();
        var resources = new BackendResources();
        foreach (var property in json.EnumerateObject())
        {
            var at = Join(path, property.Name);
            switch (property.Name)
            {
                case "class":
                    @class = ReadString(property.Value, at, problems);
                    break;
                case "init_args":
                    if (property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
                    {
                        initArgs = property.Value.Clone();
                    }
                    else if (property.Value.ValueKind != JsonValueKind.Null)
                    {
                        problems.Add(at, $"must be a JSON array (by position) or object (by parameter name), not {Describe(property.Value)}");
                    }

                    break;
                case "config":
                    config = ReadConfig(property.Value, config, at, problems);
                    break;
                case "resources":
                    resources = ReadResources(property.Value, at, problems);
                    break;
            }
        }

        if (@class is null)
        {
            if (!json.TryGetProperty("class", out _))
            {
                problems.Add(Join(path, "class"), "is required");
            }

            return null;
        }

        return new BackendSpec { Class = @class, InitArgs = initArgs, Config = config, Resources = resources };
    }

    public static EndpointSpec? ReadEndpoint(JsonElement json, string path, Problems problems)
    {
        if (!ExpectObject(json, path, problems, EndpointFields))
        {
            return null;
        }

        var spec = new EndpointSpec();
        foreach (var property in json.EnumerateObject())
        {
            var at = Join(path, property.Name);
            switch (property.Name)
            {
                case "route":
                    spec = spec with { Route = property.Value.ValueKind == JsonValueKind.Null ? null : ReadString(property.Value, at, problems) };
                    break;
                case "methods":
                    spec = spec with { Methods = ReadMethods(property.Value, at, problems) ?? spec.Methods };
                    break;
                case "traffic":
                    spec = spec with { Traffic = ReadNumberMap(property.Value, at, problems) };
                    break;
                case "shadows":
                    spec = spec with { Shadows = ReadNumberMap(property.Value, at, problems) };
                    break;
            }
        }

        return spec;
    }

    public static DeploymentSpec ReadDeployment(JsonElement json, Problems problems)
    {
        if (!ExpectObject(json, string.Empty, problems, ["backends", "endpoints"]))
        {
            return new DeploymentSpec();
        }

        var backends = new Dictionary<string, BackendSpec>(StringComparer.Ordinal);
        var endpoints = new Dictionary<string, EndpointSpec>(StringComparer.Ordinal);
        if (json.TryGetProperty("backends", out var b) && b.ValueKind != JsonValueKind.Null)
        {
            if (ExpectObject(b, "backends", problems, null))
            {
                foreach (var property in b.EnumerateObject())
                {
                    if (ReadBackend(property.Value, Join("backends", property.Name), problems) is { } spec)
                    {
                        backends[property.Name] = spec;
                    }
                }
            }
        }

        if (json.TryGetProperty("endpoints", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (ExpectObject(e, "endpoints", problems, null))
            {
                foreach (var property in e.EnumerateObject())
                {
                    if (ReadEndpoint(property.Value, Join("endpoints", property.Name), problems) is { } spec)
                    {
                        endpoints[property.Name] = spec;
                    }
                }
            }
        }

        return new DeploymentSpec { Backends = backends, Endpoints = endpoints };
    }
}
