using System.Diagnostics.Tracing;

namespace Switchyard.Benchmarks;

/// <summary>
/// What a loop allocates, by type: listens to the runtime's <c>GCAllocationTick</c> events (one about every 100 KB
/// allocated, naming the type of the object that crossed the mark), so each type's share of the samples is its share
/// of the bytes. Turned on by <c>handle --types</c>; sampling, so only types with a few samples are worth reading.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private volatile bool _on;

    public void Start() => _on = true;

    public void Stop() => _on = false;

    /// <summary>Each sampled type's share of the sampled bytes, largest first.</summary>
    public IReadOnlyList<(string Type, double Share)> Shares()
    {
        lock (_gate)
        {
            var total = (double)_bytes.Values.Sum();
            return [.. _bytes.OrderByDescending(p => p.Value).Select(p => (p.Key, total == 0 ? 0 : p.Value / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload![t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload![a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        lock (_gate)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
