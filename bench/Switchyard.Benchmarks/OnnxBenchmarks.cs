using BenchmarkDotNet.Attributes;
using Switchyard.Onnx;

namespace Switchyard.Benchmarks;

/// <summary>
/// The served model's cost per example, taken apart: ONNX Runtime alone (batch 1 and 32), the replica's work
/// (JSON parse of each body, model run, result encoding) at the same batch sizes, and the JSON parse alone (the backend's per-request preparation).
/// Batch-32 benchmarks report the cost per example (one batch divided by 32).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(QuickConfig))]
public class OnnxBenchmarks
{
    private const int Batch = 32;

    private DirectSession _ort1 = null!;
    private DirectSession _ort32 = null!;
    private ReplicaWork _replica1 = null!;
    private ReplicaWork _replica32 = null!;
    private OnnxBackend _parser = null!;
    private ServeRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var model = SampleBodies.ModelPath("mlp_bench.onnx");
        _ort1 = new DirectSession(model, 1, 1);
        _ort32 = new DirectSession(model, Batch, 1);
        _replica1 = new ReplicaWork(model, 1, 1);
        _replica32 = new ReplicaWork(model, Batch, 1);
        _parser = new OnnxBackend(new ReplicaContext { BackendTag = "mlp", ReplicaTag = "mlp#parse", NodeId = "bench" }, model, 1);
        _request = new ServeRequest("POST", "/mlp", SampleBodies.FloatArray(SampleBodies.MlpFeatures, seed: 42));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ort1.Dispose();
        _ort32.Dispose();
        _replica1.Dispose();
        _replica32.Dispose();
        _parser.Dispose();
    }

    [Benchmark]
    public float Ort_Batch1() => _ort1.Run();

    [Benchmark(OperationsPerInvoke = Batch)]
    public float Ort_Batch32_PerExample() => _ort32.Run();

    [Benchmark]
    public int Replica_Batch1() => _replica1.Run();

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Replica_Batch32_PerExample() => _replica32.Run();

    [Benchmark]
    public object? ParseBody256Floats() => _parser.Prepare(_request);
}
