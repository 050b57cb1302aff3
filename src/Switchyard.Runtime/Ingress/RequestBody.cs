using Microsoft.AspNetCore.Http;

namespace Switchyard.Runtime.Ingress;

/// <summary>Reads what an HTTP request carries to a replica: its body within the limit, and its headers as pairs.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The whole body within <paramref name="maxBytes"/> (else the caller answers 413) and the node's
    /// <paramref name="budget"/> (else 503); read as it arrives (<see cref="BodyReader"/>). The caller returns what the
    /// read holds of the budget when its request ends.
    /// </summary>
    public static ValueTask<BodyRead> ReadAsync(HttpContext context, long maxBytes, BodyBudget budget) =>
        BodyReader.ReadAsync(context.Request, maxBytes, budget, context.RequestAborted);

    public static KeyValuePair<string, string>[] Headers(IHeaderDictionary headers)
    {
        var pairs = new KeyValuePair<string, string>[headers.Count];
        var i = 0;
        foreach (var (name, value) in headers)
        {
            pairs[i++] = new KeyValuePair<string, string>(name, value.ToString());
        }

        return pairs;
    }
}
