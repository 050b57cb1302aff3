using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>What the autoscaler aims at and what it sees (<c>autoscaling</c> in <c>GET /api/backends/{name}</c>).</summary>
public sealed record AutoscalingStatus
{
    /// <summary>The replica count the autoscaler wants now.</summary>
    [JsonPropertyName("target_replicas")]
    public int TargetReplicas { get; init; }

    /// <summary>Ongoing requests (queued in routers plus running in replicas) averaged over the look-back period, summed over nodes.</summary>
    [JsonPropertyName("ongoing_requests")]
    public double OngoingRequests { get; init; }
}
