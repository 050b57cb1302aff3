namespace Switchyard.Runtime.Routing;

/// <summary>
/// Everything a router needs, published by the controller as one immutable, versioned snapshot: endpoints with
/// their traffic tables and shadows, and backends with their running replicas and limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("switchyard.RoutingTable")]
internal sealed class RoutingTable
{
    public static readonly RoutingTable Empty = new() { Version = 0, Endpoints = [], Backends = [] };

    /// <summary>Changes whenever anything in the table changes (compare for equality, not order).</summary>
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public required EndpointTableEntry[] Endpoints { get; init; }
    [Id(2)] public required BackendTableEntry[] Backends { get; init; }

    /// <summary>How often (seconds) every node reports its figures to the controller; 0 (a table from before) means once a second.</summary>
    [Id(3)] public double FigureIntervalS { get; init; }

    public TimeSpan FigureInterval => TimeSpan.FromSeconds(FigureIntervalS > 0 ? FigureIntervalS : 1);
}
