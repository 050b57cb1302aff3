namespace Switchyard.Runtime.Routing;

/// <summary>The part of a backend lane that a routing table replaces as a whole.</summary>
internal sealed record LaneSettings(ReplicaSlot[] Replicas, int MaxConcurrentQueries, int MaxQueuedRequests, TimeSpan? RequestTimeout);
