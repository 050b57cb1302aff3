namespace Switchyard.Runtime.Routing;

/// <summary>An endpoint in a router snapshot: its methods, its traffic table resolved to lanes, and its shadows.</summary>
internal sealed class EndpointRoute
{
    public EndpointRoute(string name, string? route, string[] methods, TrafficTable traffic, BackendLane[] laneByRange, (BackendLane Lane, double Proportion)[] shadows)
    {
        Name = name;
        Route = route;
        Methods = methods;
        Allow = string.Join(", ", methods);
        Traffic = traffic;
        LaneByRange = laneByRange;
        Shadows = shadows;
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

    public BackendLane LaneFor(uint point) => LaneByRange[Traffic.IndexOf(point)];
}
