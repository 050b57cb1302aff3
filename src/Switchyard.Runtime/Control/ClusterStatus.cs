namespace Switchyard.Runtime.Control;

/// <summary>The body of <c>GET /api/status</c>; <see cref="Live"/> holds each backend's figures of the last seconds.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.ClusterStatus")]
internal sealed record ClusterStatus(
    [property: Id(0)] NodeStatus[] Nodes,
    [property: Id(1)] Dictionary<string, BackendInfo> Backends,
    [property: Id(2)] Dictionary<string, EndpointInfo> Endpoints,
    [property: Id(3)] string? ControllerNode,
    [property: Id(4)] StoreStatus Store,
    [property: Id(5)] Dictionary<string, BackendLive>? Live = null);
