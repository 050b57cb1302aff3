using Microsoft.AspNetCore.Http;

namespace Switchyard.Runtime.Ingress;

/// <summary>Reads what an HTTP request carries to a replica: its body within the limit, and its headers as pairs.</summary>
internal static class RequestBody
{
    /// <summary>The whole body, or null when it exceeds <paramref name="maxBytes"/> (the caller answers 413).</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, long maxBytes)
    {
        var length = context.Request.ContentLength;
        if (length > maxBytes)
        {
            return null;
        }

        try
        {
            if (length is { } exact)
            {
                var buffer = exact == 0 ? [] : new byte[exact];
                await context.Request.Body.ReadExactlyAsync(buffer, context.RequestAborted);
                return buffer;
            }

            using var stream = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (stream.Length + read > maxBytes)
                {
                    return null;
                }

                stream.Write(chunk, 0, read);
            }

            return stream.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

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
