using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Benchmarks;

/// <summary>
/// ONNX Runtime called directly, the way <c>OnnxBackend</c> sets it up (intra-op threads only, sequential), on
/// one fixed random input of <c>[batch, features]</c>: the physical limit a served model can approach.
/// </summary>
internal sealed class DirectSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputs;

    public DirectSession(string modelPath, int batch, int intraOpThreads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        _session = new InferenceSession(modelPath, options);
        var inputName = _session.InputNames[0];
        Features = _session.InputMetadata[inputName].Dimensions[1];
        Batch = batch;
        var random = new Random(42);
        var data = new float[batch * Features];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = random.NextSingle();
        }

        _input = OrtValue.CreateTensorValueFromMemory(data, [batch, Features]);
        _inputs = [_input];
        _inputNames = [inputName];
        _outputNames = [_session.OutputNames[0]];
    }

    public int Batch { get; }

    public int Features { get; }

    /// <summary>Runs the model once on the whole batch and returns the first output value.</summary>
    public float Run()
    {
        using var outputs = _session.Run(_runOptions, _inputNames, _inputs, _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose()
    {
        _input.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
