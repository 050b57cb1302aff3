using Microsoft.AspNetCore.Connections;

namespace Switchyard.Runtime.Cluster;

/// <summary>Connection middleware that runs <see cref="LinkHandshake"/> on Orleans' gateway and silo connections.</summary>
internal static class LinkGuard
{
    /// <summary>How long a peer has to answer the challenge: long enough for a loaded node, short enough that idle sockets go.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>For connections a node accepts (gateway clients, other silos): refuse those that fail the challenge.</summary>
    public static void RequireToken(IConnectionBuilder builder, string token, TimeProvider time)
    {
        var key = LinkHandshake.KeyFrom(token);
        builder.Use(next => async context =>
        {
            if (!await LinkHandshake.AcceptAsync(context.Transport, key, Timeout, time, context.ConnectionClosed))
            {
                context.Abort(new ConnectionAbortedException("the peer did not prove it holds the admin token"));
                return;
            }

            await next(context);
        });
    }

    /// <summary>For connections this process opens (a client to a gateway, a silo to another silo): answer the challenge.</summary>
    public static void PresentToken(IConnectionBuilder builder, string token, TimeProvider time)
    {
        var key = LinkHandshake.KeyFrom(token);
        builder.Use(next => async context =>
        {
            await LinkHandshake.ConnectAsync(context.Transport, key, Timeout, time, context.ConnectionClosed);
            await next(context);
        });
    }
}
