using Orleans.Runtime.Placement;
using Orleans.Storage;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

/// <summary>
/// Fencing: two activations of the controller must never act at once (one on a node that was paused and declared
/// dead, one that took over meanwhile). Each activation claims the stored state with a write before its first action,
/// so the store's ETag refuses every later write of an older activation; and before acting after any gap in its
/// ticks it reads membership afresh and stands down when its node is no longer an active member.
/// </summary>
internal sealed partial class ControllerGrain
{
    private readonly ActingFence _fence;
    private bool _claimed;
    private bool _steppingDown;

    /// <summary>Why this activation may not act now, or null when it may.</summary>
    private async Task<NotActing?> CheckActingAsync(CancellationToken cancellationToken)
    {
        if (_steppingDown)
        {
            return NotActing.SteppingDown;
        }

        if (_fence.NeedsRefresh)
        {
            if (_storeProbe?.KnownProblem is not null)
            {
                return NotActing.StoreUnreachable; // membership lives in the store too: no use waiting for a timeout
            }

            try
            {
                await _membership.RefreshAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MembershipRefreshFailed(_logger, ex);
                return NotActing.StoreUnreachable;
            }
        }

        if (!_membership.IsLocalActive)
        {
            StepDown("its node is no longer an active member of the cluster");
            return NotActing.SteppingDown;
        }

        if (!_claimed)
        {
            if (await _store.TryWriteAsync(_desired) is not { } error)
            {
                _claimed = true;
            }
            else if (error is InconsistentStateException)
            {
                StepDown("another controller wrote the state since this one read it");
                return NotActing.SteppingDown;
            }
            else
            {
                // The store is away: nothing can be written meanwhile, and every later write still carries the ETag this
                // activation read, so acting on memory alone (health, routing) is safe. Claim again next time.
                Log.PersistFailed(_logger, error);
            }
        }

        _fence.Confirm();
        return null;
    }

    /// <summary>
    /// Stops acting for good: waiting callers are answered now (long polls, settle waits) so the activation can go at
    /// once, then it deactivates, or moves to <paramref name="moveTo"/> when its node is leaving.
    /// </summary>
    private void StepDown(string reason, SiloAddress? moveTo = null)
    {
        if (_steppingDown)
        {
            return;
        }

        _steppingDown = true;
        Log.ControllerSteppingDown(_logger, reason);
        _routingChanged.TrySetResult();
        _replicasChanged.TrySetResult();
        if (moveTo is null)
        {
            DeactivateOnIdle();
            return;
        }

        // The hint is read by placement when the next activation is placed; it must not flow on to later calls.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, moveTo);
        try
        {
            MigrateOnIdle();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private static ControllerMovingException Moving() =>
        new("the controller is moving to another node; the call changed nothing and may be sent again");

    private enum NotActing
    {
        SteppingDown,
        StoreUnreachable,
    }
}
