using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Runtime.Ingress;

/// <summary>
/// Reads a request body as it arrives, within a limit, for the ingress and the admin API alike. Memory follows the
/// bytes received, never the declared <c>Content-Length</c>: a client that declares 16 MiB and trickles holds only
/// what it sent (in pooled buffers that double as data arrives), so a few hundred such connections cost little.
/// </summary>
internal static class BodyReader
{
    /// <summary>Bodies declared this small are read straight into an array of their size (the common case, one allocation).</summary>
    public const int SmallBody = 16 * 1024;

    /// <summary>The whole body, or null when it exceeds <paramref name="limit"/> bytes (declared or sent).</summary>
    public static async ValueTask<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        // A request that cannot have a body (a GET without Content-Length or Transfer-Encoding) has nothing to read.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return [];
        }

        var declared = request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        try
        {
            if (declared is { } exact and <= SmallBody)
            {
                var small = exact == 0 ? [] : new byte[exact];
                await request.Body.ReadExactlyAsync(small, cancellationToken);
                return small;
            }

            return await ReadGrowingAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async ValueTask<byte[]?> ReadGrowingAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(SmallBody);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length >= limit)
                    {
                        // Full at the limit: one more byte means too large.
                        var probe = new byte[1];
                        return await body.ReadAsync(probe, cancellationToken) == 0 ? Copy(buffer, length) : null;
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(limit, (long)buffer.Length * 2), Array.MaxLength));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var room = (int)Math.Min(buffer.Length - length, limit + 1 - length);
                var read = await body.ReadAsync(buffer.AsMemory(length, room), cancellationToken);
                if (read == 0)
                {
                    return Copy(buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Copy(byte[] buffer, int length) => length == 0 ? [] : buffer.AsSpan(0, length).ToArray();
}
