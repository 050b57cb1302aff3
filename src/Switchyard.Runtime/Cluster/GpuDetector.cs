using System.Diagnostics;

namespace Switchyard.Runtime.Cluster;

/// <summary>Counts the GPUs <c>nvidia-smi -L</c> lists; 0 when it is missing or fails (never an error).</summary>
internal static class GpuDetector
{
    public static int Count()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "-L")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return 0;
            }

            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(5000) || process.ExitCode != 0)
            {
                return 0;
            }

            return output.Split('\n').Count(line => line.StartsWith("GPU ", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return 0;
        }
    }
}
