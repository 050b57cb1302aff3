using Microsoft.AspNetCore.Connections;

namespace Switchyard.Runtime.Cluster;

/// <summary>
/// Connection middleware that bounds the connections one of Orleans' listeners (silo or gateway) holds at once: one
/// past the limit is closed as soon as it is accepted, before any handshake, so idle or half-open connections (Orleans
/// waits for a preamble without a deadline) cannot take every descriptor of the node.
/// </summary>
internal static class LinkLimit
{
    /// <summary>Adds the bound to <paramref name="builder"/>: registered first, it counts every connection the listener accepts.</summary>
    public static void Use(IConnectionBuilder builder, long limit)
    {
        var open = new OpenCount();
        builder.Use(next => async context =>
        {
            if (Interlocked.Increment(ref open.Value) > limit)
            {
                Interlocked.Decrement(ref open.Value);
                context.Abort(new ConnectionAbortedException($"the node holds its limit of {limit} connections on this port"));
                return;
            }

            try
            {
                await next(context);
            }
            finally
            {
                Interlocked.Decrement(ref open.Value);
            }
        });
    }

    private sealed class OpenCount
    {
        public long Value;
    }
}
