namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// Nodes that just failed to answer the controller (a replica there unreachable, a start there refused): nothing new is
/// placed on them for a while, so replacements go to nodes that answer rather than to one that is dying but not yet
/// declared dead (its closed port would refuse them, and their backoff would grow). Keyed by the node's silo address,
/// so the same node id back on a fresh silo is not suspect; any answer from the node clears it. Pure logic.
/// </summary>
internal sealed class SuspectNodes(TimeProvider time)
{
    /// <summary>How long a node stays suspect without a new failure or an answer.</summary>
    public static TimeSpan Period { get; } = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, long> _since = new(StringComparer.Ordinal);

    public void Suspect(string address) => _since[address] = time.GetTimestamp();

    public void Clear(string address) => _since.Remove(address);

    public bool IsSuspect(string address)
    {
        if (!_since.TryGetValue(address, out var since))
        {
            return false;
        }

        if (time.GetElapsedTime(since) < Period)
        {
            return true;
        }

        _since.Remove(address);
        return false;
    }
}
