using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Switchyard.Benchmarks;

/// <summary>
/// A short in-process job (3 warm-up and 5 measured iterations of 250 ms), so the whole suite takes a few minutes
/// on two cores and builds nothing besides this project. Good enough for ratios and allocation counts.
/// </summary>
public sealed class QuickConfig : ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.Default
            .WithId("quick")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
