using System.Text.Json;
using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Control.Views;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>The figures nodes reported (memory only: a new activation gathers them afresh within one interval).</summary>
    private readonly FigureWindow _figures = new();

    /// <summary>The last five minutes of figures per backend, for the dashboard (memory only, like <see cref="_figures"/>).</summary>
    private readonly FigureHistory _history = new();

    public async Task ReportFiguresAsync(FigureReport report, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var interval = TimeSpan.FromSeconds(report.IntervalS);
        foreach (var backend in report.Backends)
        {
            var latency = new KeyValuePair<int, long>[Math.Min(backend.LatencyBuckets.Length, backend.LatencyCounts.Length)];
            for (var i = 0; i < latency.Length; i++)
            {
                latency[i] = new(backend.LatencyBuckets[i], backend.LatencyCounts[i]);
            }

            var sample = new FigureSample(
                backend.Backend, backend.OngoingRequests, backend.StatusClasses, latency, backend.QueuedRequests, backend.Batches, backend.BatchedRequests);
            _figures.Add(report.NodeId, now, interval, sample);
            if (_desired.Backends.ContainsKey(backend.Backend))
            {
                _history.Add(now, interval, sample);
            }
        }

        _figures.Prune(FigureRetention.KeepSince(_desired, now));
        _history.Retain(_desired.Backends.ContainsKey);
        try
        {
            // Only the controller that acts decides; one standing down keeps the figures it was sent and no more.
            if (await CheckActingAsync(cancellationToken) is null)
            {
                await RunControlLoopsAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The figures are taken: the node must not send them again, so the report itself succeeds.
            Log.ControlLoopsFailed(_logger, ex);
        }
    }

    public Task<ControlResult> StartRolloutAsync(string endpoint, RolloutSpec rollout, CancellationToken cancellationToken) =>
        RolloutCommandAsync(endpoint, s => RolloutCommands.Start(s, endpoint, rollout, _time.GetUtcNow()), cancellationToken);

    public Task<ControlResult> GetRolloutAsync(string endpoint, CancellationToken cancellationToken)
    {
        var result = !_desired.Endpoints.TryGetValue(endpoint, out var state)
            ? ControlResult.From(Outcome.NotFound($"endpoint '{endpoint}' does not exist"))
            : state.Rollout is null
                ? ControlResult.From(Outcome.NotFound($"endpoint '{endpoint}' has no rollout"))
                : WithRollout(endpoint, Ack(Outcome.Ok));
        return Task.FromResult(result);
    }

    public Task<ControlResult> PromoteRolloutAsync(string endpoint, CancellationToken cancellationToken) =>
        RolloutCommandAsync(endpoint, s => RolloutCommands.Promote(s, endpoint, Seen(s, endpoint)), cancellationToken);

    public Task<ControlResult> AbortRolloutAsync(string endpoint, CancellationToken cancellationToken) =>
        RolloutCommandAsync(endpoint, s => RolloutCommands.Abort(s, endpoint, Seen(s, endpoint)), cancellationToken);

    /// <summary>A rollout command run like any other, answering with the rollout's state after it.</summary>
    private async Task<ControlResult> RolloutCommandAsync(string endpoint, Func<DesiredState, Transition> command, CancellationToken cancellationToken) =>
        WithRollout(endpoint, await ExecuteAsync(command, NoSummary, cancellationToken));

    /// <summary>The metric-driven loops (<see cref="IControlLoop"/>) on the latest figures, stored and carried out like a command.</summary>
    private async Task RunControlLoopsAsync(CancellationToken cancellationToken)
    {
        if (_loops.Length == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (ControlLoops.Step(_loops, _desired, _figures, now) is { Next: { } next } transition && await StoreAsync(next) is null)
        {
            await CarryOutAsync(transition.Effects, cancellationToken);
            Publish();
        }
    }

    private StepFigures Seen(DesiredState state, string endpoint) =>
        state.Endpoints.GetValueOrDefault(endpoint)?.Rollout is { } rollout ? RolloutViews.Seen(rollout, _figures) : StepFigures.None;

    private ControlResult WithRollout(string endpoint, ControlResult result) =>
        result.Succeeded && _desired.Endpoints.TryGetValue(endpoint, out var state) && state.Rollout is { } rollout
            ? result with { Rollout = RolloutViews.Info(state, rollout, _figures) }
            : result;

    /// <summary>One line per autoscaling decision and per rollout step or verdict between two stored states (part of <see cref="LogChanges"/>).</summary>
    private void LogLoopChanges(DesiredState before, DesiredState after)
    {
        var now = _time.GetUtcNow();
        foreach (var (name, backend) in after.Backends)
        {
            if (backend.AutoscaleTarget is { } target && before.Backends.GetValueOrDefault(name)?.AutoscaleTarget is { } was && was != target)
            {
                Log.Autoscaled(_logger, name, was, target, StateViews.Autoscaling(name, backend, _figures, now)?.OngoingRequests ?? 0);
            }
        }

        foreach (var (name, endpoint) in after.Endpoints)
        {
            if (endpoint.Rollout is not { } rollout || ReferenceEquals(rollout, before.Endpoints.GetValueOrDefault(name)?.Rollout))
            {
                continue;
            }

            switch (rollout.Phase)
            {
                case RolloutPhase.Running:
                    Log.RolloutStep(_logger, name, rollout.To, rollout.Step, rollout.Weight, JsonSerializer.Serialize(endpoint.Traffic));
                    break;
                case RolloutPhase.RolledBack:
                    Log.RolledBack(_logger, name, rollout.To, rollout.Reason ?? string.Empty);
                    break;
                default:
                    Log.RolloutEnded(_logger, name, rollout.To, RolloutRecords.NameOf(rollout.Phase), rollout.Reason ?? string.Empty);
                    break;
            }
        }
    }
}
