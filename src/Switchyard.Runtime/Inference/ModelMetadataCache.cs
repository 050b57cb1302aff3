using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Inference;

/// <summary>
/// This node's copy of each backend's model metadata, asked once from one of its replicas. An entry stays good
/// while the replica it came from is still in the backend's lane: a change of class or init args starts new
/// replicas (new tags), so the next call asks again. Only the metadata calls use it, never an infer call.
/// </summary>
internal sealed class ModelMetadataCache
{
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, (string Replica, ModelMetadata? Metadata)> _byBackend = new(StringComparer.Ordinal);
    private readonly ILogger<ModelMetadataCache> _logger;

    public ModelMetadataCache(ILogger<ModelMetadataCache> logger) => _logger = logger;

    public async ValueTask<ModelLookup> GetAsync(BackendLane lane, CancellationToken cancellationToken)
    {
        var replicas = lane.Settings.Replicas;
        if (_byBackend.TryGetValue(lane.Name, out var cached) && Array.Exists(replicas, r => r.Tag == cached.Replica))
        {
            return new ModelLookup(true, cached.Metadata);
        }

        foreach (var slot in replicas)
        {
            try
            {
                var model = await slot.Channel.GetModelAsync(cancellationToken).ConfigureAwait(false);
                if (!model.Running)
                {
                    continue;
                }

                if (_byBackend.Count >= MaxEntries)
                {
                    _byBackend.Clear(); // deleted backends' entries: cheaper to forget all than to track them
                }

                _byBackend[lane.Name] = (slot.Tag, model.Metadata);
                return new ModelLookup(true, model.Metadata);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // That replica's node may be gone: another replica can answer.
                Log.ModelMetadataFailed(_logger, slot.Tag, ex);
            }
        }

        return new ModelLookup(false, null);
    }
}
