using System.Diagnostics;
using System.Globalization;

namespace Switchyard.Benchmarks;

/// <summary>
/// <c>handle [--callers 64] [--replicas 2] [--seconds 8] [--warmup 3] [--types]</c>: an embedded node (real silo, real
/// router) serving a no-op function backend; <c>callers</c> concurrent loops call <see cref="ServeHandle.CallAsync{T}"/>
/// through the router for a fixed time. Ends with <c>key=value</c> lines: <c>calls_per_s</c>,
/// <c>bytes_per_call</c> (everything the process allocated while measuring, divided by the calls) and <c>cores</c>;
/// with <c>--types</c> also the bytes per call by type, sampled (<see cref="AllocationSampler"/>).
/// </summary>
internal static class HandlePath
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var callers = 64;
        var replicas = 2;
        var seconds = 8.0;
        var warmup = 3.0;
        var types = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--types")
            {
                types = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--callers": callers = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--replicas": replicas = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }

            i++;
        }

        await using var node = await NoopNode.StartAsync(replicas);
        var handle = node.Handle;
        await LoopAsync(handle, callers, TimeSpan.FromSeconds(warmup));
        using var sampler = types ? new AllocationSampler() : null;
        sampler?.Start();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var (calls, elapsed) = await LoopAsync(handle, callers, TimeSpan.FromSeconds(seconds));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        sampler?.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"handle: {callers} callers, {replicas} replicas, {calls} calls in {elapsed.TotalSeconds:0.00} s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bytes_per_call={allocated / (double)calls:0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores={cpu.TotalSeconds / elapsed.TotalSeconds:0.00}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls_per_s={calls / elapsed.TotalSeconds:0}"));
        foreach (var (type, share) in sampler?.Shares() ?? [])
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated {share * allocated / calls,6:0} B/call  {type}"));
        }
        return 0;
    }

    private static async Task<(long Calls, TimeSpan Elapsed)> LoopAsync(ServeHandle handle, int callers, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            long count = 0;
            while (watch.Elapsed < duration)
            {
                await handle.CallAsync<string>("x");
                count++;
            }

            return count;
        })));
        return (counts.Sum(), watch.Elapsed);
    }
}
