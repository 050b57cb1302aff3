using System.Collections.Concurrent;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>This node's <see cref="BackendTally"/> per backend, kept beside the metric instruments that count the same events.</summary>
internal sealed class BackendTallies
{
    private readonly ConcurrentDictionary<string, BackendTally> _byBackend = new(StringComparer.Ordinal);

    /// <summary>The backend's tally, made on first use.</summary>
    public BackendTally Of(string backend) =>
        _byBackend.TryGetValue(backend, out var tally) ? tally : _byBackend.GetOrAdd(backend, static _ => new BackendTally());
}
