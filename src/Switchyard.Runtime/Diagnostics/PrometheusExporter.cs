using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>
/// Aggregates the <c>Switchyard</c> meter's measurements and renders them in the Prometheus text format for
/// <c>GET /metrics</c>. Replica counts come from the controller at scrape time.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] SizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<SeriesKey, Sum> _sums = new();
    private readonly ConcurrentDictionary<SeriesKey, Histogram> _histograms = new();
    private readonly ConcurrentDictionary<SeriesKey, Sum> _gauges = new();
    private readonly object _renderLock = new();
    private readonly ConcurrentDictionary<string, (string Type, string Help)> _meta = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SwitchyardMetrics.MeterName)
            {
                var type = instrument switch
                {
                    Counter<long> => "counter",
                    UpDownCounter<long> or ObservableGauge<long> => "gauge",
                    _ => "histogram",
                };
                _meta[instrument.Name] = (type, instrument.Description ?? instrument.Name);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument is ObservableGauge<long>)
        {
            // Observed at scrape time: the current value, not a running sum.
            var gauge = new Sum(Labels(tags));
            gauge.Add(value);
            _gauges[new SeriesKey(instrument.Name, Value(tags, 0), Value(tags, 1), Value(tags, 2))] = gauge;
            return;
        }

        // The key holds references to the tag values the caller already has: no string is built per measurement.
        var key = new SeriesKey(instrument.Name, Value(tags, 0), Value(tags, 1), Value(tags, 2));
        if (instrument is Histogram<double> or Histogram<long>)
        {
            if (!_histograms.TryGetValue(key, out var histogram))
            {
                var buckets = instrument.Unit == "s" ? SecondsBuckets : SizeBuckets;
                histogram = _histograms.GetOrAdd(key, new Histogram(buckets, Labels(tags)));
            }

            histogram.Record(value);
        }
        else
        {
            if (!_sums.TryGetValue(key, out var sum))
            {
                sum = _sums.GetOrAdd(key, new Sum(Labels(tags)));
            }

            sum.Add(value);
        }
    }

    private static string? Value(ReadOnlySpan<KeyValuePair<string, object?>> tags, int index) =>
        index < tags.Length ? tags[index].Value as string : null;

    public string Render()
    {
        lock (_renderLock)
        {
            _gauges.Clear();
            _listener.RecordObservableInstruments();
            return RenderCore();
        }
    }

    private string RenderCore()
    {
        var text = new StringBuilder();
        foreach (var group in _sums.GroupBy(s => s.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key);
            foreach (var (key, sum) in group.OrderBy(s => s.Value.Labels, StringComparer.Ordinal))
            {
                text.Append(key.Name).Append(Braces(sum.Labels)).Append(' ').Append(Format(sum.Value)).Append('\n');
            }
        }

        foreach (var group in _histograms.GroupBy(h => h.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key);
            foreach (var (key, histogram) in group.OrderBy(h => h.Value.Labels, StringComparer.Ordinal))
            {
                histogram.Render(text, key.Name);
            }
        }

        foreach (var group in _gauges.GroupBy(g => g.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Header(text, group.Key);
            foreach (var (key, gauge) in group.OrderBy(g => g.Value.Labels, StringComparer.Ordinal))
            {
                text.Append(key.Name).Append(Braces(gauge.Labels)).Append(' ').Append(Format(gauge.Value)).Append('\n');
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Header(StringBuilder text, string name)
    {
        if (_meta.TryGetValue(name, out var meta))
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(meta.Help).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(meta.Type).Append('\n');
        }
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            parts.Add($"{key}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(",", parts);
    }

    private static string Braces(string labels) => labels.Length == 0 ? string.Empty : "{" + labels + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private readonly record struct SeriesKey(string Name, string? First, string? Second, string? Third);

    private sealed class Sum(string labels)
    {
        private double _value;
        private readonly object _lock = new();

        public string Labels { get; } = labels;

        public double Value
        {
            get
            {
                lock (_lock)
                {
                    return _value;
                }
            }
        }

        public void Add(double delta)
        {
            lock (_lock)
            {
                _value += delta;
            }
        }
    }

    private sealed class Histogram
    {
        private readonly double[] _bounds;
        private readonly long[] _counts;
        private readonly object _lock = new();
        private double _sum;
        private long _count;

        public Histogram(double[] bounds, string labels)
        {
            _bounds = bounds;
            _counts = new long[bounds.Length];
            Labels = labels;
        }

        public string Labels { get; }

        public void Record(double value)
        {
            lock (_lock)
            {
                for (var i = 0; i < _bounds.Length; i++)
                {
                    if (value <= _bounds[i])
                    {
                        _counts[i]++;
                    }
                }

                _sum += value;
                _count++;
            }
        }

        public void Render(StringBuilder text, string name)
        {
            var labels = Labels;
            lock (_lock)
            {
                var prefix = labels.Length == 0 ? string.Empty : labels + ",";
                for (var i = 0; i < _bounds.Length; i++)
                {
                    text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"").Append(Format(_bounds[i])).Append("\"} ").Append(_counts[i]).Append('\n');
                }

                text.Append(name).Append("_bucket{").Append(prefix).Append("le=\"+Inf\"} ").Append(_count).Append('\n');
                text.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Format(_sum)).Append('\n');
                text.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(_count).Append('\n');
            }
        }
    }
}
