using Microsoft.AspNetCore.WebUtilities;

namespace Switchyard.Runtime.Replicas;

/// <summary>Turns a request off the wire into the <see cref="ServeRequest"/> a backend sees.</summary>
internal static class ServeRequestReader
{
    /// <summary>
    /// The headers are read in place from the request's pairs (<see cref="HeaderPairs"/>), not copied, and only when
    /// the backend asks for them; a shared header set has one view for every request (<see cref="SharedHeaders"/>).
    /// A body sent as text stays text until the backend reads its bytes.
    /// </summary>
    public static ServeRequest Read(in ReplicaRequest request)
    {
        object? headers = request.Headers is not { Length: > 0 } pairs ? null : SharedHeaders.SharedViewOf(pairs) ?? (object)pairs;
        return ServeRequest.FromWire(request.Method, request.Path, request.Body, request.Text, Query(request.QueryString), headers, request.ShardKey);
    }

    /// <summary>Name to value, decoded as ASP.NET decodes a query; where a name repeats, the last value wins.</summary>
    public static Dictionary<string, string>? Query(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString) || queryString == "?")
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(queryString))
        {
            result[pair.DecodeName().ToString()] = pair.DecodeValue().ToString();
        }

        return result;
    }
}
