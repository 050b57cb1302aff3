namespace Switchyard.Runtime.Control.Loops;

/// <summary>One backend's figures over a window (CONTRACT sections 10 and 11).</summary>
/// <param name="OngoingRequests">Requests waiting in routers' queues plus running in replicas, averaged over the window.</param>
/// <param name="Requests">Requests answered in the window.</param>
/// <param name="Errors">Of those, the ones answered with a 5xx.</param>
/// <param name="P99LatencyMs">The 99th percentile of their latency, or null without requests.</param>
internal sealed record BackendFigures(double OngoingRequests, long Requests, long Errors, double? P99LatencyMs);
