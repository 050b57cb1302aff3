using BenchmarkDotNet.Attributes;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Benchmarks;

/// <summary>Turning a backend's result into the HTTP body: a string, and a 10-value classifier result as JSON.</summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class ResultEncoderBenchmarks
{
    private readonly object _onnx = new { output = new[] { 0.1f, -0.25f, 0.33f, 1.5f, -2.75f, 0.01f, 0.5f, 3.125f, -0.5f, 0.75f }, label = 7 };

    [Benchmark(Baseline = true)]
    public int Text() => ResultEncoder.Encode("ok").Body.Length;

    [Benchmark]
    public int ClassifierResultJson() => ResultEncoder.Encode(_onnx).Body.Length;
}
