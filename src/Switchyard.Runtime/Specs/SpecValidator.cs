namespace Switchyard.Runtime.Specs;

/// <summary>The one place where the rules of user-facing configuration live; every check reports into <see cref="Problems"/>.</summary>
internal static partial class SpecValidator
{
    public const double WeightTolerance = 1e-6;

    /// <summary>
    /// The most replicas one backend may ask for (<c>num_replicas</c>, <c>max_replicas</c>): far above what a cluster
    /// runs, and low enough that a mistyped count cannot make the controller plan a billion replicas.
    /// </summary>
    public const int MaxReplicas = 1000;

    /// <summary>The longest <c>batch_wait_timeout_s</c>: an hour (a batch waits for its first request's deadline, not for ever).</summary>
    public const double MaxBatchWaitS = 3600;

    /// <summary>The longest <c>request_timeout_s</c>: a day (beyond it there is no timeout worth the name; give null for none).</summary>
    public const double MaxRequestTimeoutS = 86400;

    private static readonly HashSet<string> KnownMethods =
        new(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], StringComparer.Ordinal);

    public static void ValidateName(string? name, string what, Problems problems, string path = "name")
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(path, $"a {what} name is required");
            return;
        }

        if (name.Length > 100 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            problems.Add(path, $"'{name}' is not a valid {what} name (use at most 100 letters, digits, '_', '-' or '.')");
        }
    }

    public static void ValidateConfig(BackendConfig config, string path, Problems problems)
    {
        if (config.NumReplicas < 0 || config.NumReplicas > MaxReplicas)
        {
            problems.Add(SpecReader.Join(path, "num_replicas"), $"must be within [0, {MaxReplicas}] (got {config.NumReplicas})");
        }

        if (config.MaxBatchSize < 1)
        {
            problems.Add(SpecReader.Join(path, "max_batch_size"), $"must be ≥ 1 (got {config.MaxBatchSize})");
        }

        if (config.BatchWaitTimeoutS < 0 || config.BatchWaitTimeoutS > MaxBatchWaitS)
        {
            problems.Add(SpecReader.Join(path, "batch_wait_timeout_s"), $"must be within [0, {MaxBatchWaitS}] seconds (got {config.BatchWaitTimeoutS})");
        }

        if (config.MaxConcurrentQueries < 1)
        {
            problems.Add(SpecReader.Join(path, "max_concurrent_queries"), $"must be ≥ 1 (got {config.MaxConcurrentQueries})");
        }
        else if (config.MaxBatchSize > config.MaxConcurrentQueries)
        {
            problems.Add(SpecReader.Join(path, "max_batch_size"), $"({config.MaxBatchSize}) may not exceed max_concurrent_queries ({config.MaxConcurrentQueries}): a batch could never fill");
        }

        if (config.MaxQueuedRequests < -1)
        {
            problems.Add(SpecReader.Join(path, "max_queued_requests"), $"must be ≥ -1 (-1 = unbounded; got {config.MaxQueuedRequests})");
        }

        if (config.RequestTimeoutS is { } timeout && (timeout <= 0 || timeout > MaxRequestTimeoutS))
        {
            problems.Add(SpecReader.Join(path, "request_timeout_s"), $"must be > 0 and ≤ {MaxRequestTimeoutS} seconds, or null for none (got {timeout})");
        }

        if (config.AutoscalingConfig is { } autoscaling)
        {
            ValidateAutoscaling(autoscaling, SpecReader.Join(path, "autoscaling_config"), problems);
        }
    }

    public static void ValidateResources(BackendResources resources, string path, Problems problems)
    {
        if (resources.NumCpus < 0)
        {
            problems.Add(SpecReader.Join(path, "num_cpus"), $"must be ≥ 0 (got {resources.NumCpus})");
        }

        if (resources.NumGpus < 0)
        {
            problems.Add(SpecReader.Join(path, "num_gpus"), $"must be ≥ 0 (got {resources.NumGpus})");
        }
        else if (resources.NumGpus > 1 && Math.Abs(resources.NumGpus - Math.Round(resources.NumGpus)) > 1e-9)
        {
            problems.Add(SpecReader.Join(path, "num_gpus"), $"above 1 must be a whole number of GPUs (got {resources.NumGpus}); fractions share one GPU");
        }

        foreach (var (name, amount) in resources.Custom)
        {
            if (amount < 0)
            {
                problems.Add(SpecReader.Join(SpecReader.Join(path, "custom"), name), $"must be ≥ 0 (got {amount})");
            }
        }
    }

    public static void ValidateRoute(string? route, string path, Problems problems)
    {
        if (route is null)
        {
            return;
        }

        if (!route.StartsWith('/'))
        {
            problems.Add(path, $"'{route}' must start with '/'");
        }
        else if (route.Length > 1 && route.EndsWith('/'))
        {
            problems.Add(path, $"'{route}' must not end with '/'");
        }
        else if (route.Contains("//", StringComparison.Ordinal) || route.IndexOfAny(['?', '#', ' ']) >= 0)
        {
            problems.Add(path, $"'{route}' is not a plain path (no '//', '?', '#' or spaces)");
        }
        else if (route == "/-" || route.StartsWith("/-/", StringComparison.Ordinal))
        {
            problems.Add(path, $"'{route}' is reserved for Switchyard's own routes (/-/routes, /-/healthz)");
        }
        else if (route == "/v2" || route.StartsWith("/v2/", StringComparison.Ordinal))
        {
            problems.Add(path, $"'{route}' is reserved for the Open Inference Protocol (/v2/models/{{endpoint}}/infer serves every endpoint)");
        }
    }

    public static void ValidateMethods(IReadOnlyList<string> methods, string path, Problems problems)
    {
        if (methods.Count == 0)
        {
            problems.Add(path, "must list at least one HTTP method");
        }

        foreach (var method in methods)
        {
            if (!KnownMethods.Contains(method))
            {
                problems.Add(path, $"'{method}' is not an HTTP method Switchyard routes (known: {string.Join(", ", KnownMethods)})");
            }
        }
    }

    public static void ValidateTraffic(IReadOnlyDictionary<string, double> traffic, string path, Problems problems)
    {
        if (traffic.Count == 0)
        {
            problems.Add(path, "must name at least one backend");
            return;
        }

        var sum = 0.0;
        foreach (var (backend, weight) in traffic)
        {
            if (weight < 0 || !double.IsFinite(weight))
            {
                problems.Add(SpecReader.Join(path, backend), $"weight must be ≥ 0 (got {weight})");
            }

            sum += weight;
        }

        if (Math.Abs(sum - 1.0) > WeightTolerance)
        {
            problems.Add(path, $"weights must sum to 1 (got {sum:0.########})");
        }
    }

    public static void ValidateShadowProportion(double proportion, string path, Problems problems)
    {
        if (proportion < 0 || proportion > 1 || !double.IsFinite(proportion))
        {
            problems.Add(path, $"a shadow proportion must be in [0, 1] (got {proportion})");
        }
    }
}
