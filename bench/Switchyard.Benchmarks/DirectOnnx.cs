using System.Diagnostics;
using System.Globalization;

namespace Switchyard.Benchmarks;

/// <summary>
/// <c>direct [--mode ort|replica] [--model FILE] [--batch 32] [--threads 1] [--seconds 10] [--warmup 2]</c>: runs
/// batches in a loop for a fixed time and prints examples per second. <c>ort</c> (the default) calls ONNX Runtime
/// on a prepared tensor: the physical limit. <c>replica</c> adds what a replica does per batch besides
/// messaging: parsing every JSON body and encoding every result. It ends with <c>key=value</c> lines:
/// <c>cpu_us_per_example</c>, <c>cores</c> (process CPU over the measured time) and <c>examples_per_s</c>.
/// </summary>
internal static class DirectOnnx
{
    public static int Run(string[] args, TextWriter output)
    {
        var mode = "ort";
        string? model = null;
        var batch = 32;
        var threads = 1;
        var seconds = 10.0;
        var warmup = 2.0;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value");
            switch (args[i])
            {
                case "--mode": mode = value; break;
                case "--model": model = value; break;
                case "--batch": batch = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }

            i++;
        }

        model ??= SampleBodies.ModelPath("mlp_bench.onnx");
        Func<int> runBatch;
        IDisposable resource;
        switch (mode)
        {
            case "ort":
                var session = new DirectSession(model, batch, threads);
                runBatch = () => (int)session.Run();
                resource = session;
                break;
            case "replica":
                var work = new ReplicaWork(model, batch, threads);
                runBatch = work.Run;
                resource = work;
                break;
            default:
                throw new ArgumentException($"--mode must be 'ort' or 'replica' (got '{mode}')");
        }

        using (resource)
        {
            Loop(runBatch, TimeSpan.FromSeconds(warmup));
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var (batches, elapsed) = Loop(runBatch, TimeSpan.FromSeconds(seconds));
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            var examples = batches * (double)batch;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"direct {mode}: {Path.GetFileName(model)}, batch {batch}, {threads} intra-op thread(s): {batches} batches in {elapsed.TotalSeconds:0.00} s, {batches / elapsed.TotalSeconds:0.0} batches/s"));
            // CPU per example and cores used tell a starved run (cores well below the thread count) from a slow one.
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu_us_per_example={cpu.TotalMicroseconds / examples:0.0}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cores={cpu.TotalSeconds / elapsed.TotalSeconds:0.00}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"examples_per_s={examples / elapsed.TotalSeconds:0.0}"));
        }

        return 0;
    }

    private static (long Batches, TimeSpan Elapsed) Loop(Func<int> runBatch, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        long batches = 0;
        var sink = 0;
        while (watch.Elapsed < duration)
        {
            sink ^= runBatch();
            batches++;
        }

        GC.KeepAlive(sink);
        return (batches, watch.Elapsed);
    }
}
