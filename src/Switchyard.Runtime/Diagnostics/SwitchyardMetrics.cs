using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>
/// Switchyard's instruments (CONTRACT section 9) on the meter <c>Switchyard</c>, exported by OpenTelemetry. Every
/// record takes tag values the caller already holds (names from the routing table, cached status texts), so the
/// request path builds no label strings.
/// </summary>
internal sealed class SwitchyardMetrics : IDisposable
{
    public const string MeterName = "Switchyard";

    private static readonly double[] SecondsBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly long[] SizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _queueDuration;
    private readonly Histogram<long> _batchSize;
    private readonly UpDownCounter<long> _queued;
    private readonly Counter<long> _replicaStarts;
    private Func<IEnumerable<Measurement<long>>>? _replicas;
    private Func<IEnumerable<Measurement<long>>>? _autoscalingTargets;
    private Func<IEnumerable<Measurement<long>>>? _rolloutSteps;
    private Func<long>? _bufferedBodyBytes;

    public SwitchyardMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("switchyard_requests_total", description: "Requests answered through a route or handle, by endpoint, backend and status.");
        _requestDuration = _meter.CreateHistogram("switchyard_request_duration_seconds", "s", "Time from routing to answer, by endpoint and backend.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _queueDuration = _meter.CreateHistogram("switchyard_queue_duration_seconds", "s", "Time a request waited at a replica before its backend call began (for a concurrency slot, then in the batch queue).", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _batchSize = _meter.CreateHistogram("switchyard_batch_size", unit: null, "Requests per backend call (a plain backend's calls are batches of one).", advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBuckets });
        _queued = _meter.CreateUpDownCounter<long>("switchyard_queued_requests", description: "Requests waiting for a replica (in a router) or for a batch (in a replica).");
        _replicaStarts = _meter.CreateCounter<long>("switchyard_replica_starts_total", description: "Replicas of a backend that started on this node.");
        _meter.CreateObservableGauge("switchyard_replicas", () => _replicas?.Invoke() ?? [], description: "Replicas by backend and state, from this node's routing table.");
        _meter.CreateObservableGauge("switchyard_autoscaling_target_replicas", () => _autoscalingTargets?.Invoke() ?? [], description: "The autoscaler's target replica count by backend; -1 when the backend is not autoscaled.");
        _meter.CreateObservableGauge("switchyard_rollout_step", () => _rolloutSteps?.Invoke() ?? [], description: "Index of the endpoint's current rollout step; -1 when none runs.");
        _meter.CreateObservableGauge("switchyard_buffered_request_bytes", () => _bufferedBodyBytes?.Invoke() ?? 0, unit: "By", description: "Bytes of request bodies this node's ingress holds now, of its MaxBufferedBodyBytes budget.");
    }

    /// <summary>
    /// Where the gauges are read from at collection time (this node's router, which holds the latest routing
    /// table): replicas by backend and state, autoscaling targets by backend, rollout steps by endpoint.
    /// </summary>
    public void Observe(
        Func<IEnumerable<Measurement<long>>> replicas,
        Func<IEnumerable<Measurement<long>>> autoscalingTargets,
        Func<IEnumerable<Measurement<long>>> rolloutSteps)
    {
        _replicas = replicas;
        _autoscalingTargets = autoscalingTargets;
        _rolloutSteps = rolloutSteps;
    }

    /// <summary>Where the ingress's body budget is read from at collection time.</summary>
    public void ObserveBufferedBodies(Func<long> held) => _bufferedBodyBytes = held;

    /// <summary>Makes a backend's counter series exist (at 0) from the moment the backend does.</summary>
    public void BackendAppeared(string backend)
    {
        var tag = new KeyValuePair<string, object?>("backend", backend);
        _queued.Add(0, tag);
        _replicaStarts.Add(0, tag);
    }

    public void RequestCompleted(string endpoint, string backend, int status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "backend", backend } };
        _requestDuration.Record(duration.TotalSeconds, tags);
        tags.Add("status", StatusTexts.Of(status));
        _requests.Add(1, tags);
    }

    /// <summary>This node's own counts of batches and waiting requests per backend, for its figure reports.</summary>
    public BackendTallies Tallies { get; } = new();

    public void QueuedChanged(string backend, long delta)
    {
        _queued.Add(delta, new KeyValuePair<string, object?>("backend", backend));
        Tallies.Of(backend).QueuedChanged(delta);
    }

    public void QueueTime(string backend, TimeSpan waited) =>
        _queueDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("backend", backend));

    public void BatchTaken(string backend, int size)
    {
        _batchSize.Record(size, new KeyValuePair<string, object?>("backend", backend));
        Tallies.Of(backend).BatchTaken(size);
    }

    public void ReplicaStarted(string backend) =>
        _replicaStarts.Add(1, new KeyValuePair<string, object?>("backend", backend));

    public void Dispose() => _meter.Dispose();
}
