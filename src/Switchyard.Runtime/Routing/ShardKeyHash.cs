namespace Switchyard.Runtime.Routing;

/// <summary>
/// A hash that is the same in every process, on every machine and across releases (unlike
/// <see cref="string.GetHashCode()"/>): FNV-1a over the key's UTF-16 code units, then the MurmurHash3 finalizer
/// so that similar keys spread over the whole space.
/// </summary>
internal static class ShardKeyHash
{
    public static uint Point(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return (uint)(hash >> 32);
    }
}
