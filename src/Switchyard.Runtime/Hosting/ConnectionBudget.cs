using System.Globalization;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// How many connections each of the node's ports (ingress and admin; silo and gateway) may hold at once, from the process's limit
/// on open files: a flood of idle connections to one port then cannot take the descriptors the other port, the
/// silo, the store and the runtime need (when all are gone, the node can neither answer nor stay in its cluster).
/// A fifth of the limit (at least 512: an idle node alone holds about 270 descriptors, most of them its loaded
/// assemblies) stays for those; each port gets half of the rest, at most 50,000.
/// </summary>
internal static class ConnectionBudget
{
    public const long Reserved = 512;
    public const long MostPerPort = 50_000;
    public const long FewestPerPort = 32;

    /// <summary>Connections per HTTP port for a process that may open <paramref name="openFiles"/> files.</summary>
    public static long PerPort(long openFiles) =>
        Math.Clamp((openFiles - ReservedOf(openFiles)) / 2, FewestPerPort, MostPerPort);

    /// <summary>
    /// Connections per Orleans port (silo and gateway): an eighth of what is kept back each, at least 16 and at most
    /// 10,000, so that both together leave three quarters of it to the runtime, the store and outbound links.
    /// </summary>
    public static long PerClusterPort(long openFiles) => Math.Clamp(ReservedOf(openFiles) / 8, 16, 10_000);

    private static long ReservedOf(long openFiles) => Math.Max(Reserved, openFiles / 5);

    /// <summary>This process's limit on open files (its soft limit, which .NET raises to the hard one at start), or null where it cannot be read (not Linux).</summary>
    public static long? OpenFileLimit()
    {
        try
        {
            return File.Exists("/proc/self/limits") ? Parse(File.ReadLines("/proc/self/limits")) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The soft limit of the "Max open files" line of <c>/proc/self/limits</c>; null when absent or "unlimited".</summary>
    public static long? Parse(IEnumerable<string> limits)
    {
        foreach (var line in limits)
        {
            if (line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) ? soft : null;
            }
        }

        return null;
    }
}
