using Switchyard.Runtime.Control;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

/// <summary>
/// This node's figures between two reports: ongoing requests sampled from every lane and averaged, and the requests
/// each lane answered since the last report the controller acknowledged (so a lost report's counts go with the
/// next), with the node's batches and waiting requests from its <see cref="BackendTallies"/>. Runs on the reporter's
/// loop only; reads lanes' counters, never locks them.
/// </summary>
internal sealed class FigureCollector(BackendTallies? tallies = null)
{
    private readonly Dictionary<string, LaneState> _lanes = new(StringComparer.Ordinal);
    private readonly BackendTallies _tallies = tallies ?? new BackendTallies();

    /// <summary>Takes one sample of each lane's ongoing requests.</summary>
    public void Sample(IReadOnlyList<BackendLane> lanes)
    {
        foreach (var lane in lanes)
        {
            var state = StateOf(lane);
            state.OngoingSum += lane.Ongoing;
            state.QueuedSum += Math.Max(0, state.Tally.Queued);
            state.Samples++;
        }
    }

    /// <summary>The report for the lanes there are now, from the samples and counts since the last <see cref="Commit"/>.</summary>
    public FigureReport Build(string nodeId, TimeSpan interval, IReadOnlyList<BackendLane> lanes)
    {
        var backends = new BackendFigureReport[lanes.Count];
        for (var i = 0; i < lanes.Count; i++)
        {
            var lane = lanes[i];
            var state = StateOf(lane);
            lane.Figures.ReadStatusClasses(state.PendingStatus);
            lane.Figures.ReadLatency(state.PendingLatency);
            var statusClasses = new long[state.PendingStatus.Length];
            for (var c = 0; c < statusClasses.Length; c++)
            {
                statusClasses[c] = state.PendingStatus[c] - state.Status[c];
            }

            var buckets = new List<int>();
            var counts = new List<long>();
            for (var b = 0; b < state.PendingLatency.Length; b++)
            {
                if (state.PendingLatency[b] - state.Latency[b] is var count and > 0)
                {
                    buckets.Add(b);
                    counts.Add(count);
                }
            }

            state.PendingBatches = state.Tally.Batches;
            state.PendingBatched = state.Tally.BatchedRequests;
            backends[i] = new BackendFigureReport
            {
                Backend = lane.Name,
                OngoingRequests = state.Samples == 0 ? lane.Ongoing : state.OngoingSum / state.Samples,
                QueuedRequests = state.Samples == 0 ? Math.Max(0, state.Tally.Queued) : state.QueuedSum / state.Samples,
                Batches = state.PendingBatches - state.Batches,
                BatchedRequests = state.PendingBatched - state.Batched,
                StatusClasses = statusClasses,
                LatencyBuckets = [.. buckets],
                LatencyCounts = [.. counts],
            };
        }

        foreach (var name in _lanes.Keys.Where(n => !lanes.Any(l => l.Name == n)).ToList())
        {
            _lanes.Remove(name);
        }

        return new FigureReport { NodeId = nodeId, IntervalS = interval.TotalSeconds, Backends = backends };
    }

    /// <summary>The controller has <paramref name="report"/>: the next one counts from where it ended.</summary>
    public void Commit(FigureReport report)
    {
        foreach (var backend in report.Backends)
        {
            if (_lanes.TryGetValue(backend.Backend, out var state))
            {
                state.PendingStatus.CopyTo(state.Status, 0);
                state.PendingLatency.CopyTo(state.Latency, 0);
                state.Batches = state.PendingBatches;
                state.Batched = state.PendingBatched;
                state.OngoingSum = 0;
                state.QueuedSum = 0;
                state.Samples = 0;
            }
        }
    }

    private LaneState StateOf(BackendLane lane)
    {
        // A lane made afresh (its backend deleted and created again) counts from zero.
        if (!_lanes.TryGetValue(lane.Name, out var state) || !ReferenceEquals(state.Figures, lane.Figures))
        {
            _lanes[lane.Name] = state = new LaneState(lane.Figures, _tallies.Of(lane.Name));
            state.Batches = state.PendingBatches = state.Tally.Batches;
            state.Batched = state.PendingBatched = state.Tally.BatchedRequests;
        }

        return state;
    }

    private sealed class LaneState(LaneFigures figures, BackendTally tally)
    {
        public LaneFigures Figures { get; } = figures;

        public BackendTally Tally { get; } = tally;

        public long Batches { get; set; }

        public long Batched { get; set; }

        public long PendingBatches { get; set; }

        public long PendingBatched { get; set; }

        public double QueuedSum { get; set; }

        public long[] Status { get; } = new long[5];

        public long[] Latency { get; } = new long[LatencyBuckets.Count];

        public long[] PendingStatus { get; } = new long[5];

        public long[] PendingLatency { get; } = new long[LatencyBuckets.Count];

        public double OngoingSum { get; set; }

        public int Samples { get; set; }
    }
}
