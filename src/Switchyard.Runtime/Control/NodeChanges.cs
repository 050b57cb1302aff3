namespace Switchyard.Runtime.Control;

/// <summary>
/// Which nodes joined and which left between two views of the cluster (node id → silo address). A node whose id
/// comes back on another address restarted: it left and joined again.
/// </summary>
internal static class NodeChanges
{
    public static (IReadOnlyList<string> Joined, IReadOnlyList<string> Left) Diff(
        IReadOnlyDictionary<string, string> before,
        IReadOnlyDictionary<string, string> now)
    {
        var joined = now.Where(n => !before.TryGetValue(n.Key, out var address) || address != n.Value).Select(n => n.Key).Order(StringComparer.Ordinal).ToList();
        var left = before.Where(n => !now.TryGetValue(n.Key, out var address) || address != n.Value).Select(n => n.Key).Order(StringComparer.Ordinal).ToList();
        return (joined, left);
    }
}
