using Microsoft.Extensions.Logging;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>Every log message of the runtime, source-generated, with its event id in one place.</summary>
internal static partial class Log
{
    /// <summary>The controller started on a node: at cluster start, or because it moved after its node left.</summary>
    [LoggerMessage(1000, LogLevel.Information, "Controller active on node {Node} with {Backends} backends and {Endpoints} endpoints")]
    public static partial void Activated(ILogger logger, string node, int backends, int endpoints);

    [LoggerMessage(1001, LogLevel.Information, "Backend {Backend} created (class {Class}, {Replicas} replicas)")]
    public static partial void BackendCreated(ILogger logger, string backend, string @class, int replicas);

    [LoggerMessage(1002, LogLevel.Information, "Backend {Backend} reconfigured ({Replicas} replicas)")]
    public static partial void BackendConfigured(ILogger logger, string backend, int replicas);

    [LoggerMessage(1003, LogLevel.Information, "Backend {Backend} deleted")]
    public static partial void BackendDeleted(ILogger logger, string backend);

    [LoggerMessage(1004, LogLevel.Information, "Endpoint {Endpoint} created at {Route} -> {Backend}")]
    public static partial void EndpointCreated(ILogger logger, string endpoint, string route, string backend);

    [LoggerMessage(1005, LogLevel.Information, "Endpoint {Endpoint} deleted")]
    public static partial void EndpointDeleted(ILogger logger, string endpoint);

    [LoggerMessage(1006, LogLevel.Information, "Traffic of endpoint {Endpoint} changed from {OldTraffic} to {NewTraffic}")]
    public static partial void TrafficChanged(ILogger logger, string endpoint, string oldTraffic, string newTraffic);

    [LoggerMessage(1007, LogLevel.Information, "Deployment applied: {Created} created, {Updated} updated, {Deleted} deleted")]
    public static partial void Deployed(ILogger logger, int created, int updated, int deleted);

    [LoggerMessage(1008, LogLevel.Error, "Persisting the controller state failed; the change was not applied")]
    public static partial void PersistFailed(ILogger logger, Exception exception);

    [LoggerMessage(1009, LogLevel.Warning, "Controller reconcile tick failed")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(1010, LogLevel.Information, "Replica {Replica} running on node {Node}")]
    public static partial void ReplicaRunning(ILogger logger, string replica, string node);

    [LoggerMessage(1011, LogLevel.Warning, "Replica {Replica} failed on node {Node}: {Reason}; next try in {BackoffSeconds}s")]
    public static partial void ReplicaFailed(ILogger logger, string replica, string node, string reason, double backoffSeconds);

    [LoggerMessage(1012, LogLevel.Warning, "Replica {Replica} pending: {Reason}")]
    public static partial void ReplicaPending(ILogger logger, string replica, string reason);

    [LoggerMessage(1013, LogLevel.Warning, "Reconfiguring replica {Replica} failed")]
    public static partial void ReconfigureFailed(ILogger logger, string replica, Exception exception);

    [LoggerMessage(1014, LogLevel.Warning, "Draining a replica failed")]
    public static partial void DrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(1015, LogLevel.Information, "Replica {Replica} placed on node {Node} (GPUs [{GpuIds}])")]
    public static partial void ReplicaPlaced(ILogger logger, string replica, string node, string gpuIds);

    [LoggerMessage(1016, LogLevel.Information, "Replica {Replica} draining on node {Node}: {Reason}")]
    public static partial void ReplicaDraining(ILogger logger, string replica, string node, string reason);

    [LoggerMessage(1017, LogLevel.Information, "Replica {Replica} drained and stopped on node {Node}")]
    public static partial void ReplicaDrained(ILogger logger, string replica, string node);

    [LoggerMessage(1018, LogLevel.Information, "Backend {Backend} updated to class {Class} ({Replicas} replicas); its replicas are replaced")]
    public static partial void BackendReplaced(ILogger logger, string backend, string @class, int replicas);

    [LoggerMessage(1019, LogLevel.Information, "Endpoint {Endpoint} updated: route {Route}, methods {Methods}")]
    public static partial void EndpointUpdated(ILogger logger, string endpoint, string route, string methods);

    [LoggerMessage(1020, LogLevel.Information, "Shadow of endpoint {Endpoint} to backend {Backend} changed from {OldProportion} to {NewProportion}")]
    public static partial void ShadowChanged(ILogger logger, string endpoint, string backend, double oldProportion, double newProportion);

    [LoggerMessage(1021, LogLevel.Information, "Nodes in the cluster: {Nodes}")]
    public static partial void NodesSeen(ILogger logger, string nodes);

    [LoggerMessage(1022, LogLevel.Information, "Node {Node} joined at {Address}")]
    public static partial void NodeJoined(ILogger logger, string node, string address);

    [LoggerMessage(1023, LogLevel.Warning, "Node {Node} left ({Status}); it was at {Address}")]
    public static partial void NodeLeft(ILogger logger, string node, string address, string status);

    [LoggerMessage(1024, LogLevel.Warning, "The controller on this node stands down: {Reason}")]
    public static partial void ControllerSteppingDown(ILogger logger, string reason);

    [LoggerMessage(1025, LogLevel.Warning, "Reading cluster membership failed; the controller acts again once it can")]
    public static partial void MembershipRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(1026, LogLevel.Information, "Node {Node} is leaving: its {Replicas} replicas move to other nodes")]
    public static partial void NodeLeaving(ILogger logger, string node, int replicas);

    [LoggerMessage(2000, LogLevel.Debug, "Replica {Replica} started on node {Node}")]
    public static partial void ReplicaStarted(ILogger logger, string replica, string node);

    [LoggerMessage(2001, LogLevel.Warning, "Replica {Replica} failed to start")]
    public static partial void ReplicaStartFailed(ILogger logger, string replica, Exception exception);

    [LoggerMessage(2002, LogLevel.Debug, "Replica {Replica} stopped")]
    public static partial void ReplicaStopped(ILogger logger, string replica);

    [LoggerMessage(2003, LogLevel.Debug, "Replica {Replica} could not report to the controller")]
    public static partial void ReportFailed(ILogger logger, string replica, Exception exception);

    [LoggerMessage(3000, LogLevel.Debug, "Routing table version {Version} applied")]
    public static partial void RoutingApplied(ILogger logger, long version);

    [LoggerMessage(3001, LogLevel.Warning, "Watching the routing table failed; retrying")]
    public static partial void RoutingWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(3002, LogLevel.Debug, "Shadow request to {Backend} failed")]
    public static partial void ShadowFailed(ILogger logger, string backend, Exception exception);

    [LoggerMessage(4000, LogLevel.Information, "Loaded {Count} backend types from {Assembly}")]
    public static partial void AssemblyLoaded(ILogger logger, int count, string assembly);

    [LoggerMessage(4001, LogLevel.Warning, "The cluster store (Redis at {Endpoint}) is unreachable: {Failure}. Requests are served from the last routing table; changes answer 503 until it is back")]
    public static partial void StoreUnreachable(ILogger logger, string endpoint, string failure);

    [LoggerMessage(4002, LogLevel.Information, "The cluster store (Redis at {Endpoint}) is reachable again")]
    public static partial void StoreReachable(ILogger logger, string endpoint);

    [LoggerMessage(4003, LogLevel.Information, "Node {Node} stopping: not ready any more; moving its replicas to other nodes")]
    public static partial void NodeStopping(ILogger logger, string node);

    [LoggerMessage(4004, LogLevel.Information, "Node {Node} leaves the cluster with {Remaining} replicas left on it, {Seconds:0.0} s after it was asked to stop")]
    public static partial void NodeEmptied(ILogger logger, string node, int remaining, double seconds);

    [LoggerMessage(4005, LogLevel.Critical, "This node stops at once: {Context}")]
    public static partial void FatalError(ILogger logger, Exception? exception, string context);

    [LoggerMessage(5000, LogLevel.Debug, "Asking replica {Replica} for its model's metadata failed")]
    public static partial void ModelMetadataFailed(ILogger logger, string replica, Exception exception);

    [LoggerMessage(7000, LogLevel.Error, "{Method} {Path} on port {Port} failed with an unhandled exception; answered 500 (trace id {TraceId})")]
    public static partial void UnhandledRequestFailure(ILogger logger, string method, string path, int port, string traceId, Exception exception);

    [LoggerMessage(7001, LogLevel.Debug, "{Method} {Path} refused while reading it: {Status} {Reason}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, int status, string reason);

    [LoggerMessage(7100, LogLevel.Error, "STATE RECOVERED: {Message}")]
    public static partial void StateRecovered(ILogger logger, string message);

    [LoggerMessage(6000, LogLevel.Information, "Node {Node} ready: ingress {Ingress}, admin {Admin}, state {State}")]
    public static partial void NodeReady(ILogger logger, string node, string ingress, string admin, string state);

    [LoggerMessage(6001, LogLevel.Information, "Applied {File}: {Result}")]
    public static partial void ConfigApplied(ILogger logger, string file, string result);

    [LoggerMessage(6002, LogLevel.Error, "The node cannot start: {Problem}")]
    public static partial void StartupFailed(ILogger logger, string problem);

}
