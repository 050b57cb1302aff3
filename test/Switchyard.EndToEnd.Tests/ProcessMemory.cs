using System.Globalization;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A process's resident memory as Linux reports it in <c>/proc/PID/status</c>.</summary>
public static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS), bytes.</summary>
    public static long Resident(int pid) => Read(pid, "VmRSS:");

    /// <summary>Peak resident set since the process started (VmHWM), bytes.</summary>
    public static long Peak(int pid) => Read(pid, "VmHWM:");

    private static long Read(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"no {field} in /proc/{pid}/status");
    }
}
