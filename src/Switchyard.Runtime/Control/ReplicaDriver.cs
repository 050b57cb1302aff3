using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

/// <summary>
/// Carries the controller's decisions to replica grains: start on the chosen silo, drain, reconfigure, ask for
/// state. Every call is bounded, so a node that is dying but not yet declared dead cannot hold the controller up,
/// and failures come back as values.
/// </summary>
internal sealed class ReplicaDriver(IGrainFactory grains, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a replica is waited for to take a new config (its backend's <c>ReconfigureAsync</c> runs user code):
    /// a change is acknowledged once stored, so a slow one must not hold the answer, nor every call behind it, until
    /// Orleans' response timeout turns an applied change into an error. The replica still takes it when it can.
    /// </summary>
    internal static readonly TimeSpan ReconfigureTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Starts a replica on <paramref name="silo"/>; null once it is starting, else why it could not be asked.</summary>
    public async Task<string?> StartAsync(ReplicaSpec spec, SiloAddress? silo, CancellationToken cancellationToken)
    {
        if (silo is null)
        {
            return "its node is no longer a member of the cluster";
        }

        // The hint is read when the grain is activated by this call; it must not flow on to later calls.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await grains.GetGrain<IReplicaGrain>(spec.ReplicaTag).StartAsync(spec, cancellationToken).WaitAsync(StartTimeout, time, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ex.Message;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>Tells a replica to drain without waiting: it reports when it has stopped.</summary>
    public void Drain(string tag)
    {
        var drain = grains.GetGrain<IReplicaGrain>(tag).DrainAsync(CancellationToken.None);
        drain.ContinueWith(
            static (t, state) => Log.DrainFailed((ILogger)state!, t.Exception!.InnerException!),
            logger,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Sends a new config to a running replica; true when it took it within <see cref="ReconfigureTimeout"/>.</summary>
    public async Task<bool> ReconfigureAsync(string tag, BackendConfig config, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IReplicaGrain>(tag).ReconfigureAsync(config, cancellationToken).WaitAsync(ReconfigureTimeout, time, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ReconfigureFailed(logger, tag, ex);
            return false;
        }
    }

    /// <summary>Asks a replica for its state; a call that fails or times out is an answer too.</summary>
    public async Task<HealthAnswer> GetStateAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            var state = await grains.GetGrain<IReplicaGrain>(tag).GetStateAsync(cancellationToken).WaitAsync(HealthCheckTimeout, time, cancellationToken);
            return HealthAnswer.Of(state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthAnswer.Unreachable(ex is TimeoutException ? "no answer" : ex.Message);
        }
    }
}
