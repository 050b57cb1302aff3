using Microsoft.AspNetCore.Http;

namespace Switchyard.Runtime.Ingress;

/// <summary>Reads what an HTTP request carries to a replica: its body within the limit, and its headers as pairs.</summary>
internal static class RequestBody
{
    /// <summary>The whole body, or null when it exceeds <paramref name="maxBytes"/> (the caller answers 413); read as it arrives (<see cref="BodyReader"/>).</summary>
    public static ValueTask<byte[]?> ReadAsync(HttpContext context, long maxBytes) =>
        BodyReader.ReadAsync(context.Request, maxBytes, context.RequestAborted);

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
