namespace Switchyard.Runtime.Routing;

/// <summary>An immutable view of one routing table, resolved for fast lookups; swapped atomically.</summary>
internal sealed class RouterSnapshot
{
    public static readonly RouterSnapshot Empty = new(0, new Dictionary<string, EndpointRoute>(StringComparer.Ordinal));

    private readonly Dictionary<string, EndpointRoute> _byRoute;
    private readonly Dictionary<string, EndpointRoute>.AlternateLookup<ReadOnlySpan<char>> _byRouteSpan;
    private readonly int _longestRoute;

    public RouterSnapshot(long version, Dictionary<string, EndpointRoute> byName)
    {
        Version = version;
        ByName = byName;
        _byRoute = new Dictionary<string, EndpointRoute>(StringComparer.Ordinal);
        foreach (var endpoint in byName.Values)
        {
            if (endpoint.Route is { } route)
            {
                _byRoute[route] = endpoint;
                _longestRoute = Math.Max(_longestRoute, route.Length);
            }
        }

        _byRouteSpan = _byRoute.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public long Version { get; }

    public Dictionary<string, EndpointRoute> ByName { get; }

    public IEnumerable<EndpointRoute> Routed => _byRoute.Values;

    /// <summary>The endpoint whose route is the longest prefix of <paramref name="path"/> on a segment boundary.</summary>
    public EndpointRoute? Match(ReadOnlySpan<char> path)
    {
        if (_byRoute.Count == 0)
        {
            return null;
        }

        if (path.Length > 1 && path[^1] == '/')
        {
            path = path[..^1];
        }

        // No prefix longer than the longest route can match: start at the last segment boundary within it, so a path of
        // thousands of segments costs what the routes cost, not a hash of every one of its prefixes.
        if (path.Length > _longestRoute)
        {
            var boundary = path[..(_longestRoute + 1)].LastIndexOf('/');
            path = boundary <= 0 ? "/" : path[..boundary];
        }

        while (true)
        {
            if (_byRouteSpan.TryGetValue(path.IsEmpty ? "/" : path, out var endpoint))
            {
                return endpoint;
            }

            if (path.Length <= 1)
            {
                return null;
            }

            var slash = path.LastIndexOf('/');
            path = slash <= 0 ? "/" : path[..slash];
        }
    }
}
