namespace Switchyard.Runtime.Control;

/// <summary>One backend's figures on one node over one report interval (the wire shape of <see cref="Loops.FigureSample"/>).</summary>
[GenerateSerializer, Immutable, Alias("switchyard.BackendFigureReport")]
internal sealed class BackendFigureReport
{
    [Id(0)] public required string Backend { get; init; }

    /// <summary>Waiting in the node's router plus running in its replicas, averaged over the interval.</summary>
    [Id(1)] public double OngoingRequests { get; init; }

    /// <summary>Requests answered in the interval by status class: 1xx to 5xx.</summary>
    [Id(2)] public long[] StatusClasses { get; init; } = [];

    /// <summary>Latency buckets (<see cref="Routing.LatencyBuckets"/>) that counted any request, and their counts.</summary>
    [Id(3)] public int[] LatencyBuckets { get; init; } = [];

    [Id(4)] public long[] LatencyCounts { get; init; } = [];

    /// <summary>Waiting on the node (router queue and replicas' batch queues), averaged over the interval.</summary>
    [Id(5)] public double QueuedRequests { get; init; }

    /// <summary>Backend calls the node's replicas made in the interval.</summary>
    [Id(6)] public long Batches { get; init; }

    /// <summary>Requests in those calls.</summary>
    [Id(7)] public long BatchedRequests { get; init; }
}
