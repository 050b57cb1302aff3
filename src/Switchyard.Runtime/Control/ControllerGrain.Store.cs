using Orleans.Storage;
using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Control.Views;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>
    /// Runs one command: a call retried with a key already answered gets the first answer; otherwise the transition
    /// is computed on the current state, its next state (with the call's key) stored, and only then taken as current
    /// and carried out. A rejected transition, or one the store did not acknowledge, changes nothing.
    /// </summary>
    private async Task<ControlResult> ExecuteAsync(Func<DesiredState, Transition> command, Action<Transition> applied, CancellationToken cancellationToken)
    {
        switch (await CheckActingAsync(cancellationToken))
        {
            case NotActing.SteppingDown:
                throw Moving();
            case NotActing.StoreUnreachable:
                return ControlResult.From(Outcome.StoreUnavailable("cluster membership could not be read from it"));
        }

        var key = ControlCallKey.Take();
        var usable = RecentCalls.IsUsableKey(key);
        if (usable && _desired.Calls.Find(key!) is { } earlier)
        {
            return Ack(earlier);
        }

        var transition = command(_desired);
        if (transition.Next is not { } next)
        {
            return ControlResult.From(transition.Outcome);
        }

        if (usable)
        {
            next = next with { Calls = next.Calls.Add(key!, transition.Outcome) };
        }

        if (_storeProbe?.KnownProblem is { } down)
        {
            return ControlResult.From(Outcome.StoreUnavailable(down)); // known to fail: say so now, not after the client's timeout
        }

        if (await StoreAsync(next) is { } failure)
        {
            // Stepping down because the store holds a newer state (another controller's, or this one's own write whose
            // answer was lost): this call changed nothing, and the next activation answers it from what the store holds.
            return _steppingDown ? throw Moving() : ControlResult.From(failure);
        }

        applied(transition);
        await CarryOutAsync(transition.Effects, cancellationToken);
        Publish();
        return Ack(transition.Outcome);
    }

    /// <summary>Stores <paramref name="next"/> and makes it current; on failure nothing in memory changes and the reason is the outcome.</summary>
    private async Task<Outcome?> StoreAsync(DesiredState next)
    {
        if (await _store.TryWriteAsync(next) is not { } error)
        {
            var previous = _desired;
            _desired = next;
            _storeError = null;
            LogChanges(previous, next);
            return null;
        }

        Log.PersistFailed(_logger, error);
        _storeError = StoreError.Describe(error);
        if (error is StoreOutcomeUnknownException unknown)
        {
            return Outcome.StoreOutcomeUnknown(StoreError.Describe(unknown.InnerException!));
        }

        if (error is InconsistentStateException)
        {
            // Someone else wrote the state (another activation, or a write whose answer was lost): what this activation
            // holds is stale, so let the next call activate afresh from the store.
            StepDown("another controller wrote the state since this one read it");
        }

        return Outcome.StoreUnavailable(_storeError);
    }

    private async Task CarryOutAsync(Effects effects, CancellationToken cancellationToken)
    {
        foreach (var (name, backend) in effects.Retire)
        {
            RetireAll(name, backend);
        }

        foreach (var name in effects.Reconfigure)
        {
            await ApplyConfigAsync(name, cancellationToken);
        }

        foreach (var name in effects.Reconcile)
        {
            await ReconcileAsync(name, cancellationToken);
        }
    }

    private void Publish()
    {
        _routing = RoutingTableBuilder.Build(_desired, _statuses, ++_version);
        if (!_published)
        {
            return; // see _published: the first health check publishes
        }

        var previous = _routingChanged;
        _routingChanged = NewSignal();
        previous.TrySetResult();
    }

    /// <summary>A success carrying the routing version that holds the change, so callers can wait for their router to have it.</summary>
    private ControlResult Ack(Outcome outcome) => ControlResult.From(outcome, _routing.Version);

    private void NotifyReplicasChanged()
    {
        var previous = _replicasChanged;
        _replicasChanged = NewSignal();
        previous.TrySetResult();
    }

    private ReplicaStatus StatusOf(string tag) => _statuses.GetValueOrDefault(tag, ReplicaStatus.Adopted);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
