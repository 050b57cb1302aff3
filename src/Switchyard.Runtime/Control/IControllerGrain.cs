using Orleans.Concurrency;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control;

/// <summary>
/// The single source of truth for backends and endpoints (one per cluster, key 0). Every change is validated as
/// a whole, persisted, then acknowledged; a reconcile loop moves the replicas towards it.
/// </summary>
[Alias("switchyard.IControllerGrain")]
internal interface IControllerGrain : IGrainWithIntegerKey
{
    [Alias("CreateBackend")]
    Task<ControlResult> CreateBackendAsync(string name, BackendSpec spec, CancellationToken cancellationToken);

    /// <summary>Merges a partial config given as a JSON object.</summary>
    [Alias("UpdateBackendConfig")]
    Task<ControlResult> UpdateBackendConfigAsync(string name, string configPatchJson, CancellationToken cancellationToken);

    [Alias("DeleteBackend")]
    Task<ControlResult> DeleteBackendAsync(string name, CancellationToken cancellationToken);

    [Alias("CreateEndpoint")]
    Task<ControlResult> CreateEndpointAsync(string name, string backend, string? route, string[]? methods, CancellationToken cancellationToken);

    [Alias("DeleteEndpoint")]
    Task<ControlResult> DeleteEndpointAsync(string name, CancellationToken cancellationToken);

    [Alias("SetTraffic")]
    Task<ControlResult> SetTrafficAsync(string endpoint, Dictionary<string, double> traffic, CancellationToken cancellationToken);

    [Alias("SetShadow")]
    Task<ControlResult> SetShadowAsync(string endpoint, string backend, double proportion, CancellationToken cancellationToken);

    [Alias("Deploy")]
    Task<ControlResult> DeployAsync(DeploymentSpec deployment, CancellationToken cancellationToken);

    [Alias("ListBackends")]
    Task<Dictionary<string, BackendInfo>> ListBackendsAsync(CancellationToken cancellationToken);

    [Alias("ListEndpoints")]
    Task<Dictionary<string, EndpointInfo>> ListEndpointsAsync(CancellationToken cancellationToken);

    [Alias("GetStatus")]
    Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>The last five minutes of every backend's figures, one point per second (for the dashboard).</summary>
    [Alias("GetFigures")]
    Task<FigureSeriesSet> GetFiguresAsync(CancellationToken cancellationToken);

    /// <summary>Long poll: returns the routing table once its version differs from <paramref name="knownVersion"/>, or after <paramref name="maxWait"/>.</summary>
    [AlwaysInterleave, Alias("WatchRouting")]
    Task<RoutingTable> WatchRoutingAsync(long knownVersion, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Returns once each replica of these backends is running, pending or failed and their counts match the desired ones; answers the routing version then.</summary>
    [AlwaysInterleave, Alias("WaitSettled")]
    Task<long> WaitSettledAsync(string[] backends, CancellationToken cancellationToken);

    [Alias("ReportReplica")]
    Task ReportReplicaAsync(ReplicaReport report, CancellationToken cancellationToken);

    /// <summary>A node's figures over its last interval: kept for the control loops, which run at once on them.</summary>
    [Alias("ReportFigures")]
    Task ReportFiguresAsync(FigureReport report, CancellationToken cancellationToken);

    /// <summary>Starts a progressive rollout of the endpoint (CONTRACT section 11); 201 with its state.</summary>
    [Alias("StartRollout")]
    Task<ControlResult> StartRolloutAsync(string endpoint, RolloutSpec rollout, CancellationToken cancellationToken);

    /// <summary>The endpoint's current or last rollout (in <see cref="ControlResult.Rollout"/>), or 404.</summary>
    [Alias("GetRollout")]
    Task<ControlResult> GetRolloutAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>Sends all of the endpoint's traffic to the running rollout's target now.</summary>
    [Alias("PromoteRollout")]
    Task<ControlResult> PromoteRolloutAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>Ends the running rollout, putting back the policy from before it.</summary>
    [Alias("AbortRollout")]
    Task<ControlResult> AbortRolloutAsync(string endpoint, CancellationToken cancellationToken);

    /// <summary>
    /// Node <paramref name="nodeId"/> is shutting down: nothing new is placed on it, and each of its replicas is replaced
    /// on another node, then drained once the replacements run. Called again until it answers 0: how many of the
    /// node's replicas are still live there. The controller itself moves off that node once it holds no replica.
    /// </summary>
    [Alias("Leave")]
    Task<int> LeaveAsync(string nodeId, CancellationToken cancellationToken);
}
