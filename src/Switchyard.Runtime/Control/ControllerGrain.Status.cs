using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Views;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>How far back the status's live figures look (the controller keeps at least <see cref="FigureRetention.Minimum"/>).</summary>
    private static readonly TimeSpan LiveWindow = TimeSpan.FromSeconds(10);

    public async Task<ClusterStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        // A probe asks the store itself; without one (the embedded store) the outcome of the last write says it.
        var storeProblem = _storeProbe is null ? _storeError : await _storeProbe.CheckAsync(cancellationToken);
        var cluster = _membership.Snapshot(includeInactive: true);
        var free = Reservations.Ledger(cluster.Alive.Select(n => n.Resources), _desired, _retired.Values, _statuses)
            .Capacities()
            .ToDictionary(c => c.NodeId, StringComparer.Ordinal);
        var nodes = cluster.Nodes.Select(n =>
        {
            var total = new ResourceAmounts(n.Resources.NumCpus, n.Resources.NumGpus, new Dictionary<string, double>(n.Resources.Custom));
            var available = free.TryGetValue(n.NodeId, out var c)
                ? new ResourceAmounts(c.FreeCpus, c.GpuFree.Sum(), new Dictionary<string, double>(c.FreeCustom))
                : new ResourceAmounts(0, 0, []);
            return new NodeStatus(n.NodeId, n.Address, n.Status, total, available);
        }).ToArray();
        return new ClusterStatus(
            nodes,
            StateViews.Backends(_desired, _statuses, _figures, _time.GetUtcNow()),
            StateViews.Endpoints(_desired, _figures),
            cluster.LocalNodeId,
            new StoreStatus(storeProblem is null, storeProblem),
            Live());
    }

    public Task<FigureSeriesSet> GetFiguresAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var views = _history.Views(now);
        var backends = views.ToDictionary(
            v => v.Key,
            v => new BackendSeries(v.Value.RequestsPerS, v.Value.ErrorRate, v.Value.P50Ms, v.Value.P99Ms, v.Value.BatchSize, v.Value.Queued, v.Value.Ongoing),
            StringComparer.Ordinal);
        return Task.FromResult(new FigureSeriesSet(_history.EndSecond(now), FigureSeries.Points, backends));
    }

    /// <summary>Each backend's answers over the last <see cref="LiveWindow"/>, over every node.</summary>
    private Dictionary<string, BackendLive> Live()
    {
        var now = _time.GetUtcNow();
        var live = new Dictionary<string, BackendLive>(StringComparer.Ordinal);
        foreach (var backend in _desired.Backends.Keys)
        {
            if (_figures.Live(backend, now, LiveWindow) is { } figures)
            {
                live[backend] = new BackendLive(figures.RequestsPerS, figures.ErrorRate, figures.P50Ms, figures.P99Ms, LiveWindow.TotalSeconds);
            }
        }

        return live;
    }
}
