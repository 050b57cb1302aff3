namespace Switchyard.Runtime.Routing;

/// <summary>An endpoint in a router snapshot: its methods, its traffic table resolved to lanes, and its shadows.</summary>
internal sealed class EndpointRoute
{
    private readonly BackendLane[] _fallbackLaneByRange;

    public EndpointRoute(
        string name,
        string? route,
        string[] methods,
        TrafficTable traffic,
        BackendLane[] laneByRange,
        (BackendLane Lane, double Proportion)[] shadows,
        RolloutBreaker? breaker = null,
        BackendLane[]? fallbackLaneByRange = null)
    {
        if (breaker is not null && fallbackLaneByRange?.Length != breaker.Guard.Fallback.Owners.Length)
        {
            throw new ArgumentException("A breaker needs a lane for every range of its fallback table.", nameof(fallbackLaneByRange));
        }

        Breaker = breaker;
        _fallbackLaneByRange = fallbackLaneByRange ?? [];
        Name = name;
        Route = route;
        Methods = methods;
        Allow = string.Join(", ", methods);
        Traffic = traffic;
        LaneByRange = laneByRange;
        Shadows = shadows;
        Versions = [.. laneByRange.Concat(shadows.Select(s => s.Lane)).DistinctBy(l => l.Name)];
        var shares = traffic.Shares();
        Primary = laneByRange.Length == 0 ? null : laneByRange.DistinctBy(l => l.Name).MaxBy(l => shares.GetValueOrDefault(l.Name));
    }

    public string Name { get; }

    public string? Route { get; }

    public string[] Methods { get; }

    /// <summary>The value of the <c>Allow</c> header for 405 answers.</summary>
    public string Allow { get; }

    public TrafficTable Traffic { get; }

    /// <summary>The lane of each range of <see cref="Traffic"/>, so routing needs no dictionary lookup.</summary>
    public BackendLane[] LaneByRange { get; }

    public (BackendLane Lane, double Proportion)[] Shadows { get; }

    /// <summary>Every backend the endpoint sends to (traffic, then shadows), each once: the model's versions in the inference protocol.</summary>
    public BackendLane[] Versions { get; }

    /// <summary>The backend with the largest share of the traffic (the first on ties), whose metadata describes the model.</summary>
    public BackendLane? Primary { get; }

    /// <summary>The lane of backend <paramref name="name"/> when it is one of <see cref="Versions"/>.</summary>
    public BackendLane? FindVersion(string name) => Array.Find(Versions, l => string.Equals(l.Name, name, StringComparison.Ordinal));

    public bool Allows(string method)
    {
        foreach (var allowed in Methods)
        {
            if (string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The running rollout step's breaker on this node; null when none runs.</summary>
    public RolloutBreaker? Breaker { get; }

    /// <summary>The lane for <paramref name="point"/>: by the traffic table, or by the table from before the rollout once the breaker tripped.</summary>
    public BackendLane LaneFor(uint point) => Breaker is { Tripped: true } breaker
        ? _fallbackLaneByRange[breaker.Guard.Fallback.IndexOf(point)]
        : LaneByRange[Traffic.IndexOf(point)];
}
