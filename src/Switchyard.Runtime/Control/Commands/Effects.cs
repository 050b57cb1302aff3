using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>What the controller does to replicas after an accepted transition is stored (routing is always republished).</summary>
internal sealed record Effects
{
    public static Effects None { get; } = new();

    /// <summary>Backends whose replicas move towards their (new) desired count and generation now.</summary>
    public IReadOnlyList<string> Reconcile { get; init; } = [];

    /// <summary>Backends whose new config goes to their running replicas without restarting them.</summary>
    public IReadOnlyList<string> Reconfigure { get; init; } = [];

    /// <summary>Backends removed from the desired state, as they were: all of their replicas drain.</summary>
    public IReadOnlyList<KeyValuePair<string, BackendState>> Retire { get; init; } = [];
}
