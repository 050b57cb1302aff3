using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Runtime.Ingress;

/// <summary>
/// Reads a request body as it arrives, within a limit, for the ingress and the admin API alike. Memory follows the
/// bytes received, never the declared <c>Content-Length</c>: a client that declares 16 MiB and trickles holds only
/// what it sent (in buffers that double as data arrives, pooled up to 1 MiB), so a few hundred such connections cost
/// little.
/// With a <see cref="BodyBudget"/>, every buffer is taken from it before it is allocated, so all bodies together
/// stay within the node's bound; what a read holds is returned to it by the caller, or here when the read fails.
/// </summary>
internal static class BodyReader
{
    /// <summary>Bodies declared this small are read straight into an array of their size (the common case, one allocation).</summary>
    public const int SmallBody = 16 * 1024;

    /// <summary>The largest buffer taken from (and given back to) the shared array pool.</summary>
    private const int PooledUpTo = 1024 * 1024;

    /// <summary>The whole body within <paramref name="limit"/> bytes (declared or sent) and, with a budget, within it.</summary>
    public static async ValueTask<BodyRead> ReadAsync(HttpRequest request, long limit, BodyBudget? budget, CancellationToken cancellationToken)
    {
        // A request that cannot have a body (a GET without Content-Length or Transfer-Encoding) has nothing to read.
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return BodyRead.Empty;
        }

        var declared = request.ContentLength;
        if (declared > limit)
        {
            return BodyRead.TooLarge;
        }

        if (declared is not (long exact and <= SmallBody))
        {
            return await ReadGrowingAsync(request.Body, limit, declared, budget, cancellationToken);
        }

        if (exact == 0)
        {
            return BodyRead.Empty;
        }

        if (budget is not null && !budget.TryTake(exact))
        {
            return BodyRead.OverBudget;
        }

        var held = budget is null ? 0 : exact;
        try
        {
            var small = new byte[exact];
            await request.Body.ReadExactlyAsync(small, cancellationToken);
            return new BodyRead(small, held, BodyOutcome.Read);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            budget?.Return(held);
            return BodyRead.TooLarge;
        }
        catch
        {
            budget?.Return(held);
            throw;
        }
    }

    private static async ValueTask<BodyRead> ReadGrowingAsync(Stream body, long limit, long? declared, BodyBudget? budget, CancellationToken cancellationToken)
    {
        long held = 0;
        if (TryAllocate(SmallBody, budget, ref held) is not { } buffer)
        {
            return BodyRead.OverBudget;
        }

        var length = 0;
        var expected = Math.Min(limit, declared ?? limit);
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    byte? extra = null;
                    if (length >= expected)
                    {
                        // Full at the declared length or the limit: one more byte means too large (or a wrong declaration).
                        var probe = new byte[1];
                        if (await body.ReadAsync(probe, cancellationToken) == 0)
                        {
                            return Keep(buffer, length, ref held, budget);
                        }

                        if (length >= limit)
                        {
                            return BodyRead.TooLarge;
                        }

                        extra = probe[0];
                        expected = limit;
                    }

                    // Pooled sizes double (the pool's own sizes); a larger buffer stops at the declared length or the limit.
                    var doubled = (long)buffer.Length * 2;
                    var size = (int)(doubled <= PooledUpTo ? doubled : Math.Min(Math.Min(expected, doubled), Array.MaxLength));
                    if (TryAllocate(size, budget, ref held) is not { } larger)
                    {
                        return BodyRead.OverBudget;
                    }

                    buffer.AsSpan(0, length).CopyTo(larger);
                    Free(buffer, budget, ref held);
                    buffer = larger;
                    if (extra is { } b)
                    {
                        buffer[length++] = b;
                    }
                }

                var room = (int)Math.Min(buffer.Length - length, limit + 1 - length);
                var read = await body.ReadAsync(buffer.AsMemory(length, room), cancellationToken);
                if (read == 0)
                {
                    return Keep(buffer, length, ref held, budget);
                }

                length += read;
                if (length > limit)
                {
                    return BodyRead.TooLarge;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyRead.TooLarge;
        }
        finally
        {
            Release(buffer);
            budget?.Return(held); // nothing when the body was kept: Keep moved what it holds to the caller
        }
    }

    /// <summary>
    /// A buffer of at least <paramref name="size"/> bytes, its whole length taken from the budget first; null when
    /// the budget has no room. Buffers up to <see cref="PooledUpTo"/> come from the shared pool; larger ones are the
    /// GC's, so that a pool never keeps more large arrays than the budget lets bodies hold.
    /// </summary>
    private static byte[]? TryAllocate(int size, BodyBudget? budget, ref long held)
    {
        if (budget is not null && !budget.TryTake(size))
        {
            return null;
        }

        var buffer = size <= PooledUpTo ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);
        if (budget is null)
        {
            return buffer;
        }

        held += size;
        if (buffer.Length > size && !budget.TryTake(buffer.Length - size))
        {
            // The pool handed out a larger array than asked for, and the budget has no room for the difference.
            Release(buffer);
            budget.Return(size);
            held -= size;
            return null;
        }

        held += buffer.Length - size;
        return buffer;
    }

    /// <summary>Gives a buffer back to the pool (if it came from there) and its bytes back to the budget.</summary>
    private static void Free(byte[] buffer, BodyBudget? budget, ref long held)
    {
        Release(buffer);
        if (budget is not null)
        {
            budget.Return(buffer.Length);
            held -= buffer.Length;
        }
    }

    private static void Release(byte[] buffer)
    {
        if (buffer.Length <= PooledUpTo)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The body as an array of its length: the buffer itself when it is the GC's and full (a declared length is read
    /// into a last buffer of exactly that size), else a copy. The caller now holds its bytes of the budget.
    /// </summary>
    private static BodyRead Keep(byte[] buffer, int length, ref long held, BodyBudget? budget)
    {
        if (length == 0)
        {
            return BodyRead.Empty;
        }

        var kept = budget is null ? 0 : length;
        held -= kept;
        var bytes = length == buffer.Length && buffer.Length > PooledUpTo ? buffer : buffer.AsSpan(0, length).ToArray();
        return new BodyRead(bytes, kept, BodyOutcome.Read);
    }
}
