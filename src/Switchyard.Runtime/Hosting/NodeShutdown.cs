using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Runtime.Client;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// A graceful stop (SIGTERM, Ctrl+C), before anything else stops: readiness goes false first; in a cluster the
/// controller starts replacements of this node's replicas on other nodes, drains them here once those run (the
/// requests in flight finish), and moves itself off this node. Only then do the ingress (finishing its own requests
/// in flight) and the silo stop, and the node leaves the cluster. Bounded: a node whose replicas cannot move in time
/// leaves anyway, and the controller replaces them as it would after a crash.
/// </summary>
internal sealed class NodeShutdown(
    NodeLifecycle lifecycle,
    NodeIdentity node,
    ServeClient client,
    IOptions<SwitchyardNodeOptions> options,
    TimeProvider time,
    ILogger<NodeShutdown> logger) : IHostedLifecycleService
{
    /// <summary>Longest time the move may take before the node leaves regardless.</summary>
    public static TimeSpan MoveTimeout { get; } = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan AskAgain = TimeSpan.FromMilliseconds(200);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        lifecycle.BeginLeaving();
        Log.NodeStopping(logger, node.NodeId);
        if (options.Value.ClusterUrl is null)
        {
            return; // a single node has nowhere to move its replicas
        }

        var started = time.GetTimestamp();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(MoveTimeout);
        var remaining = -1;
        try
        {
            while ((remaining = await client.ControlAsync(c => c.LeaveAsync(node.NodeId, bound.Token), bound.Token)) > 0)
            {
                await Task.Delay(AskAgain, time, bound.Token);
            }

            // The controller moves off this node once it is empty: wait until it runs elsewhere, so the silo's own stop
            // does not have to deactivate it (callers wait for it meanwhile).
            while ((await client.ControlAsync(c => c.GetStatusAsync(bound.Token), bound.Token)).ControllerNode == node.NodeId)
            {
                await Task.Delay(AskAgain, time, bound.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException or TimeoutException)
        {
            // Out of time, or the controller cannot be reached: leave anyway (its health check replaces what is left).
        }

        Log.NodeEmptied(logger, node.NodeId, Math.Max(remaining, 0), time.GetElapsedTime(started).TotalSeconds);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
