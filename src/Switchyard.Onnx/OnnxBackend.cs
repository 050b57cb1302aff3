using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Switchyard.Onnx;

/// <summary>
/// Serves an ONNX model on CPU with ONNX Runtime. A request is one example: a JSON array of numbers as long as
/// the model's feature dimension, or <c>{"inputs": [...]}</c> holding it. A batch runs as one
/// <c>[N, features]</c> tensor, and each request gets its row of the output as an <see cref="OnnxResult"/>.
/// Deploy it as class <c>onnx</c> with init args such as <c>{"model": "models/digits.onnx"}</c>.
/// </summary>
public sealed class OnnxBackend : IBatchBackend, IRequestPreparer, IDisposable
{
    /// <summary>The short class name this backend is registered under.</summary>
    public const string Alias = "onnx";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private bool _disposed;

    /// <summary>Loads the model and prepares a session for it.</summary>
    /// <param name="context">The replica's context (injected); its <see cref="ReplicaContext.ThreadCount"/> is the default thread count.</param>
    /// <param name="model">Path of the <c>.onnx</c> file, relative to the working directory or absolute.</param>
    /// <param name="intraOpThreads">Threads ONNX Runtime uses inside one operator; defaults to <see cref="ReplicaContext.ThreadCount"/>.</param>
    /// <param name="input">The input to feed (a float32 <c>[N, features]</c> tensor); defaults to the model's first input.</param>
    /// <param name="output">The output to return (float32, batch dimension first); defaults to the model's first output.</param>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="ArgumentException">No input or output has the given name.</exception>
    /// <exception cref="NotSupportedException">The model's input or output is not a shape this backend can batch.</exception>
    public OnnxBackend(ReplicaContext context, string model, int? intraOpThreads = null, string? input = null, string? output = null)
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

        // One replica gets its CPUs for intra-op parallelism only: the batch loop runs one model call at a time,
        // so inter-op threads and parallel execution would just oversubscribe the reserved cores.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        var session = new InferenceSession(path, options);
        try
        {
            (InputName, FeatureCount) = ChooseInput(session, input, path);
            OutputName = ChooseOutput(session, output, path);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        _session = session;
        _runOptions = new RunOptions();
        _inputNames = [InputName];
        _outputNames = [OutputName];
        ModelPath = path;
        IntraOpThreads = threads;
    }

    /// <summary>The model file's full path.</summary>
    public string ModelPath { get; }

    /// <summary>The name of the input requests are fed to.</summary>
    public string InputName { get; }

    /// <summary>The name of the output returned to each request.</summary>
    public string OutputName { get; }

    /// <summary>The number of values one request must carry (the input's second dimension).</summary>
    public int FeatureCount { get; }

    /// <summary>The intra-op thread count the session was created with.</summary>
    public int IntraOpThreads { get; }

    /// <summary>
    /// Runs the valid requests as one batch and returns one result per request, in order: an
    /// <see cref="OnnxResult"/>, or for a malformed request a 400 problem+json <see cref="ServeResponse"/>
    /// (so one bad request does not fail the others).
    /// </summary>
    /// <param name="requests">The batch, oldest request first.</param>
    /// <param name="cancellationToken">Checked before the model runs.</param>
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // Synchronous on purpose: the runtime calls from a thread-pool thread, and ONNX Runtime's Run blocks anyway.
        return ValueTask.FromResult(Run(requests));
    }

    /// <summary>
    /// Parses one request's body into its input row. The runtime calls this per request, concurrently, before
    /// batching, so JSON parsing does not run in series with the model on the batch loop. A bad body fails with 400.
    /// </summary>
    public object? Prepare(ServeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var row = new float[FeatureCount];
        var error = RequestParser.TryParse(request.Body.Span, row);
        return error is null ? row : throw new ServeException(400, error);
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

    private IReadOnlyList<object?> Run(IReadOnlyList<ServeRequest> requests)
    {
        var results = new object?[requests.Count];
        var features = FeatureCount;
        var buffer = ArrayPool<float>.Shared.Rent(checked(requests.Count * features));
        try
        {
            // Each valid request is parsed straight into the next free row; a bad one leaves its row to be
            // overwritten, so the tensor holds only valid rows, packed, in request order.
            var requestOfRow = new int[requests.Count];
            var rows = 0;
            for (var i = 0; i < requests.Count; i++)
            {
                if (requests[i].Prepared is float[] prepared && prepared.Length == features)
                {
                    prepared.CopyTo(buffer.AsSpan(rows * features, features));
                    requestOfRow[rows++] = i;
                    continue;
                }

                // Not prepared (called directly, not through a replica): parse here.
                var error = RequestParser.TryParse(requests[i].Body.Span, buffer.AsSpan(rows * features, features));
                if (error is null)
                {
                    requestOfRow[rows++] = i;
                }
                else
                {
                    results[i] = BadRequest.Create(error);
                }
            }

            if (rows > 0)
            {
                RunRows(buffer, rows, requestOfRow, results);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }

        return results;
    }

    private void RunRows(float[] buffer, int rows, int[] requestOfRow, object?[] results)
    {
        var features = FeatureCount;

        // The [rows, features] tensor pins the packed buffer rather than copying it; the output is read in place.
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, rows * features), [rows, features]);
        using var outputs = _session.Run(_runOptions, _inputNames, [input], _outputNames);
        var output = outputs[0];
        var shape = output.GetTensorTypeAndShape().Shape;
        var data = output.GetTensorDataAsSpan<float>();
        if (shape.Length == 0 || shape[0] != rows || data.Length % rows != 0)
        {
            throw new InvalidOperationException(
                $"Output '{OutputName}' of '{ModelPath}' has shape [{string.Join(", ", shape)}] for a batch of {rows}; its first dimension must be the batch.");
        }

        var width = data.Length / rows;
        for (var r = 0; r < rows; r++)
        {
            var row = data.Slice(r * width, width).ToArray();
            results[requestOfRow[r]] = new OnnxResult(row, ArgMax(row));
        }
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static (string Name, int Features) ChooseInput(InferenceSession session, string? requested, string path)
    {
        var names = session.InputNames;
        var name = requested ?? names.FirstOrDefault()
            ?? throw new NotSupportedException($"The model '{path}' has no inputs.");
        if (!session.InputMetadata.TryGetValue(name, out var metadata))
        {
            throw new ArgumentException($"The model '{path}' has no input '{name}'; its inputs are: {string.Join(", ", names)}.", "input");
        }

        // ONNX Runtime needs every graph input on each run, and a request carries exactly one array.
        if (names.Count != 1)
        {
            throw new NotSupportedException($"The model '{path}' has {names.Count} inputs ({string.Join(", ", names)}); OnnxBackend feeds exactly one.");
        }

        var dims = metadata.IsTensor ? metadata.Dimensions : [];
        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float || dims.Length != 2 || dims[0] > 0 || dims[1] <= 0)
        {
            throw new NotSupportedException(
                $"Input '{name}' of '{path}' is {Describe(metadata)}; OnnxBackend needs a float32 [N, features] tensor with a dynamic batch dimension N and a fixed feature count.");
        }

        return (name, dims[1]);
    }

    private static string ChooseOutput(InferenceSession session, string? requested, string path)
    {
        var names = session.OutputNames;
        var name = requested ?? names.FirstOrDefault()
            ?? throw new NotSupportedException($"The model '{path}' has no outputs.");
        if (!session.OutputMetadata.TryGetValue(name, out var metadata))
        {
            throw new ArgumentException($"The model '{path}' has no output '{name}'; its outputs are: {string.Join(", ", names)}.", "output");
        }

        if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Float || metadata.Dimensions.Length == 0)
        {
            throw new NotSupportedException(
                $"Output '{name}' of '{path}' is {Describe(metadata)}; OnnxBackend needs a float32 tensor whose first dimension is the batch.");
        }

        return name;
    }

    private static string Describe(NodeMetadata metadata) =>
        metadata.IsTensor
            ? $"a {metadata.ElementDataType} tensor of shape [{string.Join(", ", metadata.Dimensions.Select((d, i) => d > 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : metadata.SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]"
            : $"a {metadata.OnnxValueType} value";
}
