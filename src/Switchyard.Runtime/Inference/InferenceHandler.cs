using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Switchyard.Protocol;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Ingress;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Inference;

/// <summary>
/// The Open Inference Protocol's REST API on the HTTP port (CONTRACT section 12). Every endpoint is a model and its
/// backends are its versions. <c>infer</c> goes through the router exactly as the endpoint's own route does (traffic
/// weights, shard key, shadows, batching, queue bound, timeout), or to one backend when a version is named; the
/// replica decodes and checks the tensors. Nothing here calls the controller.
/// </summary>
internal sealed class InferenceHandler
{
    private static readonly string ServerVersion = (typeof(InferenceRequest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    private readonly Router _router;
    private readonly ModelMetadataCache _metadata;
    private readonly HealthCheckService _health;
    private readonly BodyBudget _budget;
    private readonly long _maxBodyBytes;

    public InferenceHandler(Router router, ModelMetadataCache metadata, HealthCheckService health, BodyBudget budget, IOptions<IngressOptions> options)
    {
        _router = router;
        _metadata = metadata;
        _health = health;
        _budget = budget;
        _maxBodyBytes = options.Value.MaxRequestBodyBytes;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!InferencePath.TryParse(path, out var call))
        {
            await InferenceResults.ErrorAsync(context, 404, $"'{path}' is not an Open Inference Protocol path (/v2, /v2/health/live, /v2/health/ready, /v2/models/{{model}}[/versions/{{version}}][/ready|/infer]).");
            return;
        }

        if (!HttpMethods.Equals(context.Request.Method, call.Method))
        {
            context.Response.Headers.Allow = call.Method;
            await InferenceResults.ErrorAsync(context, 405, $"'{path}' takes {call.Method}, not {context.Request.Method}.");
            return;
        }

        switch (call.Kind)
        {
            case InferenceCallKind.Server:
                await InferenceResults.JsonAsync(context, ProtocolJson.ServerMetadata("switchyard", ServerVersion));
                return;
            case InferenceCallKind.Live:
                await InferenceResults.EmptyAsync(context);
                return;
            case InferenceCallKind.Ready:
                // The same readiness as /-/healthz: joined, routed, and any --config applied.
                var report = await _health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), context.RequestAborted);
                await (report.Status == HealthStatus.Healthy
                    ? InferenceResults.EmptyAsync(context)
                    : InferenceResults.ErrorAsync(context, 503, "not ready: " + string.Join("; ", report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}"))));
                return;
        }

        if (!_router.Snapshot.ByName.TryGetValue(call.Model!, out var endpoint))
        {
            await InferenceResults.ErrorAsync(context, _router.IsReady ? 404 : 503, _router.IsReady ? $"Model '{call.Model}' does not exist." : "The node has not received its routing table yet.");
            return;
        }

        BackendLane? pinned = null;
        if (call.Version is { } version && (pinned = endpoint.FindVersion(version)) is null)
        {
            await InferenceResults.ErrorAsync(context, 404, $"Model '{call.Model}' has no version '{version}'; its versions are: {string.Join(", ", endpoint.Versions.Select(v => v.Name))}.");
            return;
        }

        await (call.Kind switch
        {
            InferenceCallKind.Model => MetadataAsync(context, endpoint, pinned),
            InferenceCallKind.ModelReady => ReadyAsync(context, endpoint, pinned),
            _ => InferAsync(context, endpoint, pinned),
        });
    }

    private async Task MetadataAsync(HttpContext context, EndpointRoute endpoint, BackendLane? pinned)
    {
        if ((pinned ?? endpoint.Primary) is not { } lane)
        {
            await InferenceResults.ErrorAsync(context, 503, $"Model '{endpoint.Name}' sends no traffic to any backend.");
            return;
        }

        var model = await _metadata.GetAsync(lane, context.RequestAborted);
        if (!model.Running)
        {
            await InferenceResults.ErrorAsync(context, 503, $"Backend '{lane.Name}' has no running replica to describe its model.");
            return;
        }

        if (model.Metadata is not { } metadata)
        {
            await InferenceResults.ErrorAsync(context, 400, $"Backend '{lane.Name}' does not take tensors (it is not an IInferenceBackend), so model '{endpoint.Name}' has no protocol metadata; use the endpoint's own route.");
            return;
        }

        await InferenceResults.JsonAsync(context, ProtocolJson.ModelMetadata(endpoint.Name, [.. endpoint.Versions.Select(v => v.Name)], metadata));
    }

    private static Task ReadyAsync(HttpContext context, EndpointRoute endpoint, BackendLane? pinned)
    {
        // Unpinned, every backend with a share of the traffic must be able to answer, or some calls would not be.
        var lanes = pinned is null ? endpoint.LaneByRange.DistinctBy(l => l.Name).ToArray() : [pinned];
        var waiting = Array.Find(lanes, l => l.Settings.Replicas.Length == 0);
        return waiting is null
            ? InferenceResults.EmptyAsync(context)
            : InferenceResults.ErrorAsync(context, 503, $"Backend '{waiting.Name}' of model '{endpoint.Name}' has no running replica.");
    }

    private async Task InferAsync(HttpContext context, EndpointRoute endpoint, BackendLane? pinned)
    {
        var read = await RequestBody.ReadAsync(context, _maxBodyBytes, _budget);
        if (read.Bytes is not { } body)
        {
            await InferenceResults.ErrorAsync(context, read.Outcome == BodyOutcome.OverBudget ? 503 : 413, IngressHandler.RefusedDetail(read.Outcome, _maxBodyBytes, _budget));
            return;
        }

        try
        {
            var headers = context.Request.Headers;
            var request = new ReplicaRequest
            {
                Method = "POST",
                Path = context.Request.Path.Value!,
                QueryString = context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
                Headers = RequestBody.Headers(headers),
                Body = body,
                ShardKey = headers.TryGetValue(IngressHandler.ShardKeyHeader, out var key) && key.Count > 0 ? key.ToString() : null,
                Endpoint = endpoint.Name,
                Inference = true,
            };
            var response = pinned is null
                ? await _router.InvokeAsync(endpoint, request, context.RequestAborted)
                : await _router.InvokeBackendAsync(endpoint, pinned, request, context.RequestAborted);
            await InferenceResults.ReplicaAsync(context, response);
        }
        finally
        {
            _budget.Return(read.Held);
        }
    }
}
