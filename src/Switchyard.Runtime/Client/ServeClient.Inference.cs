using System.Globalization;
using Switchyard.Protocol;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

internal sealed partial class ServeClient
{
    /// <summary>A handle's inference call: routed like <c>/v2/models/{endpoint}/infer</c>, or pinned to one backend.</summary>
    public async ValueTask<HandleResult> InferAsync(string endpoint, string? version, string? shardKey, ReadOnlyMemory<byte> body, int? headerLength, CancellationToken cancellationToken)
    {
        if (await FindRouteAsync(endpoint, cancellationToken) is not { } route)
        {
            return new HandleResult(404, null, ReadOnlyMemory<byte>.Empty, "Not Found", $"Model '{endpoint}' does not exist.");
        }

        BackendLane? pinned = null;
        if (version is not null && (pinned = route.FindVersion(version)) is null)
        {
            return new HandleResult(404, null, ReadOnlyMemory<byte>.Empty, "Not Found", $"Model '{endpoint}' has no version '{version}' (its versions: {string.Join(", ", route.Versions.Select(v => v.Name))}).");
        }

        var request = new ReplicaRequest
        {
            Method = "POST",
            Path = version is null ? $"/v2/models/{endpoint}/infer" : $"/v2/models/{endpoint}/versions/{version}/infer",
            Headers = headerLength is { } length ? [new(OipLimits.HeaderLengthHeader, length.ToString(CultureInfo.InvariantCulture))] : null,
            Body = body.ToArray(),
            ShardKey = shardKey,
            Endpoint = endpoint,
            Inference = true,
        };
        var response = pinned is null
            ? await _router.InvokeAsync(route, request, cancellationToken)
            : await _router.InvokeBackendAsync(route, pinned, request, cancellationToken);
        int? responseHeader = response.Headers?.FirstOrDefault(h => h.Key == OipLimits.HeaderLengthHeader).Value is { } value
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return new HandleResult(response.StatusCode, response.ContentType, response.Body, response.Title, response.Detail, responseHeader);
    }

    /// <summary>The endpoint's route in this process's snapshot, waiting (bounded) for the first routing table.</summary>
    private async ValueTask<EndpointRoute?> FindRouteAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (_router.Snapshot.ByName.TryGetValue(endpoint, out var route))
        {
            return route;
        }

        if (!_router.IsReady)
        {
            await _router.WhenReady.WaitAsync(_settleTimeout, cancellationToken);
        }

        return _router.Snapshot.ByName.TryGetValue(endpoint, out route) ? route : null;
    }
}
