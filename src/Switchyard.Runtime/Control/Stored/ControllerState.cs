namespace Switchyard.Runtime.Control.Stored;

/// <summary>The controller's persisted desired state: written before any change is acknowledged.</summary>
[GenerateSerializer, Alias("switchyard.ControllerState")]
internal sealed class ControllerState
{
    [Id(0)] public Dictionary<string, BackendRecord> Backends { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, EndpointRecord> Endpoints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Source of unique replica tags, never reused.</summary>
    [Id(2)] public long NextReplicaId { get; set; }

    /// <summary>Outcomes of recent calls by idempotency key, oldest first (added after the first release: absent in older state).</summary>
    [Id(3)] public List<CallRecord> Calls { get; set; } = [];

    /// <summary>
    /// New with every write, so a write whose answer was lost can be told from one that never landed by reading the
    /// state back (absent, so empty, in older state).
    /// </summary>
    [Id(4)] public Guid WriteId { get; set; }
}
