using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>Switchyard's instruments (CONTRACT section 9), on the meter <c>Switchyard</c>.</summary>
internal sealed class SwitchyardMetrics : IDisposable
{
    public const string MeterName = "Switchyard";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _queueDuration;
    private readonly Histogram<long> _batchSize;
    private readonly UpDownCounter<long> _queued;
    private Func<IEnumerable<Measurement<long>>>? _replicas;

    public SwitchyardMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _requests = _meter.CreateCounter<long>("switchyard_requests_total", description: "Requests answered, by endpoint, backend and status.");
        _requestDuration = _meter.CreateHistogram<double>("switchyard_request_duration_seconds", "s", "Time from routing to answer.");
        _queueDuration = _meter.CreateHistogram<double>("switchyard_queue_duration_seconds", "s", "Time a request waited in a replica's batch queue.");
        _batchSize = _meter.CreateHistogram<long>("switchyard_batch_size", description: "Requests per batch.");
        _queued = _meter.CreateUpDownCounter<long>("switchyard_queued_requests", description: "Requests waiting for a replica or a batch.");
        _meter.CreateObservableGauge("switchyard_replicas", () => _replicas?.Invoke() ?? [], description: "Replicas by backend and state.");
    }

    /// <summary>Where <c>switchyard_replicas</c> is read from (this node's router, which holds the latest routing table).</summary>
    public void ObserveReplicas(Func<IEnumerable<Measurement<long>>> source) => _replicas = source;

    public void RequestCompleted(string endpoint, string backend, int status, TimeSpan duration)
    {
        var tags = new TagList { { "endpoint", endpoint }, { "backend", backend } };
        _requestDuration.Record(duration.TotalSeconds, tags);
        tags.Add("status", StatusText(status));
        _requests.Add(1, tags);
    }

    public void QueuedChanged(string backend, long delta) =>
        _queued.Add(delta, new KeyValuePair<string, object?>("backend", backend));

    public void QueueTime(string backend, TimeSpan waited) =>
        _queueDuration.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("backend", backend));

    public void BatchTaken(string backend, int size) =>
        _batchSize.Record(size, new KeyValuePair<string, object?>("backend", backend));

    public void Dispose() => _meter.Dispose();

    private static string StatusText(int status) => status switch
    {
        200 => "200",
        400 => "400",
        404 => "404",
        500 => "500",
        503 => "503",
        504 => "504",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
