using BenchmarkDotNet.Attributes;

namespace Switchyard.Benchmarks;

/// <summary>
/// One <see cref="ServeHandle.CallAsync{T}"/> through the router to a local replica of a no-op function backend
/// (an embedded node, 2 replicas): the bytes it allocates (issue 14's target: at most 512) and its latency alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class HandleCallBenchmarks
{
    private NoopNode _node = null!;

    [GlobalSetup]
    public void Setup() => _node = NoopNode.StartAsync(2).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _node.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Called from the thread pool, as a request handler would (the in-process toolchain's thread has no context either).</summary>
    [Benchmark]
    public Task<string?> CallAsync() => _node.Handle.CallAsync<string>("x");
}
