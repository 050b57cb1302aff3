using Microsoft.ML.OnnxRuntime;

namespace Switchyard.Onnx;

/// <summary>
/// Serves any ONNX model whose inputs and outputs are tensors, batched, with ONNX Runtime. Every input and output
/// by name, any rank, the protocol's datatypes; a dynamic first dimension is the batch axis: each request may
/// carry several rows, a batch stacks them and splits every output back, and requests whose other dimensions
/// differ run as separate groups of the same batch. A fixed first dimension makes the model unbatchable (each
/// request runs alone, and <c>max_batch_size</c> above 1 is refused when the backend is created).
/// Requests come through the Open Inference Protocol (<see cref="ServeRequest.Inference"/>, answered with an
/// <see cref="InferenceResponse"/>) or the endpoint's own route in a simple JSON form (see the docs), answered
/// with each output by name. Deploy it as class <c>onnx</c> with init args such as <c>{"model": "models/digits.onnx"}</c>.
/// </summary>
public sealed partial class OnnxBackend : IBatchBackend, IRequestPreparer, IInferenceBackend, ISpecValidator, IDisposable
{
    /// <summary>The short class name this backend is registered under.</summary>
    public const string Alias = "onnx";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OnnxModel _model;
    private bool _disposed;

    /// <summary>Loads the model and prepares a session for it.</summary>
    /// <param name="context">The replica's context (injected): its <see cref="ReplicaContext.ThreadCount"/> and <see cref="ReplicaContext.GpuIds"/>.</param>
    /// <param name="model">Path of the <c>.onnx</c> file, relative to the working directory or absolute.</param>
    /// <param name="intraOpThreads">Threads ONNX Runtime uses inside one operator; defaults to <see cref="ReplicaContext.ThreadCount"/>.</param>
    /// <param name="outputs">The outputs to return, by name; defaults to all (then every output must be a tensor).</param>
    /// <param name="warmup">Run the model once at load on zeros (dynamic dimensions 1), so the first request is not slow.</param>
    /// <param name="graphOptimizationLevel">ONNX Runtime's graph optimisations: <c>disabled</c>, <c>basic</c>, <c>extended</c> or <c>all</c> (default).</param>
    /// <param name="cuda">Run on the CUDA execution provider, on the replica's first assigned GPU (needs <c>num_gpus</c> and a CUDA build of ONNX Runtime).</param>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="ArgumentException">An init arg is out of range, or names no output of the model.</exception>
    /// <exception cref="NotSupportedException">An input, or a returned output, is not a tensor of a protocol datatype.</exception>
    public OnnxBackend(
        ReplicaContext context,
        string model,
        int? intraOpThreads = null,
        IReadOnlyList<string>? outputs = null,
        bool warmup = false,
        string graphOptimizationLevel = "all",
        bool cuda = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var threads = intraOpThreads ?? context.ThreadCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(intraOpThreads));

        var path = Path.GetFullPath(model);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The ONNX model file '{model}' does not exist (looked for '{path}').", path);
        }

        using var options = OnnxSessionOptions.Create(threads, graphOptimizationLevel, cuda, context);
        var session = new InferenceSession(path, options);
        try
        {
            _model = new OnnxModel(session, path, outputs);
            _session = session;
            _runOptions = new RunOptions();
            if (warmup)
            {
                Warmup(path);
            }
        }
        catch
        {
            session.Dispose();
            _runOptions?.Dispose();
            throw;
        }

        ModelPath = path;
        IntraOpThreads = threads;
    }

    /// <summary>The model file's full path.</summary>
    public string ModelPath { get; }

    /// <summary>The intra-op thread count the session was created with.</summary>
    public int IntraOpThreads { get; }

    /// <summary>The model's inputs and the returned outputs (dynamic dimensions are -1).</summary>
    public ModelMetadata Metadata => _model.Metadata;

    /// <summary>True when the model has a dynamic first dimension on every input and returned output.</summary>
    public bool IsBatchable => _model.Batchable;

    /// <summary>
    /// Prepares one request for the model: decodes the simple form, or checks a protocol request's tensors. The
    /// runtime calls this per request, concurrently, before batching, so parsing does not run in series with the
    /// model on the batch loop. A request that does not fit the model fails with 400 naming why.
    /// </summary>
    public object? Prepare(ServeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnnxRequests.TryPrepare(_model, request, out var call) is { } error ? throw new ServeException(400, error) : call;
    }

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }

    private void Warmup(string path)
    {
        var inputs = _model.Inputs.Select(OrtTensors.Zeros).ToArray();
        try
        {
            using var results = _session.Run(_runOptions, _model.InputNames, inputs, _model.OutputNames);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException($"The warmup run of '{Path.GetFileName(path)}' on zeros failed: {ex.Message}", ex);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }
}
