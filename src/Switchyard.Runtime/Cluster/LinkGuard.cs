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

    /// <summary>
    /// For plain links (no TLS, no token, so no handshake with a deadline of its own): the peer must send its first
    /// bytes (Orleans' preamble, which both Orleans clients and silos send at once) within <see cref="Timeout"/>, or
    /// the connection is closed; Orleans itself waits for a preamble without a deadline. Nothing is consumed.
    /// </summary>
    public static void RequireFirstBytes(IConnectionBuilder builder, TimeProvider time)
    {
        builder.Use(next => async context =>
        {
            if (!await FirstBytesAsync(context, time))
            {
                context.Abort(new ConnectionAbortedException($"the peer sent nothing within {Timeout.TotalSeconds:0} s"));
                return;
            }

            await next(context);
        });
    }

    private static async Task<bool> FirstBytesAsync(ConnectionContext context, TimeProvider time)
    {
        using var deadline = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.ConnectionClosed, deadline.Token);
        var input = context.Transport.Input;
        try
        {
            var result = await input.ReadAsync(linked.Token);
            var arrived = !result.Buffer.IsEmpty;
            input.AdvanceTo(result.Buffer.Start); // examined nothing: Orleans reads the same bytes next
            return arrived;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
