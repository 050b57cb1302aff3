namespace Switchyard.Runtime.Routing;

/// <summary>The part of a backend lane that a routing table replaces as a whole.</summary>
/// <param name="Replicas">The backend's running replicas.</param>
/// <param name="MaxConcurrentQueries">Requests one replica takes at once from this node.</param>
/// <param name="MaxQueuedRequests">Requests that may wait here for a replica (-1: unbounded).</param>
/// <param name="RequestTimeout">How long a request may take, waiting included; null for no bound.</param>
/// <param name="HoldWhenEmpty">
/// Requests wait (within the queue bound and the timeout) while there is no replica, rather than being refused: the
/// backend autoscales, so a replica is on its way once the controller hears of them (scale from zero).
/// </param>
internal sealed record LaneSettings(ReplicaSlot[] Replicas, int MaxConcurrentQueries, int MaxQueuedRequests, TimeSpan? RequestTimeout, bool HoldWhenEmpty = false);
