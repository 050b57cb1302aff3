using Switchyard.Onnx;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Benchmarks;

/// <summary>
/// What a replica of the <c>onnx</c> backend does for one batch, without HTTP or Orleans: the real
/// <see cref="OnnxBackend"/> parses each JSON body into the tensor and runs the model, then each result is
/// encoded to its HTTP body as the batch loop does.
/// </summary>
internal sealed class ReplicaWork : IDisposable
{
    private readonly OnnxBackend _backend;
    private readonly ServeRequest[] _requests;

    public ReplicaWork(string modelPath, int batch, int intraOpThreads)
    {
        var context = new ReplicaContext { BackendTag = "mlp", ReplicaTag = "mlp#bench", NodeId = "bench", NumCpus = intraOpThreads };
        _backend = new OnnxBackend(context, modelPath, intraOpThreads);
        var body = SampleBodies.FloatArray(SampleBodies.MlpFeatures, seed: 42);
        _requests = Enumerable.Range(0, batch).Select(_ => new ServeRequest("POST", "/mlp", body)).ToArray();
    }

    public int Batch => _requests.Length;

    /// <summary>Runs one batch and returns the total size of the encoded responses.</summary>
    public int Run()
    {
        var results = _backend.CallBatchAsync(_requests, CancellationToken.None).GetAwaiter().GetResult();
        var bytes = 0;
        foreach (var result in results)
        {
            bytes += ResultEncoder.Encode(result).Body.Length;
        }

        return bytes;
    }

    public void Dispose() => _backend.Dispose();
}
